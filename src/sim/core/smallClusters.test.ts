/**
 * One- and two-server clusters elect, commit and apply (issue 10, item 6), with and without
 * the leader's no-op (dissertation §6.4), through client writes and crashes and restarts,
 * with the safety checker running after every event.
 */
import { describe, expect, it } from 'vitest';
import { layeredGet } from '../../util/layeredRecord';
import { runScenario } from '../headless/run';
import { scenarioOf, type Step } from '../scenario/scenario';
import type { NodeState } from './world';

const ONE = ['S1'];
const TWO = ['S1', 'S2'];

function run(nodes: readonly string[], leaderNoop: boolean, steps: Step[], until: number) {
  const states = new Map<number, NodeState[]>(); // the last states at or before each watched time
  const watched = steps.map((s) => s.at - 1);
  const scenario = scenarioOf({ name: 'small', nodes, steps, until, options: { leaderNoop } });
  const { world, violations } = runScenario(scenario, {
    onEvent: (p, w) => {
      if (!watched.some((t) => p.t <= t)) return;
      const now = w.nodeStates().map((n) => ({ ...n, log: [...n.log] })); // logs change in place
      for (const t of watched) if (p.t <= t) states.set(t, now);
    },
  });
  expect(violations.map((v) => v.message)).toEqual([]);
  return { world, before: (t: number) => states.get(t - 1) ?? [] };
}

/** Every server that is up has committed and applied its whole log. */
function allCommitted(nodes: readonly NodeState[], length: number): void {
  for (const n of nodes) {
    expect(n.log, n.id).toHaveLength(length);
    expect([n.commitIndex, n.lastApplied], n.id).toEqual([length, length]);
  }
}

describe.each([false, true])('small clusters (leaderNoop %s)', (leaderNoop) => {
  const noops = leaderNoop ? 1 : 0; // entries a leader adds on election

  it('one server elects itself, commits and applies every write, and again after a crash and restart', () => {
    const steps: Step[] = [
      { at: 1000, do: 'write', id: 'w1', key: 'x', value: '1' },
      { at: 1500, do: 'write', id: 'w2', key: 'y', value: '2' },
      { at: 2000, do: 'crash', node: 'S1' },
      { at: 2100, do: 'write', id: 'w3', key: 'x', value: '3' }, // waits for the restart
      { at: 2500, do: 'restart', node: 'S1' },
    ];
    const { world, before } = run(ONE, leaderNoop, steps, 5000);
    expect(before(1000)[0]).toMatchObject({ role: 'leader', term: 1 });
    allCommitted(before(1000), noops);
    allCommitted(before(2000), noops + 2);
    expect(before(2500)[0]).toMatchObject({ up: false });
    const [s1] = world.nodeStates();
    expect(s1).toMatchObject({ role: 'leader', term: 2 });
    allCommitted([s1!], 2 * noops + 3);
    expect(Object.fromEntries(world.hosts[0]!.context.kv)).toEqual({ x: '3', y: '2' });
    for (const id of ['w1', 'w2', 'w3']) expect(layeredGet(world.client.acked, id), id).toBeDefined();
  });

  it('two servers elect a leader, commit and apply on both; with one crashed nothing commits until it returns', () => {
    const steps: Step[] = [
      { at: 1000, do: 'write', id: 'w1', key: 'x', value: '1' },
      { at: 1500, do: 'crash', node: 'S2' },
      { at: 1600, do: 'write', id: 'w2', key: 'x', value: '2' },
      { at: 2500, do: 'restart', node: 'S2' },
      { at: 3500, do: 'crash', node: 'S1' },
      { at: 4000, do: 'restart', node: 'S1' },
      { at: 6000, do: 'write', id: 'w3', key: 'y', value: '3' },
    ];
    const { world, before } = run(TWO, leaderNoop, steps, 8000);
    expect(before(1000).filter((n) => n.role === 'leader')).toHaveLength(1);
    allCommitted(before(1000), noops);
    allCommitted(before(1500), noops + 1);
    // S2 is down: w2 reaches S1's log, but one server of two is no majority.
    expect(before(2500)[0]!.log).toHaveLength(noops + 2);
    expect(Math.max(...before(2500).map((n) => n.commitIndex))).toBe(noops + 1);
    allCommitted(before(3500), noops + 2);
    // S1 is down: S2 cannot be elected on its own vote.
    expect(before(4000).filter((n) => n.role === 'leader' && n.up)).toEqual([]);
    const final = world.nodeStates();
    expect(final.filter((n) => n.role === 'leader')).toHaveLength(1);
    allCommitted(final, final[0]!.log.length);
    for (const h of world.hosts) expect(Object.fromEntries(h.context.kv), h.id).toEqual({ x: '2', y: '3' });
    for (const id of ['w1', 'w2', 'w3']) expect(layeredGet(world.client.acked, id), id).toBeDefined();
  });
});

it('one server with leaderNoop commits and applies its no-op without any client write', () => {
  const { world } = run(ONE, true, [], 1000);
  allCommitted(world.nodeStates(), 1);
});
