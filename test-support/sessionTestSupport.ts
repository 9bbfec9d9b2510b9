/**
 * Test support: a person's session made at random (running in slices, acting now and then,
 * stepping), with the world recorded after every event, and a dump that compares worlds.
 */
import type { FrozenLayered } from '../src/util/layeredRecord';
import { fuzzScenario } from '../src/sim/headless/fuzz';
import { History } from '../src/debug/history';
import { Prng } from '../src/sim/core/prng';
import type { Step } from '../src/sim/scenario/scenario';
import type { World } from '../src/sim/core/world';

/**
 * Everything about the world, as text: two equal dumps are the same world. A layered record
 * is written as its keys and values in order, whatever levels a freeze happened to split it into;
 * a Map as its entries in order.
 */
export function dump(world: World): string {
  return JSON.stringify(world.snapshot(), (_key, value: unknown): unknown =>
    isFrozenLayered(value)
      ? value.levels.flatMap((l) => [...l.items])
      : value instanceof Map
        ? [...(value as Map<unknown, unknown>)]
        : value,
  );
}

function isFrozenLayered(v: unknown): v is FrozenLayered<unknown> {
  return typeof v === 'object' && v !== null && 'levels' in v && 'size' in v && Array.isArray(v.levels);
}

/** Where two dumps first differ, briefly (empty when they are the same). */
export function difference(actual: string, expected: string | undefined): string {
  if (expected === undefined) return 'nothing recorded';
  if (actual === expected) return '';
  let i = 0;
  while (actual[i] === expected[i]) i++;
  return `at ${i}: …${actual.slice(Math.max(0, i - 80), i + 40)} vs …${expected.slice(Math.max(0, i - 80), i + 40)}`;
}

export type Action = Step extends infer S ? (S extends unknown ? Omit<S, 'at'> : never) : never;

/** A person's random action on the world as it is now. */
export function randomAction(world: World, rng: Prng, n: number): Action {
  const node = rng.pick(world.ids);
  const flying = world.inFlight();
  switch (rng.int(9)) {
    case 0:
      return { do: 'crash', node };
    case 1:
      return { do: 'restart', node };
    case 2:
      return { do: 'timeout', node };
    case 3:
      return { do: 'write', id: `p${n}`, key: 'k', value: String(n) };
    case 4:
      return { do: 'hold', on: !world.hold };
    case 5:
    case 6:
    case 7: {
      const msgId = flying.length > 0 ? rng.pick(flying).msgId : 1;
      return { do: rng.pick(['duplicate', 'deliverNow', 'drop'] as const), msgId };
    }
    default:
      return { do: 'partition', groups: [world.ids.slice(0, 2), world.ids.slice(2)] };
  }
}

export interface Recorded {
  readonly history: History;
  /** The world after each event, by event number. */
  readonly afterEvent: Map<number, string>;
  /** The world at the end of each run, by its time. */
  readonly atTime: Map<number, string>;
}

/** A session as a person would have it: running in slices, acting now and then. */
export function liveSession(
  seed: number,
  until: number,
  history = new History(fuzzScenario(seed, until), { checkpointEvery: 37 }),
): Recorded {
  const rng = Prng.of(seed, 'person');
  const afterEvent = new Map<number, string>();
  const atTime = new Map<number, string>();
  const w = history.world;
  const record = () => afterEvent.set(w.seq, dump(w));
  let n = 0;
  for (let t = w.now; t < until;) {
    t += rng.between(1, 80);
    history.run(t, record);
    atTime.set(w.now, dump(w));
    if (rng.chance(0.3)) {
      // The moment "at this time" is now after the action, not before it.
      atTime.delete(w.now);
      history.act({ ...randomAction(w, rng, n++), at: w.now }, record);
    }
    if (rng.chance(0.2)) history.step(record);
  }
  return { history, afterEvent, atTime };
}
