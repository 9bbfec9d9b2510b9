/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32). Its state
 * is four plain numbers, so it can be checkpointed and restored with the world.
 */

export type PrngState = [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator's starting state for a seed and a stream name (one stream per purpose). */
export function seedState(seed: number, stream: string): PrngState {
  let h = 2166136261 ^ (seed >>> 0) ^ Math.floor(seed / 4294967296);
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 16777619);
  const next = splitmix32(h);
  return [next(), next(), next(), next()];
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: PrngState) {
    [this.a, this.b, this.c, this.d] = state;
  }

  static of(seed: number, stream: string): Prng {
    return new Prng(seedState(seed, stream));
  }

  state(): PrngState {
    return [this.a, this.b, this.c, this.d];
  }

  /** Puts the generator back to a state it had. */
  load(state: PrngState): void {
    [this.a, this.b, this.c, this.d] = state;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** A uniform float in [min, max]. */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}
