/**
 * The ring's geometry: for every cluster size the page allows (1 to 9 servers), every server,
 * the crown above a leader and the two label lines below (role, vote) are inside the drawing,
 * and no two servers touch; three servers fill the height five do.
 */
import { describe, expect, it } from 'vitest';
import { NODE_R, ringPositions, VIEW } from './palette';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `S${i + 1}`);
/** Drawing units above a server's centre its crown reaches, and below it its two label lines. */
const ABOVE = NODE_R + 20;
const BELOW = NODE_R + 8 + 2 * 22;

describe('ringPositions', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('%i servers: inside the drawing, none touching', (n) => {
    const pos = ringPositions(ids(n));
    const points = ids(n).map((id) => pos[id]!);
    expect(points).toHaveLength(n);
    for (const p of points) {
      expect(p.y - ABOVE).toBeGreaterThanOrEqual(0);
      expect(p.y + BELOW).toBeLessThanOrEqual(VIEW);
      expect(p.x - NODE_R).toBeGreaterThanOrEqual(0);
      expect(p.x + NODE_R).toBeLessThanOrEqual(VIEW);
    }
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(2 * NODE_R + 20);
  });

  it('three servers span the height of the drawing that five do, or more', () => {
    const span = (n: number) => {
      const ys = Object.values(ringPositions(ids(n))).map((p) => p.y);
      return Math.max(...ys) - Math.min(...ys);
    };
    expect(span(3)).toBeGreaterThanOrEqual(span(5));
  });

  it('puts a lone server above the client, its two label lines clear of the client (at the centre)', () => {
    const only = ringPositions(ids(1)).S1!;
    expect(only.x).toBe(300);
    expect(only.y + BELOW).toBeLessThan(300 - 14);
    expect(only.y).toBeGreaterThan(90);
  });

  it('keeps five servers where the page has always drawn them (S1 at the top, at 300, 90)', () => {
    expect(ringPositions(ids(5)).S1).toEqual({ x: 300, y: 90 });
  });
});
