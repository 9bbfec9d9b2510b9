/**
 * Clock skew (the `clock` step, CONTRACTS.md section 5): a server's timers run at its clock's
 * rate against virtual time, a node is told its own clock's time, and a clock at true time
 * gives exactly the numbers of a world without clocks.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../headless/run';
import { scenarioOf, type Scenario, type Step } from '../scenario/scenario';
import { localTime, setRate, TRUE_CLOCK, virtualTime } from './clock';
import { World, type Processed } from './world';

/** The virtual times of `node`'s timer events (election timeouts and heartbeats) up to `until`. */
function timerTimes(scenario: Scenario, node: string, until: number): number[] {
  const times: number[] = [];
  const world = new World(scenario);
  world.runUntil(until, (p) => {
    const e = p.event;
    if ((e.kind === 'heartbeat' || (e.kind === 'timeout' && e.forced !== true)) && e.node === node) times.push(p.t);
  });
  return times;
}

describe('a clock', () => {
  it('at true time converts every number to itself, bit for bit', () => {
    for (const t of [0, 0.1, 150.30000000000001, 1234.5678, 3_599_999.9999]) {
      expect(localTime(TRUE_CLOCK, t)).toBe(t);
      expect(virtualTime(TRUE_CLOCK, t)).toBe(t);
    }
    expect(virtualTime(TRUE_CLOCK, Infinity)).toBe(Infinity);
  });

  it('changes speed without jumping, and comes back to true time only with no offset gathered', () => {
    const fast = setRate(TRUE_CLOCK, 100, 2);
    expect(localTime(fast, 100)).toBe(100);
    expect(localTime(fast, 150)).toBe(200);
    expect(virtualTime(fast, 200)).toBe(150);
    const back = setRate(fast, 150, 1);
    expect(localTime(back, 150)).toBe(200);
    expect(localTime(back, 250)).toBe(300);
    expect(back).not.toBe(TRUE_CLOCK);
    expect(setRate(TRUE_CLOCK, 500, 1)).toBe(TRUE_CLOCK);
  });
});

describe('clock skew in the world', () => {
  // One server alone: its election timer is the only thing that happens until it leads.
  const alone = (steps: Step[]) => scenarioOf({ nodes: ['S1'], steps, until: 2000 });

  it('a server whose clock runs at rate 2 times out in half the virtual time', () => {
    const [trueTime] = timerTimes(alone([]), 'S1', 2000);
    const [fast] = timerTimes(alone([{ at: 0, do: 'clock', node: 'S1', rate: 2 }]), 'S1', 2000);
    expect(trueTime).toBeGreaterThanOrEqual(150);
    expect(fast).toBe(trueTime! / 2);
    const [slow] = timerTimes(alone([{ at: 0, do: 'clock', node: 'S1', rate: 0.5 }]), 'S1', 2000);
    expect(slow).toBe(trueTime! * 2);
  });

  it('a clock step moves a pending timer: what is left of it runs at the new rate', () => {
    const [trueTime] = timerTimes(alone([]), 'S1', 2000);
    const world = new World(alone([{ at: 100, do: 'clock', node: 'S1', rate: 4 }]));
    world.runUntil(100);
    const expected = 100 + (trueTime! - 100) / 4;
    expect(world.nodeStates()[0]).toMatchObject({ clockRate: 4, deadline: expected });
    const p = world.step()!;
    expect(p.event).toEqual({ kind: 'timeout', node: 'S1' });
    expect(p.t).toBe(expected);
  });

  it('a leader with a fast clock sends heartbeats twice as often, and its followers see them in virtual time', () => {
    const steps: Step[] = [
      { at: 0, do: 'timeout', node: 'S1' },
      { at: 500, do: 'clock', node: 'S1', rate: 2 },
    ];
    const scenario = scenarioOf({ nodes: ['S1', 'S2', 'S3'], steps, until: 1500 });
    const beats = timerTimes(scenario, 'S1', 1500).filter((t) => t > 600);
    expect(beats.length).toBeGreaterThan(10);
    for (let i = 1; i < beats.length; i++) expect(beats[i]! - beats[i - 1]!).toBeCloseTo(25, 6);
    const world = new World(scenario);
    world.runUntil(1500);
    expect(world.nodeStates().map((n) => [n.id, n.role, n.term, n.clockRate])).toEqual([
      ['S1', 'leader', 1, 2],
      ['S2', 'follower', 1, 1],
      ['S3', 'follower', 1, 1],
    ]);
  });

  it('a follower with a fast clock is told its own time: it still hears its leader within its timeout', () => {
    // Rate 2: its timeout of 150-300 ms on its own clock is 75-150 ms of virtual time, longer
    // than a heartbeat interval (50 ms) plus latency (at most 20 ms).
    const world = new World(
      scenarioOf({
        nodes: ['S1', 'S2', 'S3'],
        steps: [
          { at: 0, do: 'timeout', node: 'S1' },
          { at: 0, do: 'clock', node: 'S2', rate: 2 },
        ],
      }),
    );
    world.runUntil(3000);
    expect(world.nodeStates().map((n) => [n.id, n.role, n.term])).toEqual([
      ['S1', 'leader', 1],
      ['S2', 'follower', 1],
      ['S3', 'follower', 1],
    ]);
  });

  it('rate 1 everywhere gives exactly the numbers of a world without clock steps', () => {
    const base = scenarioOf({
      steps: [
        { at: 400, do: 'crash', node: 'S2' },
        {
          at: 900,
          do: 'partition',
          groups: [
            ['S1', 'S3'],
            ['S4', 'S5'],
          ],
        },
        { at: 1500, do: 'heal' },
        { at: 1600, do: 'restart', node: 'S2' },
        { at: 1700, do: 'write', id: 'w1', key: 'x', value: '1' },
      ],
      until: 4000,
    });
    const rateOne: Step[] = base.nodes.flatMap((node): Step[] => [
      { at: 0, do: 'clock', node, rate: 1 },
      { at: 777, do: 'clock', node, rate: 1 },
    ]);
    const lines = (s: Scenario) => {
      const out: string[] = [];
      runScenario(s, {
        trace: (line) => {
          const parsed = JSON.parse(line) as { event: Processed['event'] };
          if (parsed.event.kind !== 'clock') out.push(line.replace(/"seq":\d+,/, ''));
        },
      });
      return out;
    };
    const withClocks = lines({ ...base, steps: [...rateOne, ...base.steps] });
    expect(withClocks).toEqual(lines(base));
    expect(withClocks.join('\n')).not.toContain('clockRate');
  });

  it('the trace shows a clock rate only where it is not 1', () => {
    const lines: string[] = [];
    runScenario(scenarioOf({ steps: [{ at: 100, do: 'clock', node: 'S3', rate: 1.5 }], until: 200 }), {
      trace: (line) => lines.push(line),
    });
    const last = JSON.parse(lines.at(-1)!) as { nodes: { id: string; clockRate?: number }[] };
    expect(last.nodes.map((n) => n.clockRate)).toEqual([undefined, undefined, 1.5, undefined, undefined]);
    expect(lines[0]).not.toContain('clockRate');
  });

  it('a checkpoint keeps every clock, and a restored world goes on exactly as the first', () => {
    const scenario = scenarioOf({
      steps: [
        { at: 50, do: 'clock', node: 'S2', rate: 3 },
        { at: 60, do: 'clock', node: 'S4', rate: 0.3 },
        { at: 2000, do: 'clock', node: 'S2', rate: 0.7 },
      ],
      until: 5000,
    });
    const world = new World(scenario);
    world.runUntil(1000);
    const snap = world.snapshot();
    const after: string[] = [];
    world.runUntil(5000, (p) => after.push(`${p.t} ${JSON.stringify(p.event)}`));
    const again = new World(scenario);
    again.runUntil(3000);
    again.restore(snap);
    expect(again.nodeStates().map((n) => n.clockRate)).toEqual([1, 3, 1, 0.3, 1]);
    const replayed: string[] = [];
    again.runUntil(5000, (p) => replayed.push(`${p.t} ${JSON.stringify(p.event)}`));
    expect(replayed).toEqual(after);
    expect(again.nodeStates()).toEqual(world.nodeStates());
  });
});
