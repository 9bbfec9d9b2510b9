/**
 * Records keyed by names that come from outside (server ids, request ids, keys): they are
 * data, never an object's own members. A dict has no prototype, so `__proto__`,
 * `constructor` or `toString` are keys like any other: a lookup of a missing one gives
 * undefined, and setting `__proto__` stores a value instead of changing the prototype.
 * Where order or non-string keys matter, use a `Map` instead.
 */
export type Dict<V> = Record<string, V>;

/** A new dict, optionally filled from `[key, value]` pairs (a later pair wins). */
export function dict<V>(entries?: Iterable<readonly [string, V]>): Dict<V> {
  const out = Object.create(null) as Dict<V>;
  if (entries !== undefined) for (const [k, v] of entries) out[k] = v;
  return out;
}

/** A dict copy of `source`'s own enumerable keys (a plain object or another dict). */
export function dictCopy<V>(source: Readonly<Dict<V>>): Dict<V> {
  return Object.assign(dict<V>(), source);
}

/** Whether `key` is one of the dict's own keys (never an inherited member). */
export function has(d: Readonly<Dict<unknown>>, key: string): boolean {
  return Object.hasOwn(d, key);
}
