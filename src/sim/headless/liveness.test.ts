/**
 * Liveness once faults heal (issue 13, item 7): with PreVote and CheckQuorum on, a cluster
 * put through the faults they exist for (a rejoining server, a leader that cannot hear, a
 * partial partition, a fast clock) elects a leader that keeps its term once everything
 * heals; and the fuzzer's watch for that catches a cluster that does not.
 */
import { describe, expect, it } from 'vitest';
import { layeredGet } from '../../util/layeredRecord';
import type { NodeId } from '../../raft/types';
import { scenarioOf, type Scenario, type Step } from '../scenario/scenario';
import { LeaderWatch } from './liveness';
import { runScenario } from './run';

const NODES: readonly NodeId[] = ['S1', 'S2', 'S3', 'S4', 'S5'];
const HEAL_AT = 4000;
const UNTIL = 8000;
/** Three longest election timeouts of the default timing. */
const STABLE_FOR = 900;

/** Every fault undone at HEAL_AT: network whole, every server up, every clock at true time. */
const HEAL: Step[] = [
  { at: HEAL_AT, do: 'heal' },
  ...NODES.map((node): Step => ({ at: HEAL_AT, do: 'restart', node })),
  ...NODES.map((node): Step => ({ at: HEAL_AT, do: 'clock', node, rate: 1 })),
  { at: HEAL_AT + 1, do: 'write', id: 'after', key: 'x', value: 'healed' },
];

const FAULTS: Step[] = [
  { at: 0, do: 'timeout', node: 'S1' },
  { at: 100, do: 'write', id: 'w1', key: 'x', value: '1' },
  // S5 is cut off for a while, then rejoins; S4's clock runs fast.
  { at: 300, do: 'partition', groups: [['S1', 'S2', 'S3', 'S4'], ['S5']] },
  { at: 400, do: 'clock', node: 'S4', rate: 3 },
  { at: 1300, do: 'heal' },
  // The leader can send but not hear.
  ...NODES.filter((n) => n !== 'S1').map((from): Step => ({ at: 1500, do: 'cut', from, to: 'S1' })),
  { at: 2300, do: 'heal' },
  // A partial partition: S3 reaches only S2 and S4.
  { at: 2500, do: 'cut', from: 'S3', to: 'S1' },
  { at: 2500, do: 'cut', from: 'S1', to: 'S3' },
  { at: 2500, do: 'cut', from: 'S3', to: 'S5' },
  { at: 2500, do: 'cut', from: 'S5', to: 'S3' },
  { at: 3000, do: 'crash', node: 'S2' },
  { at: 3200, do: 'transferLeadership', to: 'S4' },
  { at: 3300, do: 'network', drop: 0.2, duplicate: 0.1 },
  { at: HEAL_AT, do: 'network', drop: 0, duplicate: 0 },
];

function watched(scenario: Scenario) {
  const watch = new LeaderWatch();
  const { world, violations } = runScenario(scenario, {
    onEvent: (p, w) => {
      if (p.t >= HEAL_AT) watch.observe(w.hosts, p.t);
    },
  });
  return { world, violations: violations.map((v) => v.message), verdict: watch.verdict() };
}

describe('after faults heal, with PreVote and CheckQuorum on', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('a stable leader emerges and keeps its term (seed %i)', (seed) => {
    const { world, violations, verdict } = watched(
      scenarioOf({
        seed,
        steps: [...FAULTS, ...HEAL],
        until: UNTIL,
        options: { preVote: true, checkQuorum: true },
      }),
    );
    expect(violations).toEqual([]);
    expect(verdict.leader).not.toBeNull();
    expect(UNTIL - verdict.since!).toBeGreaterThanOrEqual(STABLE_FOR);
    expect(layeredGet(world.client.acked, 'after'), 'the write after healing').toBeDefined();
    const leader = world.nodeStates().find((n) => n.id === verdict.leader)!;
    expect(leader).toMatchObject({ up: true, role: 'leader', term: verdict.term });
  });
});

describe('the leader watch', () => {
  it('finds no stable leader in a cluster that stays split with no majority', () => {
    const split: Step[] = [{ at: HEAL_AT, do: 'partition', groups: [['S1', 'S2'], ['S3', 'S4'], ['S5']] }];
    const { verdict } = watched(
      scenarioOf({
        steps: [...FAULTS, ...HEAL, ...split],
        until: UNTIL,
        options: { preVote: true, checkQuorum: true },
      }),
    );
    expect(verdict).toEqual({ leader: null, term: -1, since: null });
  });

  it('starts over when a new term begins, even with the same leader', () => {
    const { verdict } = watched(
      scenarioOf({
        steps: [
          { at: 0, do: 'timeout', node: 'S1' },
          { at: HEAL_AT + 500, do: 'timeout', node: 'S2' },
        ],
        until: UNTIL,
      }),
    );
    expect(verdict.leader).toBe('S2');
    expect(verdict.since).toBeGreaterThan(HEAL_AT + 500);
  });

  it('counts a leader with a server of a higher term as not yet stable', () => {
    const watch = new LeaderWatch();
    const world = runScenario(scenarioOf({ steps: [{ at: 0, do: 'timeout', node: 'S1' }], until: 1000 })).world;
    watch.observe(world.hosts, 1000);
    expect(watch.verdict()).toMatchObject({ leader: 'S1', term: 1, since: 1000 });
    // A candidate of a later term, as S5 is once it times out cut off without PreVote.
    world.apply({ at: 1000, do: 'partition', groups: [['S1', 'S2', 'S3', 'S4'], ['S5']] });
    world.apply({ at: 1000, do: 'timeout', node: 'S5' });
    watch.observe(world.hosts, 1001);
    expect(watch.verdict().leader).toBeNull();
  });
});
