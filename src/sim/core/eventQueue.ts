/**
 * The simulator's agenda: a binary min-heap ordered by virtual time, then priority
 * (inputs before everything else at the same instant), then insertion order.
 */

export interface Scheduled {
  readonly t: number;
  /** 0 for inputs (scenario steps, a person's actions), 1 for everything else. */
  readonly prio: 0 | 1;
  seq: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (a.prio !== b.prio) return a.prio < b.prio;
  return a.seq < b.seq;
}

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(item: T): void {
    item.seq = this.nextSeq++;
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  /** Every pending item, in no particular order (for inspection and checkpoints). */
  items(): readonly T[] {
    return this.heap;
  }

  /** The heap as it stands (a copy), for a checkpoint. Items are never changed once pushed. */
  save(): { readonly heap: readonly T[]; readonly nextSeq: number } {
    return { heap: this.heap.slice(), nextSeq: this.nextSeq };
  }

  /** Puts back a saved heap: items come out in exactly the order they would have. */
  load(saved: { readonly heap: readonly T[]; readonly nextSeq: number }): void {
    this.heap = saved.heap.slice();
    this.nextSeq = saved.nextSeq;
  }

  /**
   * Puts `next(item)` in each item's place. `next` returns the item itself or a new one with the
   * same time and priority; the new one keeps the old one's seq, so the order stands.
   */
  replace(next: (item: T) => T): void {
    const heap = this.heap;
    for (let i = 0; i < heap.length; i++) {
      const old = heap[i]!;
      const item = next(old);
      if (item === old) continue;
      item.seq = old.seq;
      heap[i] = item;
    }
  }

  /** Removes the items for which `keep` is false. */
  filter(keep: (item: T) => boolean): void {
    // A sorted array is a valid heap.
    this.heap = this.heap.filter(keep).sort((a, b) => (before(a, b) ? -1 : 1));
  }
}
