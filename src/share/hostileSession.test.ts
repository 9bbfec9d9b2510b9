/**
 * Hostile sessions have a budget: the worst links the validator accepts (nine servers on the
 * fastest timers with every message held and duplicated, or a burst of as many writes as a
 * scenario may have; as many events as a session may hold) open, replay to their head, and
 * keep the network and the checkpoints bounded, well under 200 MB. Their time is printed by
 * `npm run bench:hostile`, not asserted here.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../sim/scenario/limits';
import { replaySession } from '../debug/sessionReplay';
import { hostileSession } from '../../test-support/hostileSession';
import { MAX_SESSION_EVENTS } from './session';
import { decodeSession, encodeSession } from './sessionLink';
import { validateSession } from './validateSession';
import { sessionToJson } from './session';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1e6;

describe('the worst session a link may carry', () => {
  it.each(['held', 'writes'] as const)(
    '%s: opens within 200 MB, with at most MAX_IN_FLIGHT messages on the wire',
    async (kind) => {
      const session = hostileSession(MAX_SESSION_EVENTS, kind);
      expect(session.head.seq).toBeGreaterThan(MAX_SESSION_EVENTS - 1500);
      expect(session.head.seq).toBeLessThanOrEqual(MAX_SESSION_EVENTS);
      const decoded = await decodeSession(await encodeSession(session));
      if (!decoded.ok) throw new Error(decoded.errors.join('\n'));
      const s = decoded.value;
      if (s.scenario.kind !== 'inline') throw new Error('expected an inline scenario');
      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      const r = replaySession(
        { scenario: s.scenario.scenario, seed: s.seed, inputs: s.inputs, head: s.head, moment: s.moment },
        (p) => {
          if (p.seq % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
        },
      );
      if (!r.ok) throw new Error(r.message);
      const world = r.history.world;
      if (kind === 'held')
        expect(world.inFlight()).toHaveLength(MAX_IN_FLIGHT); // the network filled up, and no further
      else expect(world.checker.committed).toBeGreaterThan(1000);
      expect(world.nodeStates().every((n) => n.up)).toBe(true);
      gc();
      const kept = process.memoryUsage().heapUsed - base;
      expect(Math.max(peak, kept) / MB).toBeLessThan(200);
    },
  );

  it('one event more than a session may hold is refused, with the limit named', () => {
    const json = sessionToJson({ ...hostileSession(200), head: { seq: MAX_SESSION_EVENTS + 1, t: 100 } }) as {
      moment: unknown;
    };
    json.moment = { seq: 0, t: 0 };
    const r = validateSession(json);
    expect(r.ok ? [] : r.errors).toContainEqual(
      expect.stringContaining(`head.seq: must be at most ${MAX_SESSION_EVENTS}`),
    );
  });
});
