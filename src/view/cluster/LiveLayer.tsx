/**
 * The parts of the cluster view that move: messages gliding along the links and each
 * server's election timer draining, painted on one canvas over the SVG. The canvas is
 * handed to a worker (OffscreenCanvas) that repaints it on its own clock, so the page's
 * main thread does no painting for it; the page only tells it what changed (the scene,
 * the clock, the geometry, the colours). Where a browser cannot hand a canvas over, the
 * same painter runs on the page. Clicking a message on the canvas selects it; the same
 * messages are buttons in the "Messages in flight" list for the keyboard and screen readers.
 * When the person asks for reduced motion (prefers-reduced-motion), messages jump along their
 * links in a few steps and timer rings empty in quarters (see livePaint.ts).
 */
import { useEffect, useRef } from 'react';
import type { NodeId } from '../../raft/types';
import { dict } from '../../util/dict';
import { useClock, useSim, type SimView } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { matchesMessage, spotlightOf } from '../teaching/narrationFlow';
import type { MessageVariant, MessageView } from '../../worker/protocol';
import {
  fitOf,
  messageAt,
  movingMessageOf,
  PILL_HEIGHT,
  pillWidth,
  type PaintPalette,
  type PaintScene,
  type PaintStyle,
} from './livePaint';
import { LivePainter, type PainterMessage } from './livePainter';
import type { Point } from './palette';

const motionQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
const schemeQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** Colours from the page's CSS variables, so the canvas follows light and dark themes. */
function readPalette(el: Element): PaintPalette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const panel = v('--panel');
  const style = (colour: string, filled = false, dashed = false): PaintStyle => ({
    stroke: colour,
    fill: filled ? colour : panel,
    text: filled ? panel : colour,
    dashed,
  });
  const styles: Record<MessageVariant, PaintStyle> = {
    'vote-request': style(v('--msg-vote')),
    'vote-granted': style(v('--msg-vote'), true),
    'vote-denied': { ...style(v('--msg-vote')), text: v('--msg-fail') },
    'prevote-request': style(v('--msg-prevote')),
    'prevote-granted': style(v('--msg-prevote'), true),
    'prevote-denied': { ...style(v('--msg-prevote')), text: v('--msg-fail') },
    'timeout-now': style(v('--msg-transfer'), true),
    heartbeat: style(v('--msg-heartbeat')),
    append: style(v('--msg-append'), true),
    'append-ok': style(v('--msg-ok')),
    'append-fail': style(v('--msg-fail')),
    client: style(v('--msg-client'), false, true),
  };
  return { styles, timer: v('--timer'), focus: v('--focus'), spot: v('--spot'), font: css.fontFamily };
}

function sceneOf(s: SimView, selected: MessageView | null): PaintScene {
  const spotlight = spotlightOf(s.narration.steps, s.narration)?.messages ?? [];
  const nodes: Record<NodeId, { role: PaintScene['nodes'][string]['role']; deadline: number | null }> = dict();
  for (const id of s.ids) {
    const n = s.nodes[id];
    if (n) nodes[id] = { role: n.role, deadline: n.up ? n.deadline : null };
  }
  return {
    ids: s.ids,
    nodes,
    messages: s.messages.map((m) => ({
      ...movingMessageOf(m),
      spotlit: spotlight.some((match) => matchesMessage(match, m)),
    })),
    electionTimeout: s.electionTimeout,
    heartbeatInterval: s.heartbeatInterval,
    selectedMsgId: selected?.msgId ?? null,
    still: motionQuery?.matches ?? false,
  };
}

/** One painter per canvas element: a canvas can be handed to a worker only once. */
const painters = new WeakMap<HTMLCanvasElement, (msg: PainterMessage) => void>();

/**
 * The painter of a canvas, as a function that sends it a message. The canvas carries
 * `data-settled="true"` while the run is paused and the painter has drawn every message
 * sent to it ("false" otherwise), so that whoever reads its pixels (a browser test, a
 * screenshot tool) can wait for the picture of the moment shown rather than for time.
 */
function painterFor(canvas: HTMLCanvasElement): ((msg: PainterMessage) => void) | null {
  const existing = painters.get(canvas);
  if (existing) return existing;
  let sent = 0;
  let settled: boolean | null = null;
  const mark = (value: boolean) => {
    if (value === settled) return;
    settled = value;
    canvas.dataset.settled = String(value);
  };
  const report = (received: number) => mark(received === sent);
  let deliver: ((msg: PainterMessage) => void) | null = null;
  if (typeof canvas.transferControlToOffscreen === 'function' && typeof Worker === 'function') {
    try {
      const offscreen = canvas.transferControlToOffscreen();
      const worker = new Worker(new URL('./paintWorker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<{ type: 'painted'; received: number }>) => report(e.data.received);
      worker.postMessage({ type: 'canvas', canvas: offscreen }, [offscreen]);
      deliver = (msg) => worker.postMessage(msg);
    } catch {
      deliver = null;
    }
  }
  if (deliver === null) {
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const painter = new LivePainter(canvas, ctx, report);
    deliver = (msg) => painter.receive(msg);
  }
  const through = deliver;
  const send = (msg: PainterMessage) => {
    sent++;
    mark(false);
    through(msg);
  };
  painters.set(canvas, send);
  return send;
}

const wallNow = () => performance.timeOrigin + performance.now();

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
    const send = painterFor(canvas);
    if (!send) return;
    const geometry = { width: box.width, height: box.height, dpr: window.devicePixelRatio || 1, view: box.view, pos };
    send({ type: 'geometry', geometry });
    let palette = readPalette(canvas);
    send({ type: 'palette', palette });

    let scene: PaintScene | null = null;
    const sendScene = () => {
      scene = sceneOf(useSim.getState(), useUi.getState().selectedMessage);
      send({ type: 'scene', scene });
    };
    let clockSent = { frame: -1, running: false, speed: 0, wall: 0 };
    const sendClock = (force = false) => {
      const s = useSim.getState();
      const wall = wallNow();
      // The painter extrapolates a running clock: tell it again only when it may have drifted.
      if (
        !force &&
        s.running &&
        clockSent.running &&
        s.speed === clockSent.speed &&
        s.frame === clockSent.frame &&
        wall - clockSent.wall < 1000
      ) {
        return;
      }
      clockSent = { frame: s.frame, running: s.running, speed: s.speed, wall };
      send({ type: 'clock', clock: { t: useClock.getState().t, speed: s.speed, running: s.running, at: wall } });
    };
    sendScene();
    sendClock(true);
    const offSim = useSim.subscribe((s, before) => {
      if (
        s.messages !== before.messages ||
        s.nodes !== before.nodes ||
        s.ids !== before.ids ||
        s.narration !== before.narration
      )
        sendScene();
      if (s.running !== before.running || s.speed !== before.speed || s.frame !== before.frame) sendClock();
    });
    const offClock = useClock.subscribe(() => sendClock(!useSim.getState().running));
    const offUi = useUi.subscribe((u, before) => {
      if (u.selectedMessage !== before.selectedMessage) sendScene();
    });
    const onScheme = () => {
      palette = readPalette(canvas);
      send({ type: 'palette', palette });
    };
    schemeQuery?.addEventListener('change', onScheme);
    // Reduced motion can be turned on or off while the page is open.
    motionQuery?.addEventListener('change', sendScene);

    // Clicks: a message under the pointer is selected; anything else goes to the drawing below.
    const measure = document.createElement('canvas').getContext('2d');
    const widths = new Map<string, number>();
    const wrap = canvas.parentElement!;
    const onClick = (e: MouseEvent) => {
      if (!scene || !measure) return;
      const r = canvas.getBoundingClientRect();
      const { scale, ox, oy } = fitOf(geometry);
      const x = (e.clientX - r.left - ox) / scale;
      const y = (e.clientY - r.top - oy) / scale;
      const t = useClock.getState().t;
      const messages = useSim.getState().messages;
      for (let i = scene.messages.length - 1; i >= 0; i--) {
        const m = scene.messages[i]!;
        const p = messageAt(pos, m, t, scene.still);
        const w = pillWidth(measure, palette, m.glyph, widths);
        if (Math.abs(x - p.x) <= w / 2 + 3 && Math.abs(y - p.y) <= PILL_HEIGHT / 2 + 3) {
          const view = messages.find((v) => v.msgId === m.msgId);
          if (!view) return;
          e.stopPropagation();
          e.preventDefault();
          ui.selectMessage(view);
          return;
        }
      }
    };
    wrap.addEventListener('click', onClick, true);
    return () => {
      offSim();
      offClock();
      offUi();
      schemeQuery?.removeEventListener('change', onScheme);
      motionQuery?.removeEventListener('change', sendScene);
      wrap.removeEventListener('click', onClick, true);
    };
  }, [pos, box]);
  return <canvas className="live-layer" ref={ref} aria-hidden="true" />;
}
