/**
 * One test per built-in scenario (and per shared example), each asserting the outcome its
 * description promises, with the safety checker running after every event.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layeredKeys } from '../../util/layeredRecord';
import type { Entry } from '../../raft/types';
import type { SimEvent } from '../core/events';
import { runScenario } from '../headless/run';
import type { Scenario } from './scenario';
import { BUILT_IN_SCENARIOS, builtInScenario } from './builtIn';
import { parseScenarioText } from './validateScenario';
import type { NodeState, Processed, World } from '../core/world';

function scenario(name: string): Scenario {
  const s = builtInScenario(name);
  if (!s) throw new Error(`no built-in scenario ${name}`);
  return s;
}

interface Run {
  readonly world: World;
  readonly events: Processed[];
  readonly states: Map<number, NodeState[]>;
  final(): NodeState[];
  at(t: number): NodeState[];
}

/** Runs a scenario, keeping every event and the node states after it. */
function run(s: Scenario): Run {
  const events: Processed[] = [];
  const states = new Map<number, NodeState[]>();
  const { world, violations } = runScenario(s, {
    onEvent: (p, w) => {
      events.push(p);
      states.set(
        p.seq,
        w.nodeStates().map((n) => ({ ...n, log: [...n.log] })),
      );
    },
  });
  expect(violations.map((v) => v.message)).toEqual([]);
  return {
    world,
    events,
    states,
    final: () => world.nodeStates(),
    at: (t) => {
      const last = events.filter((e) => e.t <= t).at(-1);
      if (!last) throw new Error(`no event by ${t}`);
      return states.get(last.seq)!;
    },
  };
}

const terms = (log: readonly Entry[]) => log.map((e) => e.term);
const ids = (log: readonly Entry[]) => log.map((e) => (e.command.op === 'set' ? e.command.id : e.command.op));
const kinds = (events: Processed[], kind: SimEvent['kind']) => events.filter((e) => e.event.kind === kind);
const acked = (r: Run) => layeredKeys(r.world.client.acked).sort();

function expectAllLogsEqual(nodes: readonly NodeState[]) {
  const first = nodes[0]!.log;
  for (const n of nodes) expect(n.log, `${n.id}'s log`).toEqual(first);
}

describe('built-in scenarios', () => {
  it('are all valid scenario files with a title and a description', () => {
    expect(BUILT_IN_SCENARIOS.map((s) => s.scenario.name)).toEqual([
      'basic-election',
      'leader-crash',
      'split-vote',
      'stale-leader',
      'disruptive-server',
      'figure-7',
      'figure-8-overwritten',
      'figure-8-committed',
      'full-cluster-restart',
      'lossy-network',
      'duplicate-reorder',
      'client-redirect',
      'up-to-date-check',
      'restart-forgets-vote',
      'prevote-rejoin',
      'deaf-leader',
      'partial-partition',
      'transfer-before-restart',
      'fast-clock',
    ]);
    for (const { title, scenario: s } of BUILT_IN_SCENARIOS) {
      expect(title.length).toBeGreaterThan(5);
      expect(s.description.length).toBeGreaterThan(40);
    }
  });

  it('basic election: one leader is elected and commits three writes on every server', () => {
    const r = run(scenario('basic-election'));
    expect(Object.keys(r.world.checker.leaders)).toHaveLength(1);
    const leaders = r.final().filter((n) => n.role === 'leader');
    expect(leaders).toHaveLength(1);
    expect(acked(r)).toEqual(['w1', 'w2', 'w3']);
    for (const n of r.final()) {
      expect(ids(n.log)).toEqual(['w1', 'w2', 'w3']);
      expect(n.commitIndex).toBe(3);
    }
    expect(Object.fromEntries(r.world.hosts[0]!.context.kv)).toEqual({ x: '3', y: '2' });
  });

  it('leader crash: a new leader of a later term keeps the committed write, and S1 rejoins as a follower', () => {
    const r = run(scenario('leader-crash'));
    expect(r.world.checker.leaders['1']).toBe('S1');
    const crash = kinds(r.events, 'crash')[0]!;
    const before = r.at(crash.t - 1).find((n) => n.id === 'S1')!;
    expect(before.commitIndex).toBe(1);
    const later = Object.entries(r.world.checker.leaders).filter(([term]) => Number(term) > 1);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(([, id]) => id !== 'S1')).toBe(true);
    expect(acked(r)).toEqual(['w1', 'w2']);
    const final = r.final();
    expect(final.find((n) => n.id === 'S1')).toMatchObject({ up: true, role: 'follower', commitIndex: 2 });
    for (const n of final) expect(ids(n.log)).toEqual(['w1', 'w2']);
  });

  it('split vote: four simultaneous candidates all fail in term 1, and a single leader wins a later term', () => {
    const r = run(scenario('split-vote'));
    const afterTimeouts = r.at(0);
    expect(afterTimeouts.filter((n) => n.role === 'candidate' && n.term === 1)).toHaveLength(4);
    expect(r.world.checker.leaders['1']).toBeUndefined();
    const terms = Object.keys(r.world.checker.leaders).map(Number);
    expect(terms.length).toBeGreaterThan(0);
    expect(Math.min(...terms)).toBeGreaterThan(1);
    expect(r.final().filter((n) => n.role === 'leader')).toHaveLength(1);
  });

  it('stale leader: S1 keeps acting as leader in the minority, cannot commit, and steps down on heal', () => {
    const r = run(scenario('stale-leader'));
    expect(r.world.checker.leaders['1']).toBe('S1');
    const duringPartition = r.at(2900);
    const s1 = duringPartition.find((n) => n.id === 'S1')!;
    expect(s1.role).toBe('leader');
    expect(s1.term).toBe(1);
    expect(ids(s1.log)).toContain('lost');
    expect(s1.commitIndex).toBe(1);
    const majorityLeader = duringPartition.find((n) => n.role === 'leader' && n.term > 1)!;
    expect(['S3', 'S4', 'S5']).toContain(majorityLeader.id);
    expect(majorityLeader.commitIndex).toBeGreaterThan(1);
    const final = r.final();
    expect(final.find((n) => n.id === 'S1')!.role).toBe('follower');
    expectAllLogsEqual(final);
    expect(ids(final[0]!.log)).not.toContain('lost');
    expect(acked(r)).toEqual(['w1', 'w2', 'w3']);
  });

  it('figure 7: the term-8 leader repairs followers a–f by nextIndex backoff until every log equals its own', () => {
    const r = run(scenario('figure-7'));
    expect(r.world.checker.leaders).toEqual({ '8': 'L' });
    const final = r.final();
    expectAllLogsEqual(final);
    expect(terms(final[0]!.log)).toEqual([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8]);
    // Rejections step nextIndex back one entry at a time: b is refused at 6 indexes, e at 5, f at 7.
    const rejections = (to: string) =>
      new Set(
        r.events.flatMap((e) =>
          e.event.kind === 'deliver' &&
          e.event.to === 'L' &&
          e.event.from === to &&
          e.event.msg.type === 'AppendEntriesReply' &&
          !e.event.msg.success
            ? [e.event.msg.prevLogIndex]
            : [],
        ),
      ).size;
    expect(rejections('a')).toBe(1);
    expect(rejections('b')).toBe(6);
    expect(rejections('e')).toBe(5);
    expect(rejections('f')).toBe(7);
    expect(rejections('c')).toBe(0);
    expect(rejections('d')).toBe(0);
  });

  it('figure 8, first ending: the term-2 entry on a majority is never committed and is overwritten by S5', () => {
    const r = run(scenario('figure-8-overwritten'));
    expect(r.world.checker.leaders['4']).toBe('S1');
    expect(r.world.checker.leaders['5']).toBe('S5');
    const beforeCrash = r.at(199);
    const holders = beforeCrash.filter((n) => n.log[1]?.term === 2);
    expect(holders.length).toBeGreaterThanOrEqual(3);
    expect(holders.map((n) => n.id)).toEqual(expect.arrayContaining(['S1', 'S2', 'S3']));
    expect(beforeCrash.every((n) => n.commitIndex < 2)).toBe(true);
    const final = r.final();
    expectAllLogsEqual(final);
    expect(terms(final[0]!.log)).toEqual([1, 3, 5]);
    expect(r.world.checker.committedEntry(2)!.term).toBe(3);
  });

  it('figure 8, second ending: a term-4 entry on a majority commits the term-2 entry, and S5 cannot win', () => {
    const r = run(scenario('figure-8-committed'));
    expect(r.world.checker.leaders['4']).toBe('S1');
    const beforeCrash = r.at(299).find((n) => n.id === 'S1')!;
    expect(terms(beforeCrash.log)).toEqual([1, 2, 4]);
    expect(beforeCrash.commitIndex).toBe(3);
    expect(
      Object.entries(r.world.checker.leaders)
        .filter(([t]) => Number(t) > 4)
        .map(([, id]) => id),
    ).not.toContain('S5');
    const final = r.final();
    expectAllLogsEqual(final);
    expect(terms(final[0]!.log)).toEqual([1, 2, 4]);
    expect(acked(r)).toEqual(['w4']);
  });

  it('full-cluster restart: every server restarts with commitIndex 0, and a new term commits everything again', () => {
    const r = run(scenario('full-cluster-restart'));
    const restarted = r.at(1500);
    for (const n of restarted) expect(n).toMatchObject({ up: true, role: 'follower', commitIndex: 0 });
    for (const n of restarted) expect(ids(n.log)).toEqual(['w1', 'w2', 'w3']);
    expect(Object.keys(r.world.checker.leaders).length).toBeGreaterThanOrEqual(2);
    const final = r.final();
    for (const n of final) {
      expect(ids(n.log)).toEqual(['w1', 'w2', 'w3', 'w4']);
      expect(n.commitIndex).toBe(4);
    }
    expect(acked(r)).toEqual(['w1', 'w2', 'w3', 'w4']);
  });

  it('disruptive server: isolated S5 raises its term again and again; on its return the leader steps down and a new election (which S5 cannot win) follows', () => {
    const r = run(scenario('disruptive-server'));
    const beforeHeal = r.at(2499);
    const s5 = beforeHeal.find((n) => n.id === 'S5')!;
    expect(s5.term).toBeGreaterThan(5);
    expect(beforeHeal.find((n) => n.role === 'leader')).toMatchObject({ id: 'S1', term: 1 });
    const later = Object.entries(r.world.checker.leaders).filter(([term]) => Number(term) > s5.term);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(([, id]) => id !== 'S5')).toBe(true);
    expect(acked(r)).toEqual(['w1', 'w2']);
    expectAllLogsEqual(r.final());
  });

  it('lossy network: with three messages in ten lost, every write still commits on every server, in one order', () => {
    const r = run(scenario('lossy-network'));
    const lost = r.events.filter((p) => p.event.kind === 'drop' && p.event.reason === 'loss');
    expect(lost.length).toBeGreaterThan(50);
    expect(acked(r)).toEqual(['w1', 'w2', 'w3', 'w4']);
    const final = r.final();
    expectAllLogsEqual(final);
    expect(final.every((n) => n.commitIndex === 4)).toBe(true);
  });

  it('duplicated and reordered messages: duplicates and overtaking happen, and each write is applied once, in one order', () => {
    const r = run(scenario('duplicate-reorder'));
    const deliveries = r.events.flatMap((p) => (p.event.kind === 'deliver' ? [p.event] : []));
    const seen = new Map<number, number>();
    for (const d of deliveries) seen.set(d.msgId, (seen.get(d.msgId) ?? 0) + 1);
    expect([...seen.values()].filter((n) => n > 1).length).toBeGreaterThan(20);
    // Overtaking: on some link a message sent later arrives before one sent earlier.
    const lastOnLink = new Map<string, number>();
    let overtaken = 0;
    for (const d of deliveries) {
      const link = `${d.from}>${d.to}`;
      if ((lastOnLink.get(link) ?? 0) > d.msgId) overtaken++;
      lastOnLink.set(link, Math.max(lastOnLink.get(link) ?? 0, d.msgId));
    }
    expect(overtaken).toBeGreaterThan(5);
    expect(acked(r)).toEqual(['w1', 'w2', 'w3', 'w4']);
    const final = r.final();
    expectAllLogsEqual(final);
    expect(ids(final[0]!.log)).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(Object.fromEntries(r.world.hosts[0]!.context.kv)).toEqual({ x: '4', y: '3' });
  });

  it('client redirect: a follower answers the write with a redirect to the leader, which commits it', () => {
    const r = run(scenario('client-redirect'));
    expect(r.world.checker.leaders['1']).toBe('S3');
    const redirect = r.events.find((p) => p.event.kind === 'deliver' && p.event.msg.type === 'ClientRedirect')!;
    expect(redirect.event).toMatchObject({ from: 'S1', msg: { leaderHint: 'S3', id: 'w1' } });
    const s1 = r.at(redirect.t).find((n) => n.id === 'S1')!;
    expect(s1.log).toEqual([]);
    expect(acked(r)).toEqual(['w1']);
    for (const n of r.final()) expect(ids(n.log)).toEqual(['w1']);
  });

  it('up-to-date check: S2 and S3 refuse S4, whose log is behind, and the new leader holds both committed writes', () => {
    const r = run(scenario('up-to-date-check'));
    const refusals = r.events.filter(
      (p) =>
        p.event.kind === 'deliver' &&
        p.event.msg.type === 'RequestVoteReply' &&
        p.event.to === 'S4' &&
        !p.event.msg.voteGranted &&
        ['S2', 'S3'].includes(p.event.from),
    );
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    const later = Object.entries(r.world.checker.leaders).filter(([term]) => Number(term) > 1);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(([, id]) => id === 'S2' || id === 'S3')).toBe(true);
    expect(acked(r)).toEqual(['w1', 'w2']);
    for (const n of r.final().filter((x) => x.up)) expect(ids(n.log)).toEqual(['w1', 'w2']);
  });
});

describe('the shared example scenarios (copied into test-support/scenarios)', () => {
  const load = (name: string) => {
    const parsed = parseScenarioText(
      readFileSync(new URL(`../../../test-support/scenarios/${name}`, import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.value;
  };

  it('basic-election.json: a leader takes the three writes', () => {
    const r = run(load('basic-election.json'));
    expect(acked(r)).toEqual(['w1', 'w2', 'w3']);
    expect(r.final().filter((n) => n.role === 'leader')).toHaveLength(1);
  });

  it('leader-crash.json: S1 leads, crashes after a write commits, another takes over, S1 returns as a follower', () => {
    const r = run(load('leader-crash.json'));
    expect(r.world.checker.leaders['1']).toBe('S1');
    expect(r.at(599).find((n) => n.id === 'S1')!.commitIndex).toBe(1);
    const leaders = Object.entries(r.world.checker.leaders);
    expect(leaders.some(([term, id]) => Number(term) > 1 && id !== 'S1')).toBe(true);
    expect(r.final().find((n) => n.id === 'S1')).toMatchObject({ up: true, role: 'follower' });
    expect(acked(r)).toEqual(['w1', 'w2']);
  });

  it('bad-unknown-node.json is refused, naming steps[0].node', () => {
    const text = readFileSync(
      new URL('../../../test-support/scenarios/bad-unknown-node.json', import.meta.url),
      'utf8',
    );
    const parsed = parseScenarioText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^steps\[0\]\.node: unknown node "S9"/);
  });
});
