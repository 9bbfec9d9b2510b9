/**
 * The world's network under a person's hand: held messages, and the cap on what the network
 * carries at once.
 */
import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../scenario/limits';
import { scenarioOf } from '../scenario/scenario';
import { World, type Processed } from './world';

describe('held messages', () => {
  it('wait until delivered, dropped or let go, and a duplicate of one is held too', () => {
    const world = new World(scenarioOf({ steps: [{ at: 0, do: 'hold', on: true }] }));
    world.runUntil(400);
    const held = world.inFlight();
    expect(held.length).toBeGreaterThan(4);
    expect(held.every((m) => m.held && m.arriveAt === Infinity)).toBe(true);
    const [first, second] = held;
    expect(world.apply({ at: 0, do: 'deliverNow', msgId: first!.msgId }).event).toMatchObject({ kind: 'deliver' });
    expect(world.apply({ at: 0, do: 'drop', msgId: second!.msgId }).event).toMatchObject({
      kind: 'drop',
      reason: 'person',
    });
    const third = world.inFlight()[0]!;
    world.apply({ at: 0, do: 'duplicate', msgId: third.msgId });
    expect(world.inFlight().filter((m) => m.msgId === third.msgId)).toHaveLength(2);
    const count = world.inFlight().length;
    world.apply({ at: 0, do: 'hold', on: false });
    const released = world.inFlight();
    expect(released).toHaveLength(count);
    expect(released.every((m) => !m.held && m.arriveAt > world.now && m.arriveAt < world.now + 30)).toBe(true);
  });

  it('are shared between checkpoints: only what is new is copied', () => {
    const world = new World(scenarioOf({ steps: [{ at: 0, do: 'hold', on: true }] }));
    world.runUntil(3000);
    const a = world.snapshot();
    world.runUntil(3100);
    const b = world.snapshot(a);
    expect(a.held.length).toBeGreaterThan(256);
    expect(b.held.length).toBeGreaterThan(a.held.length);
    expect(b.held.chunks[0]).toBe(a.held.chunks[0]);
  });
});

describe('a full network', () => {
  it(`carries at most ${MAX_IN_FLIGHT} copies; more are lost at once as overflow, and it recovers`, () => {
    const world = new World(
      scenarioOf({
        nodes: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'],
        timing: { electionTimeout: [10, 12], heartbeatInterval: 5, latency: [10, 20] },
        steps: [{ at: 0, do: 'hold', on: true }],
      }),
    );
    let overflows = 0;
    world.runUntil(3000, (p) => {
      if (p.event.kind === 'drop' && p.event.reason === 'overflow') overflows++;
      // Copies lost to overflow pass through the agenda at the instant they were sent.
      if (p.seq % 500 === 0)
        expect(world.inFlight().filter((m) => m.lost !== 'overflow').length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    });
    expect(world.inFlight().filter((m) => m.lost !== 'overflow')).toHaveLength(MAX_IN_FLIGHT);
    expect(overflows).toBeGreaterThan(100);
    world.apply({ at: 0, do: 'hold', on: false });
    let delivered = 0;
    world.runUntil(world.now + 200, (p) => {
      if (p.event.kind === 'deliver') delivered++;
    });
    expect(delivered).toBeGreaterThan(MAX_IN_FLIGHT);
    expect(world.inFlight().length).toBeLessThan(MAX_IN_FLIGHT / 2);
  });
});

describe('a checkpoint', () => {
  it('restores a full network, with copies held and on their way: the restored world goes on event for event', () => {
    const scenario = scenarioOf({
      nodes: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'],
      timing: { electionTimeout: [10, 12], heartbeatInterval: 5, latency: [10, 20] },
      steps: [
        { at: 0, do: 'hold', on: true },
        { at: 2490, do: 'hold', on: false },
        { at: 2505, do: 'hold', on: true },
      ],
    });
    const original = new World(scenario);
    original.runUntil(2508);
    const inFlight = original.inFlight().filter((m) => m.lost !== 'overflow');
    expect(inFlight).toHaveLength(MAX_IN_FLIGHT);
    expect(inFlight.some((m) => m.held)).toBe(true);
    expect(inFlight.some((m) => !m.held)).toBe(true);
    const restored = new World(scenario);
    restored.restore(original.snapshot());
    const goOn = (world: World): string[] => {
      const out: string[] = [];
      const record = (p: Processed) => out.push(JSON.stringify([p.t, p.seq, p.event, p.wire?.copy]));
      world.runUntil(2600, record);
      world.apply({ at: 0, do: 'hold', on: false });
      world.runUntil(2700, record);
      return out;
    };
    const expected = goOn(original);
    // At the cap new copies are lost as overflow until arrivals make room.
    expect(expected.some((line) => line.includes('"overflow"'))).toBe(true);
    expect(goOn(restored)).toEqual(expected);
    expect(restored.snapshot()).toEqual(original.snapshot());
  });
});
