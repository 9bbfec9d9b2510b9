/**
 * The world's side of CONTRACTS.md section 5 beyond clocks: the `options` step and the shared
 * extensions object, leadership transfer handed to the leader, and what the trace and
 * NodeState show of PreVote, CheckQuorum and a transfer.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../headless/run';
import { scenarioOf, type Step } from '../scenario/scenario';
import { World, type Processed } from './world';

const elect: Step = { at: 0, do: 'timeout', node: 'S1' };

describe('the options step', () => {
  it('switches PreVote and CheckQuorum in place in the one object every node reads, and says so', () => {
    const world = new World(scenarioOf({ steps: [], options: { preVote: true } }));
    const shared = world.extensions;
    expect(shared).toEqual({ preVote: true, checkQuorum: false });
    expect(world.hosts.every((h) => h.context.config.extensions === shared)).toBe(true);
    const p = world.apply({ at: 0, do: 'options', checkQuorum: true });
    expect(p.event).toEqual({ kind: 'options', options: { preVote: true, checkQuorum: true } });
    world.apply({ at: 0, do: 'options', preVote: false });
    expect(world.extensions).toBe(shared);
    expect(shared).toEqual({ preVote: false, checkQuorum: true });
    expect(world.hosts.every((h) => h.context.config.extensions === shared)).toBe(true);
  });

  it('is undone by restoring a checkpoint taken before it', () => {
    const world = new World(scenarioOf({ steps: [{ at: 500, do: 'options', preVote: true, checkQuorum: true }] }));
    world.runUntil(100);
    const snap = world.snapshot();
    world.runUntil(1000);
    expect(world.extensions).toEqual({ preVote: true, checkQuorum: true });
    world.restore(snap);
    expect(world.extensions).toEqual({ preVote: false, checkQuorum: false });
    expect(world.hosts.every((h) => h.context.config.extensions === world.extensions)).toBe(true);
  });

  it("knows the scenario's own options apart from a person's (what its narration describes)", () => {
    const world = new World(
      scenarioOf({ options: { checkQuorum: false }, steps: [{ at: 500, do: 'options', preVote: true }] }),
    );
    expect(world.scenarioExtensions()).toEqual({ preVote: false, checkQuorum: false });
    world.apply({ at: 0, do: 'options', checkQuorum: true }); // a person's switch
    expect(world.extensions).toEqual({ preVote: false, checkQuorum: true });
    expect(world.scenarioExtensions()).toEqual({ preVote: false, checkQuorum: false });
    world.runUntil(499);
    expect(world.scenarioExtensions()).toEqual({ preVote: false, checkQuorum: false });
    world.runUntil(500); // the scenario's own step
    expect(world.scenarioExtensions()).toEqual({ preVote: true, checkQuorum: false });
    expect(world.extensions).toEqual({ preVote: true, checkQuorum: true });
    const snap = world.snapshot();
    world.restore(snap);
    expect(world.scenarioExtensions()).toEqual({ preVote: true, checkQuorum: false });
  });

  it('turned on mid-run makes a cut-off server a precandidate that keeps its term', () => {
    const world = new World(
      scenarioOf({
        steps: [
          elect,
          { at: 300, do: 'options', preVote: true },
          { at: 400, do: 'partition', groups: [['S1', 'S2', 'S3', 'S4'], ['S5']] },
        ],
      }),
    );
    let precandidate = false;
    world.runUntil(2400, (p) => {
      if (world.hosts[4]!.role === 'precandidate') precandidate = true;
      expect(p.violations).toEqual([]);
    });
    expect(precandidate).toBe(true);
    expect(world.nodeStates()[4]!.term).toBe(1);
  });
});

describe('CheckQuorum through the world (§6.2)', () => {
  it('a leader that can send but not hear steps down within one maximum election timeout, and the event says why', () => {
    const deaf: Step[] = ['S2', 'S3', 'S4', 'S5'].map((from): Step => ({ at: 1000, do: 'cut', from, to: 'S1' }));
    const world = new World(scenarioOf({ steps: [elect, ...deaf], options: { checkQuorum: true } }));
    let stepDown: Processed | undefined;
    world.runUntil(2000, (p) => {
      if (p.event.kind === 'checkQuorum') stepDown ??= p;
    });
    expect(stepDown?.event).toEqual({ kind: 'checkQuorum', node: 'S1' });
    // The last answer S1 heard left a follower before the cut (within one latency of it).
    expect(stepDown!.t).toBeGreaterThan(1000);
    expect(stepDown!.t).toBeLessThanOrEqual(1000 + 300);
    expect(world.nodeStates()[0]!.role).not.toBe('leader');
  });

  it('switched on mid-term, the leader is judged from that moment: it stays while a majority answers, and a deaf one steps down within one maximum election timeout', () => {
    const deaf: Step[] = ['S2', 'S3', 'S4', 'S5'].map((from): Step => ({ at: 3000, do: 'cut', from, to: 'S1' }));
    const world = new World(scenarioOf({ steps: [elect, { at: 2000, do: 'options', checkQuorum: true }, ...deaf] }));
    let stepDown: Processed | undefined;
    world.runUntil(2999, (p) => expect(p.event.kind).not.toBe('checkQuorum'));
    expect(world.nodeStates()[0]).toMatchObject({ role: 'leader', term: 1 });
    expect(world.nodeStates()[0]!.quorumContact).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    world.runUntil(4000, (p) => {
      if (p.event.kind === 'checkQuorum') stepDown ??= p;
    });
    expect(stepDown?.event).toEqual({ kind: 'checkQuorum', node: 'S1' });
    expect(stepDown!.t).toBeGreaterThan(3000);
    expect(stepDown!.t).toBeLessThanOrEqual(3000 + 300);
  });

  it('without it, the same leader stays leader of its term', () => {
    const deaf: Step[] = ['S2', 'S3', 'S4', 'S5'].map((from): Step => ({ at: 1000, do: 'cut', from, to: 'S1' }));
    const world = new World(scenarioOf({ steps: [elect, ...deaf] }));
    world.runUntil(2000, (p) => expect(p.event.kind).not.toBe('checkQuorum'));
    expect(world.nodeStates()[0]).toMatchObject({ role: 'leader', term: 1 });
  });
});

describe('leadership transfer through the world (§3.10)', () => {
  it('goes to the up leader of the highest term, which hands over with TimeoutNow', () => {
    const world = new World(scenarioOf({ steps: [elect, { at: 1000, do: 'transferLeadership', to: 'S3' }] }));
    world.runUntil(999);
    expect(world.nodeStates()[0]).toMatchObject({ role: 'leader', term: 1, transferTo: null });
    const events: Processed[] = [];
    const step = world.step()!;
    expect(step.event).toEqual({ kind: 'transferLeadership', leader: 'S1', to: 'S3' });
    expect(world.nodeStates()[0]!.transferTo).toBe('S3');
    world.runUntil(1200, (p) => events.push(p));
    const timeoutNow = events.find((p) => p.event.kind === 'deliver' && p.event.msg.type === 'TimeoutNow');
    expect(timeoutNow?.event).toMatchObject({ from: 'S1', to: 'S3' });
    const states = world.nodeStates();
    expect(states.map((n) => [n.id, n.role, n.term])).toEqual([
      ['S1', 'follower', 2],
      ['S2', 'follower', 2],
      ['S3', 'leader', 2],
      ['S4', 'follower', 2],
      ['S5', 'follower', 2],
    ]);
    expect(states.every((n) => n.transferTo === null)).toBe(true);
    expect(world.violations).toEqual([]);
  });

  it('is ignored, and says why, with no leader, to the leader itself, or while another is in progress', () => {
    const world = new World(scenarioOf({ steps: [elect] }));
    expect(world.apply({ at: 0, do: 'transferLeadership', to: 'S2' }).event).toEqual({
      kind: 'transferLeadership',
      to: 'S2',
      ignored: 'no leader',
    });
    world.runUntil(500);
    expect(world.apply({ at: 0, do: 'transferLeadership', to: 'S1' }).event).toEqual({
      kind: 'transferLeadership',
      leader: 'S1',
      to: 'S1',
      ignored: 'already leader',
    });
    // One transfer at a time: a second target while the first lasts would split the vote.
    expect(world.apply({ at: 0, do: 'transferLeadership', to: 'S2' }).event).toEqual({
      kind: 'transferLeadership',
      leader: 'S1',
      to: 'S2',
    });
    expect(world.apply({ at: 0, do: 'transferLeadership', to: 'S3' }).event).toEqual({
      kind: 'transferLeadership',
      leader: 'S1',
      to: 'S3',
      ignored: 'a transfer to S2 is in progress',
    });
  });

  it("one not done in time is given up at the leader's timer, and the event says so", () => {
    const world = new World(
      scenarioOf({
        steps: [elect, { at: 400, do: 'crash', node: 'S3' }, { at: 500, do: 'transferLeadership', to: 'S3' }],
      }),
    );
    const events: Processed[] = [];
    world.runUntil(2000, (p) => events.push(p));
    const expired = events.filter((p) => p.event.kind === 'transferExpired');
    // S3 is down: its TimeoutNow is dropped, and after the maximum election timeout (300 ms) S1 gives up.
    expect(expired.map((p) => [p.t, p.event])).toEqual([[800, { kind: 'transferExpired', node: 'S1', to: 'S3' }]]);
    expect(world.nodeStates()[0]).toMatchObject({ role: 'leader', term: 1, transferTo: null });
  });

  it('a deposed leader in an older term is not asked', () => {
    const world = new World(
      scenarioOf({
        steps: [
          elect,
          { at: 500, do: 'partition', groups: [['S1'], ['S2', 'S3', 'S4', 'S5']] },
          { at: 520, do: 'timeout', node: 'S2' },
        ],
      }),
    );
    world.runUntil(1000);
    expect(world.nodeStates().map((n) => [n.role, n.term])[0]).toEqual(['leader', 1]);
    expect(world.nodeStates()[1]).toMatchObject({ role: 'leader', term: 2 });
    expect(world.apply({ at: 0, do: 'transferLeadership', to: 'S4' }).event).toEqual({
      kind: 'transferLeadership',
      leader: 'S2',
      to: 'S4',
    });
  });
});

describe('what the trace shows of section 5', () => {
  it('nothing new for a run that uses none of it', () => {
    const lines: string[] = [];
    runScenario(scenarioOf({ steps: [elect], until: 1000 }), { trace: (l) => lines.push(l) });
    const text = lines.join('\n');
    for (const word of ['clockRate', 'quorumContact', 'transferTo', 'precandidate']) expect(text).not.toContain(word);
  });

  it('a CheckQuorum leader’s quorum contact, and a transfer’s target while it lasts', () => {
    const nodesAt: { t: number; nodes: { id: string; quorumContact?: string[]; transferTo?: string }[] }[] = [];
    runScenario(
      scenarioOf({
        steps: [elect, { at: 1000, do: 'crash', node: 'S5' }, { at: 2000, do: 'transferLeadership', to: 'S2' }],
        options: { checkQuorum: true },
        until: 2500,
      }),
      { trace: (l) => nodesAt.push(JSON.parse(l) as (typeof nodesAt)[number]) },
    );
    const at = (t: number) => nodesAt.filter((line) => line.t <= t).at(-1)!.nodes;
    expect(at(900)[0]!.quorumContact).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(Object.keys(at(900)[0]!)).not.toContain('clockRate');
    expect(Object.keys(at(900)[0]!)).not.toContain('transferTo');
    expect(at(1900)[0]!.quorumContact).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(
      at(1900)
        .slice(1)
        .every((n) => n.quorumContact === undefined),
    ).toBe(true);
    expect(at(2000)[0]!.transferTo).toBe('S2');
    expect(at(2500)[1]!.quorumContact).toEqual(['S2', 'S1', 'S3', 'S4']);
    expect(at(2500).every((n) => n.transferTo === undefined)).toBe(true);
  });
});
