/**
 * The space-time diagram's tracks name the message they draw, so a click on one opens that
 * message; a client's acknowledgement (a clientAck event, which names no message) too.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/headless/run';
import { scenarioOf } from '../sim/scenario/scenario';
import { TrackRecorder } from './tracks';

describe('message tracks', () => {
  it('carry the number of the message they draw, client replies included', () => {
    const recorder = new TrackRecorder();
    let first = true;
    runScenario(scenarioOf({ steps: [{ at: 600, do: 'write', id: 'w1', key: 'x', value: '1' }], until: 1500 }), {
      onEvent: (p, world) => {
        if (first) recorder.reset(world);
        first = false;
        recorder.record(p, world);
      },
    });
    const { tracks } = recorder.take();
    const replies = tracks.filter((t) => t.type === 'ClientReply');
    expect(replies.length).toBeGreaterThan(0);
    expect(tracks.every((t) => t.msgId > 0)).toBe(true);
  });
});
