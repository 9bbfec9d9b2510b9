/**
 * Colours: a colour-blind-safe palette for terms (Okabe and Ito), each with the text
 * colour that reads on it, and the geometry of the cluster ring.
 */
import { dict } from '../../util/dict';

const TERM_COLOURS: readonly { fill: string; text: string }[] = [
  { fill: '#E69F00', text: '#000000' },
  { fill: '#56B4E9', text: '#000000' },
  { fill: '#009E73', text: '#000000' },
  { fill: '#F0E442', text: '#000000' },
  { fill: '#0072B2', text: '#FFFFFF' },
  { fill: '#D55E00', text: '#000000' },
  { fill: '#CC79A7', text: '#000000' },
  { fill: '#BBBBBB', text: '#000000' },
];

export function termColour(term: number): { fill: string; text: string } {
  return TERM_COLOURS[(((term - 1) % TERM_COLOURS.length) + TERM_COLOURS.length) % TERM_COLOURS.length]!;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const VIEW = 600;
export const CENTRE: Point = { x: VIEW / 2, y: VIEW / 2 };
export const RING = 210;
export const NODE_R = 46;

/** Node positions on a ring, the first at the top, clockwise. */
export function ringPositions(ids: readonly string[]): Record<string, Point> {
  const out: Record<string, Point> = dict();
  ids.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / ids.length;
    out[id] = { x: CENTRE.x + RING * Math.cos(a), y: CENTRE.y + RING * Math.sin(a) };
  });
  return out;
}

/** Where a message travelling from a to b is at fraction f, offset to its side of the link. */
export function alongLink(a: Point, b: Point, f: number, offset: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Start and end at the nodes' edges, not their centres.
  const start = { x: a.x + ux * NODE_R, y: a.y + uy * NODE_R };
  const travel = Math.max(0, len - 2 * NODE_R);
  const px = -uy * offset;
  const py = ux * offset;
  return { x: start.x + ux * travel * f + px, y: start.y + uy * travel * f + py };
}
