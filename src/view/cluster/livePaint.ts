/**
 * Painting the moving parts of the cluster view (messages in flight and election-timer
 * rings) on a 2D canvas. A pure function of plain data, so it runs the same on the page
 * or in a worker that owns the canvas (OffscreenCanvas).
 */
import { CLIENT, type NodeId, type Role } from '../../raft/types';
import type { MessageVariant, MessageView } from '../../worker/protocol';
import { messageGlyph } from './messageText';
import { alongLink, CENTRE, NODE_R, type Point } from './palette';

/** A message in flight as it is drawn: on the page's canvas and in a picture of the moment. */
export interface MovingMessage {
  readonly msgId: number;
  readonly variant: MessageVariant;
  /** The short label painted on the message ("vote? t2", "♥", "+1", "ok 3"). */
  readonly glyph: string;
  /** A node id, or "client". */
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: number;
  /** Infinity while held. */
  readonly arriveAt: number;
  /** It will be dropped on arrival. */
  readonly lost: boolean;
}

/** A message in flight as the canvas and the picture export draw it. */
export function movingMessageOf(m: MessageView): MovingMessage {
  return {
    msgId: m.msgId,
    variant: m.variant,
    glyph: messageGlyph(m),
    from: m.from,
    to: m.to,
    sentAt: m.sentAt,
    arriveAt: m.arriveAt,
    lost: m.lost !== null,
  };
}

export interface PaintMessage extends MovingMessage {
  /** Pointed at by the narration. */
  readonly spotlit: boolean;
}

export interface PaintScene {
  readonly ids: readonly NodeId[];
  readonly nodes: Readonly<Record<NodeId, { readonly role: Role; readonly deadline: number | null }>>;
  readonly messages: readonly PaintMessage[];
  readonly electionTimeout: readonly [number, number];
  readonly heartbeatInterval: number;
  readonly selectedMsgId: number | null;
  readonly still: boolean;
}

export interface PaintGeometry {
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly view: number;
  readonly pos: Readonly<Record<NodeId, Point>>;
}

export interface PaintStyle {
  readonly stroke: string;
  readonly fill: string;
  readonly text: string;
  readonly dashed: boolean;
}

export interface PaintPalette {
  readonly styles: Readonly<Record<MessageVariant, PaintStyle>>;
  readonly timer: string;
  readonly focus: string;
  /** The narration's highlight. */
  readonly spot: string;
  readonly font: string;
}

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export function fitOf(g: PaintGeometry): { scale: number; ox: number; oy: number } {
  const scale = Math.min(g.width, g.height) / g.view;
  return { scale, ox: (g.width - g.view * scale) / 2, oy: (g.height - g.view * scale) / 2 };
}

/**
 * With reduced motion a message does not glide: it is drawn at one of this many places along
 * its link (the middle of each equal part of its flight), and jumps from one to the next.
 */
export const MOTION_STEPS = 3;
/** With reduced motion a timer ring empties in steps of a quarter. */
export const RING_STEPS = 4;

/** How far along its link a message is at virtual time t: 0 at its sender, 1 at its receiver. */
function flightFraction(m: Pick<PaintMessage, 'sentAt' | 'arriveAt'>, t: number): number {
  const span = m.arriveAt - m.sentAt;
  // A held message (due at Infinity) waits half-way along its link.
  if (!Number.isFinite(span)) return 0.5;
  return span <= 0 ? 1 : Math.min(1, Math.max(0, (t - m.sentAt) / span));
}

/**
 * Which of the MOTION_STEPS places a message is drawn at, at virtual time t with reduced
 * motion: 0 near its sender, MOTION_STEPS - 1 near its receiver (a held one stays in the middle).
 */
export function motionStep(m: Pick<PaintMessage, 'sentAt' | 'arriveAt'>, t: number): number {
  return Math.min(MOTION_STEPS - 1, Math.floor(flightFraction(m, t) * MOTION_STEPS));
}

/**
 * Where a message is at virtual time t, in the drawing's coordinates: on its own lane, to
 * the right of its direction of travel, so a request and its reply on one link do not cover
 * each other. With reduced motion (`still`) it moves in MOTION_STEPS jumps and is drawn for
 * its whole flight.
 */
export function messageAt(
  pos: Readonly<Record<NodeId, Point>>,
  m: Pick<PaintMessage, 'from' | 'to' | 'sentAt' | 'arriveAt'>,
  t: number,
  still: boolean,
): Point {
  const from = m.from === CLIENT ? CENTRE : pos[m.from];
  const to = m.to === CLIENT ? CENTRE : pos[m.to];
  if (!from || !to) return CENTRE;
  const f = still ? (motionStep(m, t) + 0.5) / MOTION_STEPS : flightFraction(m, t);
  return alongLink(from, to, f, LANE_OFFSET, MESSAGE_CLEARANCE);
}

/** How far a message's lane is from the line between the two servers (right of its direction). */
export const LANE_OFFSET = 8;

/**
 * How full each server's timer ring is at time t: 1 just reset, 0 when it fires. With reduced
 * motion (`scene.still`) in quarter steps, rounded up: a ring is empty only once its timer fired.
 */
export function timerFractions(scene: PaintScene, t: number): number[] {
  return scene.ids.map((id) => {
    const n = scene.nodes[id];
    if (!n || n.deadline === null) return 0;
    const total = n.role === 'leader' ? scene.heartbeatInterval : scene.electionTimeout[1];
    const f = Math.min(1, Math.max(0, (n.deadline - t) / total));
    return scene.still ? Math.ceil(f * RING_STEPS) / RING_STEPS : f;
  });
}

/**
 * What of the messages' drawing changes with time alone: with reduced motion, the place each
 * is drawn at; otherwise null (they glide, so every moment differs).
 */
export function messageSteps(scene: PaintScene, t: number): string | null {
  return scene.still ? scene.messages.map((m) => motionStep(m, t)).join('') : null;
}

/**
 * The size of a message's label, in drawing units (the drawing is 600 units across): 14, so
 * that in presentation mode at 1280×720, where a unit is about 1.05 px, it is over 14 px.
 */
export const MESSAGE_FONT = 14;
export const PILL_HEIGHT = 23;
/** Half the size of a typical message pill ("vote? t5"), kept clear of the servers at both ends. */
const MESSAGE_CLEARANCE = { x: 26, y: PILL_HEIGHT / 2 + 2 };

export function pillWidth(ctx: Context, palette: PaintPalette, text: string, cache: Map<string, number>): number {
  let w = cache.get(text);
  if (w === undefined) {
    ctx.font = `700 ${MESSAGE_FONT}px ${palette.font}`;
    w = Math.max(22, ctx.measureText(text).width + 12);
    cache.set(text, w);
  }
  return w;
}

export function paintLive(
  ctx: Context,
  g: PaintGeometry,
  palette: PaintPalette,
  scene: PaintScene,
  t: number,
  fractions: readonly number[],
  widths: Map<string, number>,
): void {
  const { scale, ox, oy } = fitOf(g);
  ctx.setTransform(g.dpr, 0, 0, g.dpr, 0, 0);
  ctx.clearRect(0, 0, g.width, g.height);
  ctx.translate(ox, oy);
  ctx.scale(scale, scale);
  ctx.strokeStyle = palette.timer;
  ctx.lineWidth = 6;
  ctx.globalAlpha = 0.85;
  scene.ids.forEach((id, i) => {
    const p = g.pos[id];
    const f = fractions[i] ?? 0;
    if (!p || f <= 0) return;
    ctx.beginPath();
    ctx.arc(p.x, p.y, NODE_R + 8, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * f);
    ctx.stroke();
  });
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 2;
  for (const m of scene.messages) {
    const p = messageAt(g.pos, m, t, scene.still);
    const w = pillWidth(ctx, palette, m.glyph, widths);
    const st = palette.styles[m.variant];
    ctx.font = `700 ${MESSAGE_FONT}px ${palette.font}`;
    ctx.globalAlpha = m.lost ? 0.7 : 1;
    ctx.setLineDash(st.dashed || m.lost ? [3, 2] : []);
    ctx.beginPath();
    ctx.roundRect(p.x - w / 2, p.y - PILL_HEIGHT / 2, w, PILL_HEIGHT, PILL_HEIGHT / 2);
    ctx.fillStyle = st.fill;
    ctx.fill();
    ctx.strokeStyle = st.stroke;
    ctx.stroke();
    ctx.fillStyle = st.text;
    ctx.fillText(m.glyph, p.x, p.y + 0.5);
    if (m.spotlit) {
      ctx.setLineDash([]);
      ctx.strokeStyle = palette.spot;
      ctx.lineWidth = 4;
      ctx.beginPath();
      ctx.roundRect(p.x - w / 2 - 5, p.y - PILL_HEIGHT / 2 - 5, w + 10, PILL_HEIGHT + 10, PILL_HEIGHT / 2 + 5);
      ctx.stroke();
      ctx.lineWidth = 2;
    }
    if (scene.selectedMsgId === m.msgId) {
      ctx.setLineDash([]);
      ctx.strokeStyle = palette.focus;
      ctx.lineWidth = 3;
      ctx.strokeRect(p.x - w / 2 - 4, p.y - PILL_HEIGHT / 2 - 4, w + 8, PILL_HEIGHT + 8);
      ctx.lineWidth = 2;
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}
