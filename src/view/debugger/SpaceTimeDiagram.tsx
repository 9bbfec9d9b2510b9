/**
 * A live space-time (Lamport) diagram: one lane per node (and a thin client lane when the
 * client takes part), virtual time to the right, every copy of a message an arrow from its
 * sending to its arrival. Solid with a head: delivered; ending in ✕: dropped; dashed up to
 * now: on its way; dashed with a pause glyph: held. Lanes carry role changes (L/C/F with the
 * term), crashes (✕, lane greyed until the restart ↑), appends (□) and commits (◆).
 *
 * The window follows the clock unless the person pans or zooms (drag, Shift+wheel, Ctrl+wheel,
 * arrow keys, +/−). Layout comes from the pure `spaceTimeLayout` module; arrows and marks are
 * memoised components positioned against a viewport origin that stays put while the window
 * slides, so a new `now` re-renders only what grows.
 */
import {
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type JSX,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { scaleLinear } from 'd3-scale';
import type { LaneMark, MessageTrack } from '../../worker/protocol';
import {
  arrowHead,
  AXIS_HEIGHT,
  clampSpan,
  INITIAL_VIEW,
  laneSpans,
  layoutArrows,
  layoutLanes,
  layoutMarks,
  layoutSpans,
  markId,
  MAX_SPAN,
  MIN_SPAN,
  panView,
  setFollow,
  viewportOf,
  visibleWindow,
  zoomView,
  type Arrow,
  type MarkGlyph,
  type TimeWindow,
  type View,
} from './spaceTimeLayout';

export interface SpaceTimeDiagramProps {
  readonly ids: readonly string[];
  readonly tracks: readonly MessageTrack[];
  readonly marks: readonly LaneMark[];
  /** The current virtual time (the right edge when following). */
  readonly now: number;
  readonly selectedKey: string | null;
  /** Track keys and marks to emphasise (the "why" chain); others are dimmed when non-empty. */
  readonly highlight: ReadonlySet<string>;
  readonly highlightMarks: readonly LaneMark[];
  onSelect(track: MessageTrack): void;
  /** When it changes to a window, the view moves there (and stops following): to show a "why" chain. */
  readonly reveal?: TimeWindow | null;
}

/** The node-id column on the left, and room on the right for arrowheads at `now`. */
const LABEL_WIDTH = 56;
const RIGHT_PAD = 14;
const DEFAULT_WIDTH = 900;
const ZOOM_STEP = 1.5;
const DRAG_THRESHOLD = 3;
const TICK_ROOM = 24;
const HELP =
  'Drag or Shift+wheel to pan, Ctrl+wheel (or pinch) to zoom around the pointer. ' +
  'With the diagram focused: ←/→ pan (Shift: further), + and − zoom. Click an arrow to select its message.';

type Emphasis = 'plain' | 'selected' | 'highlight' | 'dim';

function shallowEqual(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((k) => Object.is(ra[k], rb[k]));
}

const FAILURES = new Set(['vote-denied', 'append-fail']);

function ArrowEnd({ a }: { a: Arrow }): JSX.Element | null {
  switch (a.outcome) {
    case 'delivered': {
      const points = arrowHead(a.x1, a.y1, a.x2, a.y2);
      // A refusal gets a hollow head, so it differs from an acceptance by shape too.
      return points ? (
        <polygon className={FAILURES.has(a.variant) ? 'std-head-open' : 'std-head'} points={points} />
      ) : null;
    }
    case 'dropped':
      return (
        <path
          className="std-cross"
          d={`M${a.x2 - 5},${a.y2 - 5}L${a.x2 + 5},${a.y2 + 5}M${a.x2 + 5},${a.y2 - 5}L${a.x2 - 5},${a.y2 + 5}`}
        />
      );
    case 'flying':
      return <circle className="std-tip" cx={a.x2} cy={a.y2} r={3} />;
    case 'held':
      return (
        <g className="std-pause" transform={`translate(${a.x2 + 3},${a.y2 - 5})`}>
          <rect width={3} height={10} />
          <rect x={5} width={3} height={10} />
        </g>
      );
  }
}

const ArrowView = memo(
  function ArrowView({ a, emphasis }: { a: Arrow; emphasis: Emphasis }) {
    return (
      <g
        className={`std-arrow std-v-${a.variant} std-o-${a.outcome} std-e-${emphasis}`}
        data-key={a.key}
        data-outcome={a.outcome}
      >
        <title>{a.title}</title>
        {emphasis === 'selected' && <line className="std-halo" x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} />}
        <line className="std-line" x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} />
        <ArrowEnd a={a} />
        <line className="std-hit" x1={a.x1} y1={a.y1} x2={a.x2} y2={a.y2} />
      </g>
    );
  },
  (p, n) => p.emphasis === n.emphasis && shallowEqual(p.a, n.a),
);

function MarkShape({ m }: { m: MarkGlyph }): JSX.Element {
  switch (m.kind) {
    case 'leader':
    case 'candidate':
    case 'precandidate':
    case 'follower':
      return (
        <>
          <line className="std-role-tick" y1={-12} y2={12} />
          <rect className="std-role-box" x={-11} y={-15} width={22} height={12} rx={3} />
          <text className="std-role-text" y={-6}>
            {m.text}
          </text>
        </>
      );
    case 'crash':
      return <path className="std-crash" d="M-6,-6L6,6M6,-6L-6,6" />;
    case 'restart':
      return <path className="std-restart" d="M0,8V-8M-5,-3L0,-8L5,-3" />;
    case 'commit':
      return (
        <>
          <path className="std-commit" d="M0,-5L5,0L0,5L-5,0Z" />
          <text className="std-mark-index" x={6} y={-5}>
            {m.text}
          </text>
        </>
      );
    case 'append':
      return (
        <>
          <rect className="std-append" x={-4} y={-4} width={8} height={8} />
          <text className="std-mark-index" x={6} y={12}>
            {m.text}
          </text>
        </>
      );
  }
}

const MarkView = memo(
  function MarkView({ m, emphasis }: { m: MarkGlyph; emphasis: Emphasis }) {
    return (
      <g className={`std-mark std-m-${m.kind} std-e-${emphasis}`} transform={`translate(${m.x},${m.y})`}>
        <title>{m.title}</title>
        <MarkShape m={m} />
      </g>
    );
  },
  (p, n) => p.emphasis === n.emphasis && shallowEqual(p.m, n.m),
);

/** The container's width, following resizes where ResizeObserver exists. */
function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      if (el.clientWidth > 0) setWidth(el.clientWidth);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function SpaceTimeDiagram(props: SpaceTimeDiagramProps): JSX.Element {
  const { ids, tracks, marks, now, selectedKey, highlight, highlightMarks } = props;
  const [view, setView] = useState<View>(INITIAL_VIEW);
  // A new window to reveal moves the view there once (state adjusted while rendering, not in an effect).
  const reveal = props.reveal ?? null;
  const [revealed, setRevealed] = useState<TimeWindow | null>(null);
  if (reveal !== revealed) {
    setRevealed(reveal);
    if (reveal !== null) {
      const span = clampSpan((reveal.t1 - reveal.t0) * 1.25 + 20);
      setView({ follow: false, span, end: reveal.t1 + (span - (reveal.t1 - reveal.t0)) / 2 });
    }
  }
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);
  const plotWidth = Math.max(50, width - LABEL_WIDTH - RIGHT_PAD);
  const clipId = `std-clip-${useId().replace(/[^\w-]/g, '')}`;

  const win = visibleWindow(view, now);
  const vp = viewportOf(win, plotWidth);
  const offset = (vp.origin - vp.t0) * vp.pxPerMs;

  const lanes = useMemo(() => layoutLanes(ids, tracks), [ids, tracks]);
  const spans = useMemo(() => laneSpans(marks), [marks]);
  const highlightIds = useMemo(() => new Set(highlightMarks.map(markId)), [highlightMarks]);
  const pinned = useMemo(
    () => (selectedKey === null ? highlight : new Set([...highlight, selectedKey])),
    [highlight, selectedKey],
  );
  const arrows = layoutArrows(tracks, lanes.y, vp, now, { pinned });
  const glyphs = layoutMarks(marks, lanes.y, vp, { pinned: highlightIds });
  const boxes = layoutSpans(spans, lanes.y, vp, now);
  const down = new Set(spans.filter((s) => s.kind === 'down' && s.t1 === Infinity).map((s) => s.node));
  const dimming = highlight.size > 0 || highlightMarks.length > 0;
  const emphasisOf = (lit: boolean): Emphasis => (!dimming ? 'plain' : lit ? 'highlight' : 'dim');

  const x = scaleLinear().domain([win.t0, win.t1]).range([0, plotWidth]);
  // Ticks whose labels would be cut at the edges are left out.
  const ticks = x
    .ticks(Math.max(2, Math.round(plotWidth / 120)))
    .filter((t) => t >= 0 && x(t) >= TICK_ROOM && x(t) <= plotWidth + RIGHT_PAD - TICK_ROOM);

  // Latest values for the native wheel listener, which outlives renders.
  const live = useRef({ now, plotWidth });
  useLayoutEffect(() => {
    live.current = { now, plotWidth };
  });

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const { now, plotWidth } = live.current;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const anchor = (e.clientX - el.getBoundingClientRect().left - LABEL_WIDTH) / plotWidth;
        const factor = Math.exp(Math.max(-100, Math.min(100, e.deltaY * unit)) * 0.004);
        setView((v) => zoomView(v, now, factor, Math.min(1, Math.max(0, anchor))));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const d = (e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX) * unit;
        setView((v) => panView(v, now, (d / plotWidth) * v.span));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // Dragging pans; a drag that moved is not a click on the arrow under it.
  const drag = useRef<{ x: number; view: View; id: number; moved: boolean } | null>(null);
  const swallowClick = useRef(false);
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    swallowClick.current = false;
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, view: setFollow(view, now, false), id: e.pointerId, moved: false };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    if (!d.moved && Math.abs(dx) < DRAG_THRESHOLD) return;
    if (!d.moved) e.currentTarget.setPointerCapture(e.pointerId);
    d.moved = true;
    setView(panView(d.view, now, (-dx / plotWidth) * d.view.span));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    swallowClick.current = d.moved;
    drag.current = null;
  };
  const zoom = (factor: number) => setView(zoomView(view, now, factor, view.follow ? 1 : 0.5));
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = view.span * (e.shiftKey ? 0.5 : 0.1);
    if (e.key === 'ArrowLeft') setView(panView(view, now, -step));
    else if (e.key === 'ArrowRight') setView(panView(view, now, step));
    else if (e.key === '+' || e.key === '=') zoom(1 / ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') zoom(ZOOM_STEP);
    else return;
    e.preventDefault();
  };

  const onArrowClick = (e: MouseEvent<SVGGElement>) => {
    if (swallowClick.current) {
      swallowClick.current = false;
      return;
    }
    const key = (e.target as Element).closest('[data-key]')?.getAttribute('data-key');
    const track = key == null ? undefined : tracks.find((t) => t.key === key);
    if (track) props.onSelect(track);
  };

  const nowX = (now - win.t0) * vp.pxPerMs;
  return (
    <section className="panel std" aria-label="Space-time diagram">
      <div className="panel-head std-head">
        <h2>Space-time diagram</h2>
        <span className="std-span muted">{Math.round(view.span)} ms shown</span>
        <div className="std-controls">
          <button type="button" onClick={() => zoom(1 / ZOOM_STEP)} disabled={view.span <= MIN_SPAN}>
            Zoom in
          </button>
          <button type="button" onClick={() => zoom(ZOOM_STEP)} disabled={view.span >= MAX_SPAN}>
            Zoom out
          </button>
          <button
            type="button"
            aria-pressed={view.follow}
            title="Keep the newest time at the right edge"
            onClick={() => setView(setFollow(view, now, !view.follow))}
          >
            Follow
          </button>
        </div>
      </div>
      <div className="std-wrap" ref={wrap}>
        <svg
          ref={svg}
          className="std-svg"
          width={width}
          height={lanes.height}
          tabIndex={0}
          role="group"
          aria-label="Messages over time"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
        >
          <title>{HELP}</title>
          <defs>
            <clipPath id={clipId}>
              <rect x={0} y={0} width={plotWidth + RIGHT_PAD} height={lanes.height} />
            </clipPath>
          </defs>
          <rect className="std-bg" x={0} y={0} width={width} height={lanes.height} />
          {lanes.rows.map((lane) => (
            <text
              key={lane.id}
              className={`std-lane-label${lane.client ? ' std-client' : ''}${down.has(lane.id) ? ' std-down' : ''}`}
              x={8}
              y={lane.y + 5}
            >
              {lane.id}
              {down.has(lane.id) && <title>{`${lane.id} is down`}</title>}
            </text>
          ))}
          <g transform={`translate(${LABEL_WIDTH},0)`} clipPath={`url(#${clipId})`}>
            {ticks.map((t) => (
              <g key={t} className="std-tick" transform={`translate(${x(t)},0)`}>
                <line y1={AXIS_HEIGHT - 4} y2={lanes.height} />
                <text y={AXIS_HEIGHT - 8}>{`${Math.round(t)} ms`}</text>
              </g>
            ))}
            {lanes.rows.map((lane) => (
              <line
                key={lane.id}
                className={`std-lane-line${lane.client ? ' std-client' : ''}`}
                x1={0}
                x2={plotWidth + RIGHT_PAD}
                y1={lane.y}
                y2={lane.y}
              />
            ))}
            <g transform={`translate(${offset},0)`}>
              {boxes.map((b) =>
                b.kind === 'down' ? (
                  <rect
                    key={b.key}
                    className="std-span-down"
                    x={b.x1}
                    y={b.y - 14}
                    width={Math.max(0, b.x2 - b.x1)}
                    height={28}
                  />
                ) : (
                  <rect
                    key={b.key}
                    className={`std-span-${b.kind}`}
                    x={b.x1}
                    y={b.y + 3}
                    width={Math.max(0, b.x2 - b.x1)}
                    height={5}
                  />
                ),
              )}
              <g className="std-marks">
                {glyphs.map((m) => (
                  <MarkView key={m.key} m={m} emphasis={emphasisOf(highlightIds.has(m.id))} />
                ))}
              </g>
              <g className="std-arrows" onClick={onArrowClick}>
                {arrows.map((a) => (
                  <ArrowView
                    key={a.key}
                    a={a}
                    emphasis={a.key === selectedKey ? 'selected' : emphasisOf(highlight.has(a.key))}
                  />
                ))}
              </g>
            </g>
            {nowX >= 0 && nowX <= plotWidth + 1 && (
              <line className="std-now" x1={nowX} x2={nowX} y1={AXIS_HEIGHT - 4} y2={lanes.height} />
            )}
          </g>
        </svg>
      </div>
      <p className="std-key muted" aria-hidden="true">
        solid ▸ delivered · ✕ dropped · dashed ● on its way · dashed ❚❚ held · L/C/P/F role and term (P: pre-candidate)
        · ◆ commit · □ append · grey lane: crashed
      </p>
    </section>
  );
}
