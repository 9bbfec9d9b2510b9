import { describe, expect, it } from 'vitest';
import { emptyLayered, layeredAdd, layeredCopy, layeredGet, layeredKeys } from './layeredRecord';

describe('a layered record', () => {
  it('finds every key it was given, in order, across many merges', () => {
    const r = emptyLayered<number>();
    for (let i = 0; i < 5000; i++) layeredAdd(r, `k${i}`, i);
    expect(r.size).toBe(5000);
    for (let i = 0; i < 5000; i += 7) expect(layeredGet(r, `k${i}`)).toBe(i);
    expect(layeredGet(r, 'k5000')).toBeUndefined();
    expect(layeredGet(r, 'toString')).toBeUndefined();
    expect(layeredKeys(r)).toEqual(Array.from({ length: 5000 }, (_, i) => `k${i}`));
    expect(r.levels.length).toBeLessThan(12);
  });

  it('a copy is independent of the original, both ways', () => {
    const r = emptyLayered<number>();
    for (let i = 0; i < 300; i++) layeredAdd(r, `a${i}`, i);
    const copy = layeredCopy(r);
    for (let i = 0; i < 300; i++) layeredAdd(r, `b${i}`, i);
    layeredAdd(copy, 'c', 1);
    expect(layeredGet(copy, 'b1')).toBeUndefined();
    expect(layeredGet(r, 'c')).toBeUndefined();
    expect(layeredGet(copy, 'a299')).toBe(299);
    expect(copy.size).toBe(301);
  });
});
