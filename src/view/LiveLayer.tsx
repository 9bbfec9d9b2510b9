/**
 * The parts of the cluster view that move: messages gliding along the links and each
 * server's election timer draining. They are painted on one canvas over the SVG, from a
 * store subscription, at the page's virtual time: no DOM element moves, so a redraw costs
 * no style, layout or paint work, only the canvas. Clicking a message on the canvas
 * selects it; the same messages are buttons in the "Messages in flight" list for the
 * keyboard and screen readers.
 */
import { useEffect, useRef } from 'react';
import { CLIENT, type NodeId } from '../raft/types';
import { useClock, useSim, type SimView } from '../store/simStore';
import { ui, useUi } from '../store/uiStore';
import type { MessageVariant, MessageView } from '../worker/protocol';
import { alongLink, CENTRE, NODE_R, type Point } from './palette';

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

function place(pos: Record<NodeId, Point>, m: MessageView, t: number, still: boolean): Point {
  const from = m.from === CLIENT ? CENTRE : pos[m.from];
  const to = m.to === CLIENT ? CENTRE : pos[m.to];
  if (!from || !to) return CENTRE;
  const span = m.arriveAt - m.sentAt;
  const f = still ? 0.5 : span <= 0 ? 1 : Math.min(1, Math.max(0, (t - m.sentAt) / span));
  return alongLink(from, to, f, m.from < m.to ? 8 : -8);
}

interface Style {
  readonly stroke: string;
  readonly fill: string;
  readonly text: string;
  readonly dashed: boolean;
}

/** Colours from the page's CSS variables, so the canvas follows light and dark themes. */
function palette(el: Element): { styles: Record<MessageVariant, Style>; timer: string; focus: string; font: string } {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const panel = v('--panel');
  const style = (colour: string, filled = false, dashed = false): Style => ({
    stroke: colour,
    fill: filled ? colour : panel,
    text: filled ? panel : colour,
    dashed,
  });
  return {
    styles: {
      'vote-request': style(v('--msg-vote')),
      'vote-granted': style(v('--msg-vote'), true),
      'vote-denied': { ...style(v('--msg-vote')), text: v('--msg-fail') },
      heartbeat: style(v('--msg-heartbeat')),
      append: style(v('--msg-append'), true),
      'append-ok': style(v('--msg-ok')),
      'append-fail': style(v('--msg-fail')),
      client: style(v('--msg-client'), false, true),
    },
    timer: v('--timer'),
    focus: v('--focus'),
    font: css.fontFamily,
  };
}

interface Hit {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly m: MessageView;
}

export function LiveLayer({
  pos,
  box,
}: {
  pos: Record<NodeId, Point>;
  box: { width: number; height: number; view: number };
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(box.width * dpr);
    canvas.height = Math.round(box.height * dpr);
    const scale = Math.min(box.width, box.height) / box.view;
    const ox = (box.width - box.view * scale) / 2;
    const oy = (box.height - box.view * scale) / 2;
    let colours = palette(canvas);
    const widths = new Map<string, number>();
    let hits: Hit[] = [];
    let drawn: { s: SimView; t: number; selected: MessageView | null } | null = null;

    /** How full each server's timer ring is at time t. */
    const timerFractions = (s: SimView, t: number): number[] =>
      s.ids.map((id) => {
        const n = s.nodes[id];
        if (!n || n.deadline === null) return 0;
        const total = n.role === 'leader' ? s.heartbeatInterval : s.electionTimeout[1];
        return Math.min(1, Math.max(0, (n.deadline - t) / total));
      });
    let drawnFractions: number[] = [];

    const draw = (s: SimView, t: number, selected: MessageView | null) => {
      if (drawn && drawn.s.messages === s.messages && drawn.s.nodes === s.nodes && drawn.selected === selected) {
        if (drawn.t === t) return;
        // With nothing in flight only the rings move: skip until one has moved visibly.
        if (s.messages.length === 0) {
          const now = timerFractions(s, t);
          if (now.every((f, i) => Math.abs(f - (drawnFractions[i] ?? -1)) < 1 / 180)) return;
        }
      }
      drawnFractions = timerFractions(s, t);
      drawn = { s, t, selected };
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, box.width, box.height);
      ctx.translate(ox, oy);
      ctx.scale(scale, scale);
      // Timers: a ring around each server, full when just reset, empty when it fires.
      ctx.strokeStyle = colours.timer;
      ctx.lineWidth = 6;
      ctx.globalAlpha = 0.85;
      for (let i = 0; i < s.ids.length; i++) {
        const p = pos[s.ids[i]!];
        const f = drawnFractions[i]!;
        if (!p || f <= 0) continue;
        ctx.beginPath();
        ctx.arc(p.x, p.y, NODE_R + 8, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * f);
        ctx.stroke();
      }
      // Messages: a pill with a glyph, where virtual time puts it.
      const still = reducedMotion();
      ctx.font = `700 12.5px ${colours.font}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = 2;
      hits = [];
      for (const m of s.messages) {
        const p = place(pos, m, t, still);
        const text = messageGlyph(m);
        let w = widths.get(text);
        if (w === undefined) {
          w = Math.max(22, ctx.measureText(text).width + 12);
          widths.set(text, w);
        }
        const st = colours.styles[m.variant];
        ctx.globalAlpha = m.lost ? 0.7 : 1;
        ctx.setLineDash(st.dashed || m.lost ? [3, 2] : []);
        ctx.beginPath();
        ctx.roundRect(p.x - w / 2, p.y - 11, w, 22, 11);
        ctx.fillStyle = st.fill;
        ctx.fill();
        ctx.strokeStyle = st.stroke;
        ctx.stroke();
        ctx.fillStyle = st.text;
        ctx.fillText(text, p.x, p.y + 0.5);
        if (selected !== null && selected.msgId === m.msgId) {
          ctx.setLineDash([]);
          ctx.strokeStyle = colours.focus;
          ctx.lineWidth = 3;
          ctx.strokeRect(p.x - w / 2 - 4, p.y - 15, w + 8, 30);
          ctx.lineWidth = 2;
        }
        hits.push({ x: ox + (p.x - w / 2) * scale, y: oy + (p.y - 11) * scale, w: w * scale, h: 22 * scale, m });
      }
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
    };

    const redraw = () => draw(useSim.getState(), useClock.getState().t, useUi.getState().selectedMessage);
    redraw();
    const offSim = useSim.subscribe(redraw);
    const offClock = useClock.subscribe(redraw);
    const offUi = useUi.subscribe((u, before) => {
      if (u.selectedMessage !== before.selectedMessage) redraw();
    });
    // Clicks: a message under the pointer is selected; anything else goes to the drawing below.
    const wrap = canvas.parentElement!;
    const onClick = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      for (let i = hits.length - 1; i >= 0; i--) {
        const h = hits[i]!;
        if (x >= h.x - 3 && x <= h.x + h.w + 3 && y >= h.y - 3 && y <= h.y + h.h + 3) {
          e.stopPropagation();
          e.preventDefault();
          ui.selectMessage(h.m);
          return;
        }
      }
    };
    wrap.addEventListener('click', onClick, true);
    const scheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    const onScheme = () => {
      colours = palette(canvas);
      drawn = null;
      redraw();
    };
    scheme?.addEventListener('change', onScheme);
    return () => {
      offSim();
      offClock();
      offUi();
      wrap.removeEventListener('click', onClick, true);
      scheme?.removeEventListener('change', onScheme);
    };
  }, [pos, box]);
  return <canvas className="live-layer" ref={ref} aria-hidden="true" />;
}
