/**
 * The five narrated scenarios of elections beyond Figure 2 (issue 13, item 6): each reaches
 * the outcome its description promises, and the contrasting one when the option (or step)
 * that makes the difference is taken away. Each run goes through runScenario, the runner of
 * `npm run sim`, with the safety checker after every event; an option is "forced" on or off
 * for a whole run as the CLI's --preVote / --checkQuorum do, with the scenario's own
 * `options` steps (a person flipping the switch mid-run) left out.
 *
 * Each test applies one measure to both runs and expects opposite answers, so a measure that
 * could not tell them apart fails. Times are virtual ms.
 */
import { describe, expect, it } from 'vitest';
import type { NodeId, Role } from '../../raft/types';
import type { Processed } from '../core/world';
import { runScenario } from '../headless/run';
import type { Scenario, ScenarioOptions } from './scenario';
import { builtInScenario } from './builtIn';

function scenario(name: string): Scenario {
  const s = builtInScenario(name);
  if (!s) throw new Error(`no built-in scenario ${name}`);
  return s;
}

/** A node as these tests look at it after an event: crashed nodes have role `crashed`. */
interface Seen {
  readonly id: NodeId;
  readonly role: Role | 'crashed';
  readonly term: number;
  readonly commitIndex: number;
  readonly logLength: number;
}

interface Moment {
  readonly t: number;
  readonly event: Processed['event'];
  readonly wire: Processed['wire'];
  readonly nodes: readonly Seen[];
}

interface Run {
  readonly moments: readonly Moment[];
  readonly acked: ReadonlyMap<string, number>;
  /** The nodes after the last event at or before `t`. */
  at(t: number): readonly Seen[];
  node(id: NodeId, t: number): Seen;
  /** Moments in the window (from, to]. */
  between(from: number, to: number): readonly Moment[];
}

/** Runs a scenario to its end through the CLI's runner; fails on any safety violation. */
function run(s: Scenario): Run {
  const moments: Moment[] = [];
  const acked = new Map<string, number>();
  const { violations } = runScenario(s, {
    onEvent: (p, w) => {
      if (p.event.kind === 'clientAck' && !acked.has(p.event.id)) acked.set(p.event.id, p.t);
      moments.push({
        t: p.t,
        event: p.event,
        wire: p.wire,
        nodes: w.nodeStates().map((n) => ({
          id: n.id,
          role: n.up ? n.role : 'crashed',
          term: n.term,
          commitIndex: n.commitIndex,
          logLength: n.log.length,
        })),
      });
    },
  });
  expect(violations.map((v) => v.message)).toEqual([]);
  const at = (t: number) => {
    let last: Moment | undefined;
    for (const m of moments) if (m.t <= t) last = m;
    if (!last) throw new Error(`no event by ${t}`);
    return last.nodes;
  };
  return {
    moments,
    acked,
    at,
    node: (id, t) => at(t).find((n) => n.id === id)!,
    between: (from, to) => moments.filter((m) => m.t > from && m.t <= to),
  };
}

/** The scenario with `options` forced for the whole run: its own `options` steps are left out. */
function forced(s: Scenario, options: ScenarioOptions): Scenario {
  return { ...s, steps: s.steps.filter((x) => x.do !== 'options'), options: { ...s.options, ...options } };
}

/** The scenario without its steps of one kind. */
function without(s: Scenario, kind: Scenario['steps'][number]['do']): Scenario {
  return { ...s, steps: s.steps.filter((x) => x.do !== kind) };
}

const leadersIn = (nodes: readonly Seen[]) => nodes.filter((n) => n.role === 'leader');
const maxTerm = (nodes: readonly Seen[]) => Math.max(...nodes.map((n) => n.term));

/** Who became leader in the window (from, to], in order, as `S2@4` (id@term). */
function elected(r: Run, from: number, to: number): string[] {
  const out: string[] = [];
  let before = new Set(leadersIn(r.at(from)).map((n) => `${n.id}@${n.term}`));
  for (const m of r.between(from, to)) {
    const now = new Set(leadersIn(m.nodes).map((n) => `${n.id}@${n.term}`));
    for (const l of now) if (!before.has(l)) out.push(l);
    before = now;
  }
  return out;
}

/** The first moment in (from, to] at which `pred` holds, or undefined. */
function first(r: Run, from: number, to: number, pred: (m: Moment) => boolean): Moment | undefined {
  return r.between(from, to).find(pred);
}

// -----------------------------------------------------------------------------------------

describe('prevote-rejoin: a server cut off for 2 s rejoins', () => {
  const s = scenario('prevote-rejoin');
  const partitions = s.steps.filter((x) => x.do === 'partition').map((x) => x.at);
  const heals = s.steps.filter((x) => x.do === 'heal').map((x) => x.at);

  /**
   * One cut-off of S5 from `cut` to `heal`: the leader at the cut, S5's term at the cut and
   * its highest term while cut off, and whether that leader was still leader, of the same
   * term, at every moment until a second after the heal.
   */
  function rejoin(r: Run, cut: number, heal: number) {
    const leader = leadersIn(r.at(cut))[0]!;
    const s5 = r.node('S5', cut).term;
    const s5Max = Math.max(...r.between(cut, heal).map((m) => m.nodes.find((n) => n.id === 'S5')!.term));
    const deposedAt = first(r, cut, heal + 1000, (m) => {
      const n = m.nodes.find((x) => x.id === leader.id)!;
      return n.role !== 'leader' || n.term !== leader.term;
    });
    return {
      leader: `${leader.id}@${leader.term}`,
      s5RaisedItsTerm: s5Max > s5,
      s5TermRise: s5Max - s5,
      leaderDeposed: deposedAt !== undefined,
      deposedAfterHeal: deposedAt === undefined ? null : deposedAt.t - heal,
    };
  }

  it('is cut off twice for two seconds', () => {
    expect(partitions).toEqual([400, 4000]);
    expect(heals.map((h, i) => h - partitions[i]!)).toEqual([2000, 2000]);
  });

  it('as written: deposes the healthy leader under Figure 2, then not once PreVote is on', () => {
    const r = run(s);
    const plain = rejoin(r, 400, 2400);
    const withPreVote = rejoin(r, 4000, 6000);
    expect(plain).toMatchObject({ leader: 'S1@1', s5RaisedItsTerm: true, leaderDeposed: true });
    expect(plain.s5TermRise).toBe(10);
    expect(plain.deposedAfterHeal).toBeLessThan(200);
    expect(withPreVote).toMatchObject({ leader: 'S3@13', s5RaisedItsTerm: false, leaderDeposed: false });
    // S5 was a pre-candidate, never a candidate, while cut off the second time.
    const s5Roles = new Set(r.between(4000, 6000).map((m) => m.nodes.find((n) => n.id === 'S5')!.role));
    expect([...s5Roles].sort()).toEqual(['follower', 'precandidate']);
    expect(r.acked.get('w3')).toBeLessThan(6000);
  });

  it('PreVote on throughout: S5 never raises its term, and S1 keeps term 1 through both cut-offs', () => {
    const on = run(forced(s, { preVote: true }));
    const off = run(forced(s, { preVote: false }));
    for (const [cut, heal] of [
      [400, 2400],
      [4000, 6000],
    ] as const) {
      expect(rejoin(on, cut, heal)).toMatchObject({ leader: 'S1@1', s5RaisedItsTerm: false, leaderDeposed: false });
      expect(rejoin(off, cut, heal)).toMatchObject({ s5RaisedItsTerm: true, leaderDeposed: true });
    }
    expect(maxTerm(on.at(s.until))).toBe(1);
    expect(maxTerm(off.at(s.until))).toBeGreaterThan(20);
  });
});

// -----------------------------------------------------------------------------------------

describe('deaf-leader: every link into the leader is cut one way', () => {
  const s = scenario('deaf-leader');
  const maxTimeout = s.timing.electionTimeout[1];

  /**
   * The deaf leader `id` from `cut` to `end`: when it stepped down (ms after the cut, and after
   * the last moment it had heard from a majority), who leads next, and whether anyone became a
   * (pre)candidate or committed anything new before the new leader.
   */
  function deaf(r: Run, id: NodeId, cut: number, end: number) {
    const at = r.node(id, cut);
    // The last answer of its term from each follower before the cut: with itself, a majority
    // of five is itself and the two most recent of those.
    const lastAnswer = new Map<NodeId, number>();
    for (const m of r.between(0, cut))
      if (m.event.kind === 'deliver' && m.event.to === id && m.event.msg.type === 'AppendEntriesReply')
        lastAnswer.set(m.event.from, m.t);
    const majorityHeardAt = [...lastAnswer.values()].sort((a, b) => b - a)[1]!;
    const down = first(r, cut, end, (m) => m.nodes.find((n) => n.id === id)!.role !== 'leader');
    const quietUntil = down?.t ?? end;
    const campaigned = r
      .between(cut, quietUntil)
      .some((m) => m.nodes.some((n) => n.role === 'candidate' || n.role === 'precandidate'));
    const committedBeforeStepDown = Math.max(...r.at(quietUntil).map((n) => n.commitIndex)) > at.commitIndex;
    return {
      leaderAtCut: `${id}@${at.term}`,
      stepsDown: down !== undefined,
      stepDownEvent: down?.event.kind ?? null,
      stepDownAfterCut: down === undefined ? null : down.t - cut,
      stepDownAfterMajority: down === undefined ? null : down.t - majorityHeardAt,
      next: elected(r, cut, end)[0] ?? null,
      campaigned,
      committedBeforeStepDown,
    };
  }

  it('as written: stuck for 2 s under Figure 2; with CheckQuorum on, S1 steps down within one maximum election timeout and S4 commits x=3', () => {
    const r = run(s);
    const plain = deaf(r, 'S1', 500, 2500);
    expect(plain).toMatchObject({ leaderAtCut: 'S1@1', stepsDown: false, campaigned: false, next: null });
    expect(plain.committedBeforeStepDown).toBe(false);
    expect(r.acked.get('w2')).toBeGreaterThan(2500); // only once the links heal
    expect(maxTerm(r.at(2499))).toBe(1);

    const checked = deaf(r, 'S1', 3500, s.until);
    expect(checked).toMatchObject({ leaderAtCut: 'S1@1', stepsDown: true, stepDownEvent: 'checkQuorum' });
    expect(checked.stepDownAfterMajority).toBeLessThanOrEqual(maxTimeout);
    expect(checked.stepDownAfterCut).toBeLessThanOrEqual(maxTimeout);
    expect(checked.next).toBe('S4@2');
    expect(r.acked.get('w3')).toBeLessThan(s.until);
    expect(r.node('S4', s.until)).toMatchObject({ role: 'leader', term: 2, commitIndex: 4 });
    // The deaf S1 asks for votes in ever higher terms; the others, hearing S4, ignore it (§4.2.3).
    expect(r.node('S1', s.until).term).toBeGreaterThan(5);
    expect(
      r
        .at(s.until)
        .filter((n) => n.id !== 'S1')
        .map((n) => n.term),
    ).toEqual([2, 2, 2, 2]);
  });

  it('CheckQuorum on throughout: the first deaf spell ends within one maximum election timeout; off throughout: the second never does', () => {
    const on = run(forced(s, { checkQuorum: true }));
    const off = run(forced(s, { checkQuorum: false }));
    const onFirst = deaf(on, 'S1', 500, 2500);
    const offFirst = deaf(off, 'S1', 500, 2500);
    expect(onFirst).toMatchObject({ stepsDown: true, stepDownEvent: 'checkQuorum', committedBeforeStepDown: false });
    expect(onFirst.stepDownAfterMajority).toBeLessThanOrEqual(maxTimeout);
    expect(onFirst.next).not.toBeNull();
    expect(on.acked.get('w2')).toBeLessThan(2500); // committed by the new leader, before the heal
    expect(offFirst).toMatchObject({ stepsDown: false, next: null, campaigned: false });
    expect(off.acked.get('w2')).toBeGreaterThan(2500);

    const offSecond = deaf(off, 'S1', 3500, s.until);
    expect(offSecond).toMatchObject({
      stepsDown: false,
      next: null,
      campaigned: false,
      committedBeforeStepDown: false,
    });
    expect(off.acked.has('w3')).toBe(false);
    expect(maxTerm(off.at(s.until))).toBe(1);
  });
});

// -----------------------------------------------------------------------------------------

describe('partial-partition: the link between S1 and S2 breaks both ways', () => {
  const s = scenario('partial-partition');
  const both = { preVote: true, checkQuorum: true };
  const neither = { preVote: false, checkQuorum: false };

  it('as written: leaders churn under Figure 2, and the churn stops when both switches go on', () => {
    const r = run(s);
    const churn = elected(r, 500, 3000);
    expect(churn).toEqual(['S2@2', 'S1@3', 'S2@4', 'S1@5', 'S2@6', 'S1@7', 'S2@8', 'S1@9', 'S2@10']);
    // S3, S4 and S5 always hear a leader: only S1 and S2 ever time out.
    const timedOut = new Set(r.between(500, 3000).flatMap((m) => (m.event.kind === 'timeout' ? [m.event.node] : [])));
    expect([...timedOut].sort()).toEqual(['S1', 'S2']);
    expect(elected(r, 3000, s.until)).toEqual([]);
    expect(maxTerm(r.at(s.until))).toBe(maxTerm(r.at(3000)));
    expect(leadersIn(r.at(s.until)).map((n) => `${n.id}@${n.term}`)).toEqual(['S2@10']);
    expect(r.acked.get('w2')).toBeLessThan(s.until);
  });

  it('both switches on throughout: one leader, terms never rise; both off: the churn goes on to the end', () => {
    const on = run(forced(s, both));
    const off = run(forced(s, neither));
    expect(elected(on, 500, s.until)).toEqual([]);
    expect(maxTerm(on.at(s.until))).toBe(1);
    expect(leadersIn(on.at(s.until)).map((n) => `${n.id}@${n.term}`)).toEqual(['S1@1']);
    const offLate = elected(off, 3000, s.until);
    expect(offLate.length).toBeGreaterThanOrEqual(4);
    expect(offLate.slice(0, 4).map((l) => l.split('@')[0])).toEqual(['S1', 'S2', 'S1', 'S2']);
    expect(maxTerm(off.at(s.until))).toBeGreaterThan(maxTerm(off.at(3000)) + 5);
  });

  it('each switch alone: PreVote alone settles it too; CheckQuorum alone keeps the leader but not the terms', () => {
    const preVote = run(forced(s, { preVote: true, checkQuorum: false }));
    expect(elected(preVote, 500, s.until)).toEqual([]);
    expect(maxTerm(preVote.at(s.until))).toBe(1);
    const checkQuorum = run(forced(s, { preVote: false, checkQuorum: true }));
    expect(elected(checkQuorum, 500, s.until)).toEqual([]);
    // S2 cannot hear S1 and, without PreVote, raises its term at every timeout; the lease
    // makes the others ignore it, so S1 keeps leading term 1.
    expect(checkQuorum.node('S1', s.until)).toMatchObject({ role: 'leader', term: 1 });
    expect(checkQuorum.node('S2', s.until).term).toBeGreaterThan(10);
  });
});

// -----------------------------------------------------------------------------------------

describe('transfer-before-restart: the leader restarts, first unprepared, then after a transfer', () => {
  const s = scenario('transfer-before-restart');
  const [minTimeout] = s.timing.electionTimeout;
  const maxLatency = s.timing.latency[1];

  /**
   * After `from`: the first stretch with no leader among the running servers, from its start
   * to the next moment a leader runs (null if there is none before the end).
   */
  function leaderless(r: Run, from: number) {
    const start = first(r, from - 1, s.until, (m) => leadersIn(m.nodes).length === 0);
    if (!start) return null;
    const end = first(r, start.t, s.until, (m) => leadersIn(m.nodes).length > 0);
    return {
      start: start.t,
      ms: end === undefined ? Infinity : end.t - start.t,
      leader: end && leadersIn(end.nodes)[0]!.id,
    };
  }

  /**
   * The transfer asked at `at`: when the leader sent TimeoutNow (its catch-up of the target
   * took until then), when the target received it, and when the target won.
   */
  function transfer(r: Run, at: number) {
    const asked = first(r, at - 1, s.until, (m) => m.event.kind === 'transferLeadership')!;
    const e = asked.event as Extract<Moment['event'], { kind: 'transferLeadership' }>;
    const timeoutNow = first(r, at, s.until, (m) => m.event.kind === 'deliver' && m.event.msg.type === 'TimeoutNow')!;
    const won = first(r, at, s.until, (m) => m.nodes.some((n) => n.id === e.to && n.role === 'leader'))!;
    const oldLeaderDown = first(r, at, s.until, (m) => m.nodes.find((n) => n.id === e.leader)!.role !== 'leader')!;
    return {
      from: e.leader,
      to: e.to,
      catchUp: timeoutNow.wire!.sentAt - at,
      timeoutNowLatency: timeoutNow.t - timeoutNow.wire!.sentAt,
      election: won.t - timeoutNow.t,
      total: won.t - at,
      leaderlessMs: won.t - oldLeaderDown.t,
      term: won.nodes.find((n) => n.id === e.to)!.term,
    };
  }

  it('as written: the unprepared restart leaves no leader for 179 ms; the transfer completes in one round trip after the catch-up, and the planned restart leaves no gap', () => {
    const r = run(s);
    const unprepared = leaderless(r, 600)!;
    expect(unprepared.start).toBe(600);
    expect(unprepared.ms).toBeGreaterThanOrEqual(minTimeout);
    expect(unprepared.ms).toBeCloseTo(178.9, 1);

    const t = transfer(r, 2000);
    expect(t).toMatchObject({ from: 'S4', to: 'S2', term: 3 });
    expect(t.catchUp).toBeCloseTo(29.8, 1); // S2's acknowledgement of entry 3, which S4 took just before
    expect(t.election).toBeLessThanOrEqual(2 * maxLatency); // one round of RequestVote
    expect(t.total - t.catchUp).toBeLessThanOrEqual(3 * maxLatency); // TimeoutNow + that round
    expect(t.total).toBeCloseTo(72.2, 1);
    expect(t.leaderlessMs).toBeLessThanOrEqual(2 * maxLatency);
    // Nobody waited for an election timer, and the restart at 2200 finds S2 leading.
    expect(r.between(2000, 2200).some((m) => m.event.kind === 'timeout')).toBe(false);
    expect(leaderless(r, 2200)).toBeNull();
    // During the transfer S4 took no write: it redirected x=4 to S2, which committed it.
    const redirect = first(
      r,
      2000,
      2200,
      (m) => m.event.kind === 'deliver' && m.event.msg.type === 'ClientRedirect' && m.event.from === 'S4',
    )!;
    expect(redirect.event).toMatchObject({ msg: { id: 'w4', leaderHint: 'S2' } });
    expect(r.acked.get('w4')).toBeLessThan(2500);
  });

  it('without the transfer, the same restart at 2200 leaves the cluster leaderless for an election timeout or more', () => {
    const plain = run(without(s, 'transferLeadership'));
    expect(plain.node('S4', 2199)).toMatchObject({ role: 'leader', term: 2 });
    const gap = leaderless(plain, 2200)!;
    expect(gap.start).toBe(2200);
    expect(gap.ms).toBeGreaterThanOrEqual(minTimeout);
    const withTransfer = run(s);
    expect(leaderless(withTransfer, 2200)).toBeNull();
  });
});

// -----------------------------------------------------------------------------------------

describe('fast-clock: S3 runs at twice the speed of the others', () => {
  const s = scenario('fast-clock');

  /** Each server whose election timer ran out and made it a candidate, in order. */
  const starters = (r: Run) =>
    r.moments.flatMap((m) =>
      m.event.kind === 'timeout' &&
      m.nodes.find((n) => n.id === (m.event as { node: NodeId }).node)!.role === 'candidate'
        ? [m.event.node]
        : [],
    );
  const atRate = (rate: number): Scenario => ({
    ...s,
    steps: s.steps.map((x) => (x.do === 'clock' ? { ...x, rate } : x)),
  });

  it('as written (rate 2): S3 starts every election, over the start and three power cuts, and wins each', () => {
    const r = run(s);
    expect(s.steps.filter((x) => x.do === 'clock')).toEqual([{ at: 0, do: 'clock', node: 'S3', rate: 2 }]);
    expect(starters(r)).toEqual(['S3', 'S3', 'S3', 'S3']);
    expect(elected(r, 0, s.until)).toEqual(['S3@1', 'S3@2', 'S3@3', 'S3@4']);
  });

  it('at rate 1 the same run has its elections started by different servers', () => {
    const r = run(atRate(1));
    const who = starters(r);
    expect(who.length).toBeGreaterThanOrEqual(4);
    expect(new Set(who).size).toBeGreaterThanOrEqual(3);
    expect(who.every((id) => id === 'S3')).toBe(false);
  });
});
