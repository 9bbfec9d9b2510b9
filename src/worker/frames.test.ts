/**
 * Frames carry what changed: a message whose fate changes while it flies (a cut begins between
 * its ends) is sent to the page again, so the page shows it lost before it arrives.
 */
import { describe, expect, it } from 'vitest';
import { scenarioOf } from '../sim/scenario/scenario';
import { World } from '../sim/core/world';
import { FrameBuilder, type FrameExtras } from './frames';

const extras = (world: World): FrameExtras => ({
  running: false,
  speed: 0.02,
  handled: 0,
  history: { branch: 1, branches: [], headT: world.now, headSeq: world.seq },
  markers: null,
  pausedBy: null,
});

describe('a frame', () => {
  it('sends the messages again when one is lost on its way, and says why', () => {
    const world = new World(
      scenarioOf({
        nodes: ['S1', 'S2', 'S3'],
        timing: { electionTimeout: [150, 300], heartbeatInterval: 50, latency: [40, 40] },
        steps: [{ at: 0, do: 'timeout', node: 'S1' }],
      }),
    );
    const frames = new FrameBuilder();
    frames.reset(world);
    world.runUntil(5);
    const first = frames.build(world, extras(world)).messages;
    expect(first?.map((m) => [m.to, m.lost])).toEqual([
      ['S2', null],
      ['S3', null],
    ]);
    // Nothing changed: no list.
    expect(frames.build(world, extras(world)).messages).toBeNull();
    world.apply({ at: 0, do: 'cut', from: 'S1', to: 'S2' });
    const after = frames.build(world, extras(world)).messages;
    expect(after?.map((m) => [m.to, m.lost])).toEqual([
      ['S2', 'cut'],
      ['S3', null],
    ]);
  });
});
