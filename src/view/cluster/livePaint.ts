/**
 * Painting the moving parts of the cluster view (messages in flight and election-timer
 * rings) on a 2D canvas. A pure function of plain data, so it runs the same on the page
 * or in a worker that owns the canvas (OffscreenCanvas).
 */
import { CLIENT, type NodeId, type Role } from '../../raft/types';
import type { MessageVariant } from '../../worker/protocol';
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

/** Where a message is at virtual time t (at the middle of its link when motion is reduced). */
export function messageAt(
  pos: Readonly<Record<NodeId, Point>>,
  m: Pick<PaintMessage, 'from' | 'to' | 'sentAt' | 'arriveAt'>,
  t: number,
  still: boolean,
): Point {
  const from = m.from === CLIENT ? CENTRE : pos[m.from];
  const to = m.to === CLIENT ? CENTRE : pos[m.to];
  if (!from || !to) return CENTRE;
  const span = m.arriveAt - m.sentAt;
  // A held message (due at Infinity) waits half-way along its link.
  const f = still || !Number.isFinite(span) ? 0.5 : span <= 0 ? 1 : Math.min(1, Math.max(0, (t - m.sentAt) / span));
  return alongLink(from, to, f, m.from < m.to ? 8 : -8);
}

/** How full each server's timer ring is at time t: 1 just reset, 0 when it fires. */
export function timerFractions(scene: PaintScene, t: number): number[] {
  return scene.ids.map((id) => {
    const n = scene.nodes[id];
    if (!n || n.deadline === null) return 0;
    const total = n.role === 'leader' ? scene.heartbeatInterval : scene.electionTimeout[1];
    return Math.min(1, Math.max(0, (n.deadline - t) / total));
  });
}

export const PILL_HEIGHT = 22;

export function pillWidth(ctx: Context, palette: PaintPalette, text: string, cache: Map<string, number>): number {
  let w = cache.get(text);
  if (w === undefined) {
    ctx.font = `700 12.5px ${palette.font}`;
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
    ctx.font = `700 12.5px ${palette.font}`;
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
