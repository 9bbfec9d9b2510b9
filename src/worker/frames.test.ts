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

describe('a frame of the elections beyond Figure 2', () => {
  const three = (options: { checkQuorum?: boolean; preVote?: boolean } = {}) =>
    new World(
      scenarioOf({
        nodes: ['S1', 'S2', 'S3'],
        timing: { electionTimeout: [150, 300], heartbeatInterval: 50, latency: [10, 10] },
        steps: [{ at: 0, do: 'timeout', node: 'S1' }],
        options,
      }),
    );
  const node = (frame: ReturnType<FrameBuilder['build']>, id: string) => frame.nodes.find((n) => n.id === id);

  it("sends a leader's quorum contact as it changes: a crashed follower drops out of it", () => {
    const world = new World(
      scenarioOf({
        nodes: ['S1', 'S2', 'S3', 'S4', 'S5'],
        timing: { electionTimeout: [150, 300], heartbeatInterval: 50, latency: [10, 10] },
        steps: [{ at: 0, do: 'timeout', node: 'S1' }],
        options: { checkQuorum: true },
      }),
    );
    const frames = new FrameBuilder();
    frames.reset(world);
    world.runUntil(200);
    const led = frames.build(world, extras(world));
    expect(node(led, 'S1')).toMatchObject({ role: 'leader', quorumContact: ['S1', 'S2', 'S3', 'S4', 'S5'] });
    expect(node(led, 'S2')?.quorumContact).toBeNull();
    expect(led.extensions).toEqual({ preVote: false, checkQuorum: true });
    world.apply({ at: world.now, do: 'crash', node: 'S5' });
    frames.build(world, extras(world));
    let last: readonly string[] | null | undefined;
    for (let t = world.now; t <= 700; t += 5) {
      world.runUntil(t);
      const seen = node(frames.build(world, extras(world)), 'S1');
      if (seen !== undefined) last = seen.quorumContact;
    }
    expect(world.hosts[0]!.role).toBe('leader');
    expect(last).toEqual(['S1', 'S2', 'S3', 'S4']);
  });

  it('sends no quorum contact with CheckQuorum off', () => {
    const world = three();
    const frames = new FrameBuilder();
    frames.reset(world);
    world.runUntil(200);
    expect(node(frames.build(world, extras(world)), 'S1')).toMatchObject({ role: 'leader', quorumContact: null });
  });

  it("carries a pre-candidate's pre-votes, a server's clock rate and a transfer's target", () => {
    const world = three({ preVote: true });
    const frames = new FrameBuilder();
    frames.reset(world);
    world.runUntil(1);
    expect(node(frames.build(world, extras(world)), 'S1')).toMatchObject({ role: 'precandidate', votes: ['S1'] });
    world.runUntil(200);
    frames.build(world, extras(world));
    world.apply({ at: world.now, do: 'clock', node: 'S3', rate: 2 });
    // The clock step changes no context, but the page must hear of it (and of S3's moved deadline).
    expect(node(frames.build(world, extras(world)), 'S3')).toMatchObject({ clockRate: 2 });
    world.apply({ at: world.now, do: 'transferLeadership', to: 'S2' });
    expect(node(frames.build(world, extras(world)), 'S1')).toMatchObject({ role: 'leader', transferTo: 'S2' });
  });
});
