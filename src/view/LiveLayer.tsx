/**
 * The parts of the cluster view that move every animation frame: messages gliding along
 * the links, and each server's election timer draining. They are drawn by d3 joins and
 * direct attribute writes from a store subscription, not by re-rendering React sixty
 * times a second. Progress follows virtual time.
 */
import { arc, select, type Selection } from 'd3';
import { useEffect, useRef } from 'react';
import { CLIENT, type NodeId } from '../raft/types';
import { useSim, type SimView } from '../store/simStore';
import { ui, useUi } from '../store/uiStore';
import type { MessageView } from '../worker/protocol';
import { alongLink, CENTRE, NODE_R, type Point } from './palette';

const timerArc = arc<number>()
  .innerRadius(NODE_R + 5)
  .outerRadius(NODE_R + 11)
  .startAngle(0)
  .endAngle((f) => 2 * Math.PI * f);

/** The short text on a message: what it is, at a glance. */
export function messageGlyph(m: MessageView): string {
  switch (m.variant) {
    case 'vote-request':
      return `vote? t${m.term}`;
    case 'vote-granted':
      return 'vote ✓';
    case 'vote-denied':
      return 'vote ✕';
    case 'heartbeat':
      return '♥';
    case 'append': {
      const n = String(m.fields.entries ?? '').split(', ').length;
      return `+${n}`;
    }
    case 'append-ok':
      return `ok ${m.fields.matchIndex}`;
    case 'append-fail':
      return `✕ ${m.fields.prevLogIndex}`;
    case 'client':
      return m.type === 'ClientRequest' ? 'write' : m.type === 'ClientReply' ? 'ack' : 'redirect';
  }
}

export function messageName(m: MessageView): string {
  return `${m.summary}, from ${m.from} to ${m.to}${m.lost ? `, will be dropped (${m.lost})` : ''}`;
}

const motionQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
const reducedMotion = () => motionQuery?.matches ?? false;

/** Arcs are redrawn only when they have moved by at least this fraction (2 degrees). */
const ARC_STEP = 1 / 180;

function place(pos: Record<NodeId, Point>, m: MessageView, t: number, still: boolean): Point {
  const from = m.from === CLIENT ? CENTRE : pos[m.from];
  const to = m.to === CLIENT ? CENTRE : pos[m.to];
  if (!from || !to) return CENTRE;
  const span = m.arriveAt - m.sentAt;
  const f = still ? 0.5 : span <= 0 ? 1 : Math.min(1, Math.max(0, (t - m.sentAt) / span));
  return alongLink(from, to, f, m.from < m.to ? 8 : -8);
}

const drawnArcs = new WeakMap<SVGPathElement, number>();

function drawArc(el: SVGPathElement, f: number): void {
  const last = drawnArcs.get(el);
  if (last !== undefined && Math.abs(last - f) < ARC_STEP && (f > 0 || last === 0)) return;
  drawnArcs.set(el, f);
  el.setAttribute('d', f <= 0 ? '' : (timerArc(f) ?? ''));
}

/** Maps the cluster's SVG coordinates onto the overlay's pixels (viewBox, xMidYMid meet). */
interface Fit {
  scale: number;
  ox: number;
  oy: number;
}

function drawArcs(arcs: Map<NodeId, SVGPathElement>, s: SimView): void {
  for (const id of s.ids) {
    const el = arcs.get(id);
    const n = s.nodes[id];
    if (!el || !n) continue;
    if (n.deadline === null) {
      drawArc(el, 0);
      continue;
    }
    const total = n.role === 'leader' ? s.heartbeatInterval : s.electionTimeout[1];
    drawArc(el, Math.min(1, Math.max(0, (n.deadline - s.t) / total)));
  }
}

type Layer = Selection<HTMLDivElement, unknown, null, undefined>;

function px(fit: Fit, p: Point): string {
  return `translate(${(fit.ox + p.x * fit.scale).toFixed(1)}px, ${(fit.oy + p.y * fit.scale).toFixed(1)}px) translate(-50%, -50%)`;
}

/** Adds and removes message elements; runs only when the set of messages in flight changes. */
function joinMessages(layer: Layer, messages: readonly MessageView[]): void {
  layer
    .selectAll<HTMLButtonElement, MessageView>('button.msg')
    .data(messages, (m) => m.key)
    .join(
      (enter) =>
        enter
          .append('button')
          .attr('type', 'button')
          .attr('class', (m) => `msg msg-${m.variant}${m.lost ? ' msg-lost' : ''}`)
          .attr('aria-label', messageName)
          .attr('title', messageName)
          .text(messageGlyph)
          .on('click', (_e, m) => ui.selectMessage(m)),
      (update) => update,
      (exit) => exit.remove(),
    );
}

/** Where each message is drawn, by element, so an unmoved message is not touched. */
const drawnAt = new WeakMap<HTMLButtonElement, string>();

/** Moves every message to where virtual time puts it (a transform: no layout). */
function moveMessages(layer: Layer, pos: Record<NodeId, Point>, t: number, fit: Fit): void {
  const still = reducedMotion();
  layer.selectAll<HTMLButtonElement, MessageView>('button.msg').each(function (m) {
    const transform = px(fit, place(pos, m, t, still));
    if (drawnAt.get(this) === transform) return;
    drawnAt.set(this, transform);
    this.style.transform = transform;
  });
}

/**
 * The moving parts of the cluster view. Messages are HTML buttons over the SVG, moved by
 * transforms as the page's virtual clock advances; election timers are SVG arcs redrawn
 * only when they have visibly changed. Nothing here re-renders React.
 */
export function LiveLayer({
  pos,
  arcs,
  box,
}: {
  pos: Record<NodeId, Point>;
  arcs: Map<NodeId, SVGPathElement>;
  box: { width: number; height: number; view: number };
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const layer: Layer = select(ref.current!);
    const scale = Math.min(box.width, box.height) / box.view;
    const fit: Fit = { scale, ox: (box.width - box.view * scale) / 2, oy: (box.height - box.view * scale) / 2 };
    ref.current!.style.setProperty('--scale', scale.toFixed(3));
    let last: SimView | null = null;
    const update = (s: SimView) => {
      const joined = last === null || s.messages !== last.messages;
      if (joined) joinMessages(layer, s.messages);
      if (joined || s.t !== last?.t) moveMessages(layer, pos, s.t, fit);
      last = s;
      drawArcs(arcs, s);
    };
    update(useSim.getState());
    const unsubscribe = useSim.subscribe(update);
    // The selected message is outlined in the cluster view.
    const mark = (selected: MessageView | null) =>
      layer
        .selectAll<HTMLButtonElement, MessageView>('button.msg')
        .classed('selected', (m) => selected !== null && m.msgId === selected.msgId);
    mark(useUi.getState().selectedMessage);
    const unsubscribeUi = useUi.subscribe((u, before) => {
      if (u.selectedMessage !== before.selectedMessage) mark(u.selectedMessage);
    });
    return () => {
      unsubscribe();
      unsubscribeUi();
    };
  }, [pos, arcs, box]);
  return <div className="message-layer" ref={ref} />;
}
