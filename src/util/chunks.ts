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
