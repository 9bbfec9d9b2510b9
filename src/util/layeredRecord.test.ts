import { describe, expect, it } from 'vitest';
import { emptyLayered, layeredAdd, layeredFreeze, layeredGet, layeredKeys, layeredThaw } from './layeredRecord';

describe('a layered record', () => {
  it('finds every key it was given, in order, across many freezes and merges', () => {
    const r = emptyLayered<number>();
    for (let i = 0; i < 5000; i++) {
      layeredAdd(r, `k${i}`, i);
      if (i % 37 === 0) layeredFreeze(r);
    }
    expect(r.size).toBe(5000);
    for (let i = 0; i < 5000; i += 7) expect(layeredGet(r, `k${i}`)).toBe(i);
    expect(layeredGet(r, 'k5000')).toBeUndefined();
    expect(layeredGet(r, 'toString')).toBeUndefined();
    expect(layeredKeys(r)).toEqual(Array.from({ length: 5000 }, (_, i) => `k${i}`));
    expect(r.levels.length).toBeLessThan(12);
  });

  it('a frozen copy, thawed, is independent of the original, both ways', () => {
    const r = emptyLayered<number>();
    for (let i = 0; i < 300; i++) layeredAdd(r, `a${i}`, i);
    const copy = layeredThaw(layeredFreeze(r));
    for (let i = 0; i < 300; i++) layeredAdd(r, `b${i}`, i);
    layeredAdd(copy, 'c', 1);
    expect(layeredGet(copy, 'b1')).toBeUndefined();
    expect(layeredGet(r, 'c')).toBeUndefined();
    expect(layeredGet(copy, 'a299')).toBe(299);
    expect(copy.size).toBe(301);
  });
});
