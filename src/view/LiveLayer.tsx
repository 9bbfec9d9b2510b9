/**
 * The parts of the cluster view that move every animation frame: messages gliding along
 * the links, and each server's election timer draining. They are drawn by writing SVG
 * attributes directly (d3 joins) from a store subscription, not by re-rendering React
 * sixty times a second. Progress follows virtual time.
 */
import { arc, select, type Selection } from 'd3';
import { useEffect, useRef } from 'react';
import { CLIENT, type NodeId } from '../raft/types';
import { useSim, type SimView } from '../store/simStore';
import { ui } from '../store/uiStore';
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

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

function place(pos: Record<NodeId, Point>, m: MessageView, t: number, still: boolean): Point {
  const from = m.from === CLIENT ? CENTRE : pos[m.from];
  const to = m.to === CLIENT ? CENTRE : pos[m.to];
  if (!from || !to) return CENTRE;
  const span = m.arriveAt - m.sentAt;
  const f = still ? 0.5 : span <= 0 ? 1 : Math.min(1, Math.max(0, (t - m.sentAt) / span));
  return alongLink(from, to, f, m.from < m.to ? 8 : -8);
}

function draw(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  arcs: Map<NodeId, SVGPathElement>,
  pos: Record<NodeId, Point>,
  s: SimView,
): void {
  const still = reducedMotion();
  for (const id of s.ids) {
    const el = arcs.get(id);
    const n = s.nodes[id];
    if (!el || !n) continue;
    if (n.deadline === null) {
      el.setAttribute('d', '');
      continue;
    }
    const total = n.role === 'leader' ? s.heartbeatInterval : s.electionTimeout[1];
    const f = Math.min(1, Math.max(0, (n.deadline - s.t) / total));
    el.setAttribute('d', timerArc(f) ?? '');
  }
  layer
    .selectAll<SVGGElement, MessageView>('g.msg')
    .data(s.messages, (m) => m.key)
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', (m) => `msg msg-${m.variant}${m.lost ? ' msg-lost' : ''}`)
          .attr('role', 'button')
          .attr('tabindex', 0)
          .attr('aria-label', messageName)
          .on('click', (_e, m) => ui.selectMessage(m))
          .on('keydown', (e: KeyboardEvent, m) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              ui.selectMessage(m);
            }
          });
        g.append('title').text(messageName);
        g.append('rect').attr('class', 'msg-box');
        g.append('text').attr('class', 'msg-text').text(messageGlyph);
        g.each(function () {
          const text = this.querySelector('text')!;
          const w = Math.max(20, text.getComputedTextLength() + 12);
          select(this)
            .select('rect')
            .attr('x', -w / 2)
            .attr('y', -11)
            .attr('width', w)
            .attr('height', 22)
            .attr('rx', 11);
        });
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    )
    .attr('transform', (m) => {
      const p = place(pos, m, s.t, still);
      return `translate(${p.x.toFixed(1)}, ${p.y.toFixed(1)})`;
    });
}

export function LiveLayer({ pos, arcs }: { pos: Record<NodeId, Point>; arcs: Map<NodeId, SVGPathElement> }) {
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    const layer = select(ref.current!);
    let last: SimView | null = null;
    const update = (s: SimView) => {
      if (s === last) return;
      last = s;
      draw(layer, arcs, pos, s);
    };
    update(useSim.getState());
    return useSim.subscribe(update);
  }, [pos, arcs]);
  return <g className="messages" ref={ref} />;
}
