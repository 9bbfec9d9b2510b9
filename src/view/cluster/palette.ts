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

/**
 * The ring for n servers: its centre and radius in drawing units. The first server is at the
 * top (y = 90, room above for a leader's crown) and the lowest at most at y = 497 (room below
 * for its two label lines). With an even number the lowest server is straight below the
 * centre, so that ring is a little smaller and higher; three servers make a triangle whose
 * lower side would sit high in the square, so theirs is larger and lower, to span the height
 * five do. A lone server stands just above the client, its labels clear of the client's box.
 * The client stays at CENTRE (inside the triangle too).
 */
function ringOf(n: number): { centre: Point; radius: number } {
  // One server: above the client, nearer the middle than the top of the square.
  if (n === 1) return { centre: { x: CENTRE.x, y: 300 + 130 }, radius: 260 };
  if (n === 3) return { centre: { x: CENTRE.x, y: 356 }, radius: 266 };
  if (n % 2 === 0) return { centre: { x: CENTRE.x, y: 290 }, radius: 200 };
  return { centre: CENTRE, radius: RING };
}

/** Node positions on a ring, the first at the top, clockwise. */
export function ringPositions(ids: readonly string[]): Record<string, Point> {
  const out: Record<string, Point> = dict();
  const { centre, radius } = ringOf(ids.length);
  ids.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / ids.length;
    out[id] = { x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a) };
  });
  return out;
}

/**
 * Where a message travelling from a to b is at fraction f, offset to its side of the link.
 * `clearance` is the half-size (x, y) of what is drawn centred on that point: it starts and
 * ends that far beyond the nodes' edges, so a label just sent or about to arrive does not
 * cover the server's name and term (at most a third of the gap each end, on short links).
 */
export function alongLink(a: Point, b: Point, f: number, offset: number, clearance: Point = { x: 0, y: 0 }): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const gap = Math.max(0, len - 2 * NODE_R);
  const inset = Math.min(Math.abs(ux) * clearance.x + Math.abs(uy) * clearance.y, gap / 3);
  // Start and end at the nodes' edges (plus the clearance), not their centres.
  const start = { x: a.x + ux * (NODE_R + inset), y: a.y + uy * (NODE_R + inset) };
  const travel = gap - 2 * inset;
  const px = -uy * offset;
  const py = ux * offset;
  return { x: start.x + ux * travel * f + px, y: start.y + uy * travel * f + py };
}

/**
 * An arrow beside the link from a to b, `offset` to its side, from fraction `from` to `to` of
 * the way: the shaft's two ends and the arrowhead's three corners as an SVG points list. The
 * head is `length` long and `width` wide (drawing units).
 */
export function arrowAlong(
  a: Point,
  b: Point,
  span: { readonly from: number; readonly to: number; readonly offset: number },
  head: { readonly length: number; readonly width: number },
): { start: Point; back: Point; points: string } {
  const start = alongLink(a, b, span.from, span.offset);
  const tip = alongLink(a, b, span.to, span.offset);
  const len = Math.hypot(tip.x - start.x, tip.y - start.y) || 1;
  const ux = (tip.x - start.x) / len;
  const uy = (tip.y - start.y) / len;
  const back = { x: tip.x - ux * head.length, y: tip.y - uy * head.length };
  const w = head.width / 2;
  const corners = [tip, { x: back.x - uy * w, y: back.y + ux * w }, { x: back.x + uy * w, y: back.y - ux * w }];
  return { start, back, points: corners.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ') };
}

/** How far a transfer's arrow runs beside its link (drawing units), clear of the message lanes. */
const TRANSFER_OFFSET = -24;

/**
 * A leadership transfer's arrow from leader `a` to target `b`, as the page and the picture
 * export draw it: the shaft's ends, the head's points, and where its label goes.
 */
export function transferArrow(a: Point, b: Point): { start: Point; back: Point; points: string; label: Point } {
  const arrow = arrowAlong(a, b, { from: 0.04, to: 0.96, offset: TRANSFER_OFFSET }, { length: 16, width: 18 });
  return { ...arrow, label: alongLink(a, b, 0.5, TRANSFER_OFFSET - 26) };
}

/** CheckQuorum's mark on a follower (a ✓ or a ✕ drawn in a circle of radius 10), as an SVG path. */
export function heardMarkPath(heard: boolean): string {
  return heard ? 'M -5 0 L -1.5 4 L 5 -4' : 'M -4 -4 L 4 4 M 4 -4 L -4 4';
}
