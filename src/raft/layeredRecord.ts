/**
 * A string-keyed record that only grows, kept as plain data in layers: frozen levels that
 * are never changed once made (so copies and checkpoints share them), and a small `top`
 * that takes new keys. A full top becomes a level; levels of similar size are merged, as
 * in a log-structured merge tree, so merging costs O(n log n) in all and a lookup checks a
 * handful of levels. A copy costs the small top only: that is what makes checkpointing an
 * hour of applied writes cheap.
 */

export interface Level<V> {
  readonly items: Readonly<Record<string, V>>;
  readonly size: number;
}

export interface LayeredRecord<V> {
  /** Oldest and largest first; never changed once made. */
  levels: readonly Level<V>[];
  top: Record<string, V>;
  topSize: number;
  size: number;
}

/** A top of this many keys becomes a level. */
const TOP_LIMIT = 256;

export function emptyLayered<V>(): LayeredRecord<V> {
  return { levels: [], top: {}, topSize: 0, size: 0 };
}

export function layeredGet<V>(r: LayeredRecord<V>, key: string): V | undefined {
  if (Object.hasOwn(r.top, key)) return r.top[key];
  const levels = r.levels;
  for (let i = levels.length - 1; i >= 0; i--) {
    const items = levels[i]!.items;
    if (Object.hasOwn(items, key)) return items[key];
  }
  return undefined;
}

/** Adds a key that is not there yet (in place). */
export function layeredAdd<V>(r: LayeredRecord<V>, key: string, value: V): void {
  r.top[key] = value;
  r.topSize++;
  r.size++;
  if (r.topSize < TOP_LIMIT) return;
  const levels = [...r.levels, { items: Object.freeze(r.top), size: r.topSize }];
  while (levels.length >= 2 && levels[levels.length - 2]!.size <= levels[levels.length - 1]!.size) {
    const newer = levels.pop()!;
    const older = levels.pop()!;
    levels.push({ items: Object.freeze({ ...older.items, ...newer.items }), size: older.size + newer.size });
  }
  r.levels = levels;
  r.top = {};
  r.topSize = 0;
}

/** An independent copy: it shares the levels, and copies the top. */
export function layeredCopy<V>(r: LayeredRecord<V>): LayeredRecord<V> {
  return { levels: r.levels, top: { ...r.top }, topSize: r.topSize, size: r.size };
}

/** A layered record as a checkpoint keeps it: the levels shared, the small top as two plain arrays. */
export interface FrozenLayered<V> {
  readonly levels: readonly Level<V>[];
  readonly keys: readonly string[];
  readonly values: readonly V[];
}

export function layeredFreeze<V>(r: LayeredRecord<V>): FrozenLayered<V> {
  const keys = Object.keys(r.top);
  return { levels: r.levels, keys, values: keys.map((k) => r.top[k]!) };
}

export function layeredThaw<V>(f: FrozenLayered<V>): LayeredRecord<V> {
  const top: Record<string, V> = {};
  for (let i = 0; i < f.keys.length; i++) top[f.keys[i]!] = f.values[i]!;
  const size = f.levels.reduce((n, l) => n + l.size, f.keys.length);
  return { levels: f.levels, top, topSize: f.keys.length, size };
}

export function layeredKeys<V>(r: LayeredRecord<V>): string[] {
  return [...r.levels.flatMap((l) => Object.keys(l.items)), ...Object.keys(r.top)];
}
