/**
 * A string-keyed record that only grows, kept as plain data in layers: frozen levels that
 * are never changed once made (so checkpoints share them), and a `top` that takes new keys.
 * Freezing it for a checkpoint turns the top into a level, merging levels of no greater size
 * (as in a log-structured merge tree), so merging costs O(n log n) in all, a lookup checks a
 * handful of levels, and a checkpoint of an hour of applied writes costs what is new since
 * the last one. Without checkpoints (the CLI) everything stays in the top: one plain lookup.
 * Keys are data (request ids from outside, such as `__proto__` or `toString`): they live in
 * `Map`s, never as an object's own keys.
 */

export interface Level<V> {
  readonly items: ReadonlyMap<string, V>;
  readonly size: number;
}

export interface LayeredRecord<V> {
  /** Oldest and largest first; never changed once made. */
  levels: readonly Level<V>[];
  top: Map<string, V>;
  topSize: number;
  size: number;
}

export function emptyLayered<V>(): LayeredRecord<V> {
  return { levels: [], top: new Map(), topSize: 0, size: 0 };
}

export function layeredGet<V>(r: LayeredRecord<V>, key: string): V | undefined {
  const found = r.top.get(key);
  if (found !== undefined) return found;
  const levels = r.levels;
  for (let i = levels.length - 1; i >= 0; i--) {
    const value = levels[i]!.items.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Adds a key that is not there yet (in place). */
export function layeredAdd<V>(r: LayeredRecord<V>, key: string, value: V): void {
  r.top.set(key, value);
  r.topSize++;
  r.size++;
}

/** A layered record as a checkpoint keeps it: frozen levels only, shared with the live record. */
export interface FrozenLayered<V> {
  readonly levels: readonly Level<V>[];
  readonly size: number;
}

/**
 * Freezes the record for a checkpoint: the keys added since the last freeze become a level
 * (merged with levels of no greater size, as in a binary counter), and the live record goes on
 * with an empty top. The live record keeps the same keys; only their layout changes.
 */
export function layeredFreeze<V>(r: LayeredRecord<V>): FrozenLayered<V> {
  if (r.topSize > 0) {
    const levels: Level<V>[] = [...r.levels, { items: r.top, size: r.topSize }];
    while (levels.length >= 2 && levels[levels.length - 2]!.size <= levels[levels.length - 1]!.size) {
      const newer = levels.pop()!;
      const older = levels.pop()!;
      levels.push({ items: new Map([...older.items, ...newer.items]), size: older.size + newer.size });
    }
    r.levels = levels;
    r.top = new Map();
    r.topSize = 0;
  }
  return { levels: r.levels, size: r.size };
}

export function layeredThaw<V>(f: FrozenLayered<V>): LayeredRecord<V> {
  return { levels: f.levels, top: new Map(), topSize: 0, size: f.size };
}

export function layeredKeys<V>(r: LayeredRecord<V>): string[] {
  return [...r.levels.flatMap((l) => [...l.items.keys()]), ...r.top.keys()];
}
