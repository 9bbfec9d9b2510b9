/**
 * Arrays frozen into fixed-size chunks for checkpoints, sharing every chunk that has not
 * changed since the previous checkpoint of the same array. Raft's large arrays (logs, the
 * checker's shadows, the committed prefix) change only at their tail, so a checkpoint of
 * an hour-long session costs the new tail and a list of chunk references, not the whole.
 */

const CHUNK = 256;

export interface Chunked<T> {
  readonly length: number;
  readonly chunks: readonly (readonly T[])[];
}

const EMPTY: Chunked<never> = { length: 0, chunks: [] };

function sameChunk<T>(chunk: readonly T[] | undefined, items: readonly T[], start: number, end: number): boolean {
  if (chunk === undefined || chunk.length !== end - start) return false;
  for (let i = start; i < end; i++) if (chunk[i - start] !== items[i]) return false;
  return true;
}

/** Freezes `items`, reusing the chunks of `previous` (an earlier checkpoint of the same array) that still match. */
export function freeze<T>(items: readonly T[], previous?: Chunked<T>): Chunked<T> {
  if (items.length === 0) return EMPTY;
  const chunks: (readonly T[])[] = [];
  for (let start = 0; start < items.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, items.length);
    const old = previous?.chunks[start / CHUNK];
    chunks.push(sameChunk(old, items, start, end) ? old! : items.slice(start, end));
  }
  return { length: items.length, chunks };
}

/** A fresh, mutable array with the frozen items. */
export function thaw<T>(frozen: Chunked<T>): T[] {
  return thawInto([], frozen);
}

/** Fills `target` (emptied first) with the frozen items. */
export function thawInto<T>(target: T[], frozen: Chunked<T>): T[] {
  target.length = 0;
  for (const chunk of frozen.chunks) Array.prototype.push.apply(target, chunk as T[]);
  return target;
}

/** A string-keyed record frozen as its keys and values in insertion order. */
export interface FrozenRecord<V> {
  readonly keys: Chunked<string>;
  readonly values: Chunked<V>;
}

export function freezeRecord<V>(record: Readonly<Record<string, V>>, previous?: FrozenRecord<V>): FrozenRecord<V> {
  const keys = Object.keys(record);
  return {
    keys: freeze(keys, previous?.keys),
    values: freeze(
      keys.map((k) => record[k]!),
      previous?.values,
    ),
  };
}

export function thawRecord<V>(frozen: FrozenRecord<V>): Record<string, V> {
  const keys = thaw(frozen.keys);
  const values = thaw(frozen.values);
  const out: Record<string, V> = {};
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!;
  return out;
}

export function freezeMap<V>(map: ReadonlyMap<string, V>, previous?: FrozenRecord<V>): FrozenRecord<V> {
  return { keys: freeze([...map.keys()], previous?.keys), values: freeze([...map.values()], previous?.values) };
}

export function thawMap<V>(frozen: FrozenRecord<V>): Map<string, V> {
  const keys = thaw(frozen.keys);
  const values = thaw(frozen.values);
  const out = new Map<string, V>();
  for (let i = 0; i < keys.length; i++) out.set(keys[i]!, values[i]!);
  return out;
}
