/**
 * The space-time diagram's geometry as pure functions (no DOM): which slice of virtual time
 * is shown, where each node's lane is, and the arrows, lane marks and role/crash spans to
 * draw, in pixels. Only what intersects the visible window is laid out, and at most a capped
 * number of arrows (the most recent win), so the diagram stays cheap however long the run.
 *
 * x coordinates are measured from a viewport's `origin` time, not from the window's left edge:
 * while the window follows the clock at a fixed zoom only the origin offset changes, so the
 * drawn primitives keep their coordinates and memoised components need not re-render.
 */
import type { LaneMark, MessageTrack, MessageVariant } from '../../worker/protocol';

/** Virtual milliseconds shown when the diagram opens, and the zoom limits. */
export const DEFAULT_SPAN = 600;
export const MIN_SPAN = 50;
export const MAX_SPAN = 60_000;
export const MAX_ARROWS = 600;
export const MAX_MARKS = 400;
/** Geometry, in pixels. */
export const AXIS_HEIGHT = 22;
export const LANE_HEIGHT = 30;
export const CLIENT_LANE_HEIGHT = 18;
export const BOTTOM_PAD = 4;
/** How far towards its destination lane a dropped message is drawn before its ✕. */
export const DROP_REACH = 0.8;
/** Tracks and marks this far (a fraction of the window) outside it are still laid out. */
export const MARGIN = 0.05;
export const CLIENT = 'client';

/** What the person chose to look at: following the clock, or a window ending at `end`. */
export interface View {
  readonly follow: boolean;
  /** Width of the window in virtual ms. */
  readonly span: number;
  /** The right edge when not following. */
  readonly end: number;
}

export interface TimeWindow {
  readonly t0: number;
  readonly t1: number;
}

export const INITIAL_VIEW: View = { follow: true, span: DEFAULT_SPAN, end: 0 };

export function clampSpan(span: number): number {
  return Math.min(MAX_SPAN, Math.max(MIN_SPAN, span));
}

/** The virtual-time window shown: ending at `now` when following. */
export function visibleWindow(view: View, now: number): TimeWindow {
  const t1 = view.follow ? now : view.end;
  return { t0: t1 - view.span, t1 };
}

/**
 * Zooms by `factor` (below 1 zooms in) keeping the time at `anchor` (a fraction of the
 * window from its left edge) where it is on screen. Zooming stops following.
 */
export function zoomView(view: View, now: number, factor: number, anchor = 1): View {
  const { t0, t1 } = visibleWindow(view, now);
  const at = t0 + anchor * view.span;
  const span = clampSpan(view.span * factor);
  return { follow: false, span, end: at + (t1 - at) * (span / view.span) };
}

/** Moves the window by `dt` virtual ms (positive: later). Panning stops following. */
export function panView(view: View, now: number, dt: number): View {
  return { follow: false, span: view.span, end: visibleWindow(view, now).t1 + dt };
}

/** Turns following on, or off keeping the window where it is. */
export function setFollow(view: View, now: number, follow: boolean): View {
  return { follow, span: view.span, end: visibleWindow(view, now).t1 };
}

/** A window mapped onto pixels: x(t) = (t - origin) * pxPerMs. */
export interface Viewport extends TimeWindow {
  readonly origin: number;
  readonly pxPerMs: number;
}

/**
 * The viewport for a window drawn `width` pixels wide. The origin snaps to a multiple of
 * four spans so that it stays put while the window slides with the clock.
 */
export function viewportOf(window: TimeWindow, width: number): Viewport {
  const span = window.t1 - window.t0;
  const step = span * 4;
  return { ...window, origin: Math.floor(window.t0 / step) * step, pxPerMs: Math.max(1, width) / span };
}

export function xOf(vp: Viewport, t: number): number {
  return (t - vp.origin) * vp.pxPerMs;
}

export interface Lane {
  readonly id: string;
  /** The y of the lane's centre line. */
  readonly y: number;
  readonly height: number;
  readonly client: boolean;
}

export interface Lanes {
  readonly rows: readonly Lane[];
  readonly y: ReadonlyMap<string, number>;
  /** Total height of the drawing, axis included. */
  readonly height: number;
}

/** One lane per node, in order, and a thin client lane at the bottom if any track involves the client. */
export function layoutLanes(ids: readonly string[], tracks: readonly MessageTrack[]): Lanes {
  const rows: Lane[] = [];
  let top = AXIS_HEIGHT;
  const add = (id: string, height: number, client: boolean) => {
    rows.push({ id, y: top + height / 2, height, client });
    top += height;
  };
  for (const id of ids) add(id, LANE_HEIGHT, false);
  if (tracks.some((t) => t.from === CLIENT || t.to === CLIENT)) add(CLIENT, CLIENT_LANE_HEIGHT, true);
  return { rows, y: new Map(rows.map((r) => [r.id, r.y])), height: top + BOTTOM_PAD };
}

export interface Arrow {
  readonly key: string;
  readonly variant: MessageVariant;
  readonly outcome: MessageTrack['outcome'];
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly title: string;
}

export function formatMs(t: number): string {
  return `${Math.round(t * 10) / 10} ms`;
}

/** Where a track's drawn line ends in time: on its way or held, at `now` (never past its due time). */
export function trackEnd(track: MessageTrack, now: number): number {
  if (track.outcome === 'flying' || track.outcome === 'held') return Math.max(track.sentAt, Math.min(track.endAt, now));
  return track.endAt;
}

/** A track in words: what, from → to, and when. */
export function arrowTitle(track: MessageTrack): string {
  const head = `${track.summary}, ${track.from} → ${track.to}, sent ${formatMs(track.sentAt)}`;
  switch (track.outcome) {
    case 'delivered':
      return `${head}, arrived ${formatMs(track.endAt)}`;
    case 'dropped':
      return `${head}, dropped ${formatMs(track.endAt)}${track.dropReason ? ` (${track.dropReason})` : ''}`;
    case 'flying':
      return `${head}, on its way (due ${formatMs(track.endAt)})`;
    case 'held':
      return `${head}, held (not delivered until released)`;
  }
}

/**
 * Keeps at most `max` items, the latest by `time`, pinned ones first; the rest keep their order.
 */
export function capRecent<T>(
  items: readonly T[],
  max: number,
  time: (item: T) => number,
  pinned: (item: T) => boolean,
) {
  if (items.length <= max) return items;
  const recent = [...items].sort((a, b) => time(b) - time(a));
  const keep = new Set<T>();
  for (const item of recent) if (keep.size < max && pinned(item)) keep.add(item);
  for (const item of recent) {
    if (keep.size >= max) break;
    keep.add(item);
  }
  return items.filter((item) => keep.has(item));
}

export interface LayoutOptions {
  readonly max?: number;
  /** Keys (track keys or mark ids) kept even when the cap would drop them. */
  readonly pinned?: ReadonlySet<string>;
}

/**
 * The arrows to draw: every track between two known lanes that intersects the window, capped
 * to the most recent. Delivered: to (endAt, destination). Dropped: most of the way there,
 * ending at endAt. Flying: along the line it will travel, up to `now`. Held: to `now`, half-way
 * between the lanes.
 */
export function layoutArrows(
  tracks: readonly MessageTrack[],
  lanes: ReadonlyMap<string, number>,
  vp: Viewport,
  now: number,
  options: LayoutOptions = {},
): Arrow[] {
  const margin = (vp.t1 - vp.t0) * MARGIN;
  const from = vp.t0 - margin;
  const to = vp.t1 + margin;
  const visible = tracks.filter(
    (t) => t.sentAt <= to && trackEnd(t, now) >= from && lanes.has(t.from) && lanes.has(t.to),
  );
  const pinned = options.pinned;
  const shown = capRecent(
    visible,
    options.max ?? MAX_ARROWS,
    (t) => t.sentAt,
    (t) => pinned?.has(t.key) ?? false,
  );
  return shown.map((t) => {
    const y1 = lanes.get(t.from)!;
    const yTo = lanes.get(t.to)!;
    const end = trackEnd(t, now);
    let reach = 1;
    if (t.outcome === 'dropped') reach = DROP_REACH;
    else if (t.outcome === 'held') reach = 0.5;
    else if (t.outcome === 'flying') reach = t.endAt > t.sentAt ? (end - t.sentAt) / (t.endAt - t.sentAt) : 1;
    return {
      key: t.key,
      variant: t.variant,
      outcome: t.outcome,
      x1: xOf(vp, t.sentAt),
      y1,
      x2: xOf(vp, end),
      y2: y1 + (yTo - y1) * reach,
      title: arrowTitle(t),
    };
  });
}

/** The points of an arrowhead of `size` pixels at (x2, y2), pointing along the line; '' for a point. */
export function arrowHead(x1: number, y1: number, x2: number, y2: number, size = 7): string {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) return '';
  const ux = dx / len;
  const uy = dy / len;
  const bx = x2 - ux * size;
  const by = y2 - uy * size;
  const w = size * 0.5;
  const r = (n: number) => Math.round(n * 100) / 100;
  return `${r(x2)},${r(y2)} ${r(bx - uy * w)},${r(by + ux * w)} ${r(bx + uy * w)},${r(by - ux * w)}`;
}

/** A stable identity for a lane mark, for keys and for matching highlighted marks. */
export function markId(m: LaneMark): string {
  return `${m.node}|${m.seq}|${m.kind}|${m.index ?? ''}|${m.t}`;
}

export interface MarkGlyph {
  readonly key: string;
  /** markId of the mark. */
  readonly id: string;
  readonly kind: LaneMark['kind'];
  readonly x: number;
  readonly y: number;
  /** The short text drawn with it: "L3", "12", … ('' for crash and restart). */
  readonly text: string;
  readonly title: string;
}

function markText(m: LaneMark): string {
  switch (m.kind) {
    case 'leader':
      return `L${m.term}`;
    case 'candidate':
      return `C${m.term}`;
    case 'precandidate':
      // A pre-candidate keeps its own term (it asks for pre-votes for the next).
      return `P${m.term}`;
    case 'follower':
      return `F${m.term}`;
    case 'commit':
    case 'append':
      return m.index === undefined ? '' : String(m.index);
    case 'crash':
    case 'restart':
      return '';
  }
}

/** The lane marks inside the window (on known lanes), capped to the most recent. */
export function layoutMarks(
  marks: readonly LaneMark[],
  lanes: ReadonlyMap<string, number>,
  vp: Viewport,
  options: LayoutOptions = {},
): MarkGlyph[] {
  const margin = (vp.t1 - vp.t0) * MARGIN;
  const visible = marks.filter((m) => m.t >= vp.t0 - margin && m.t <= vp.t1 + margin && lanes.has(m.node));
  const pinned = options.pinned;
  const shown = capRecent(
    visible,
    options.max ?? MAX_MARKS,
    (m) => m.t,
    (m) => pinned?.has(markId(m)) ?? false,
  );
  const seen = new Map<string, number>();
  return shown.map((m) => {
    const id = markId(m);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return {
      key: n === 0 ? id : `${id}#${n}`,
      id,
      kind: m.kind,
      x: xOf(vp, m.t),
      y: lanes.get(m.node)!,
      text: markText(m),
      title: `${m.label}, ${formatMs(m.t)}`,
    };
  });
}

/** A stretch of a lane: down (crashed), leading, campaigning, or asking for pre-votes; open ones end at Infinity. */
export interface LaneSpan {
  readonly node: string;
  readonly kind: 'down' | 'leader' | 'candidate' | 'precandidate';
  readonly term: number;
  readonly t0: number;
  readonly t1: number;
}

/** The spans the marks describe: a crash until the restart, a role until the next role change or crash. */
export function laneSpans(marks: readonly LaneMark[]): LaneSpan[] {
  const sorted = [...marks].sort((a, b) => a.t - b.t || a.seq - b.seq);
  const open = new Map<string, { kind: LaneSpan['kind']; term: number; t0: number }>();
  const out: LaneSpan[] = [];
  const close = (node: string, t: number) => {
    const span = open.get(node);
    if (span) out.push({ node, ...span, t1: t });
    open.delete(node);
  };
  for (const m of sorted) {
    switch (m.kind) {
      case 'crash':
        close(m.node, m.t);
        open.set(m.node, { kind: 'down', term: m.term, t0: m.t });
        break;
      case 'restart':
      case 'follower':
        close(m.node, m.t);
        break;
      case 'leader':
      case 'candidate':
      case 'precandidate':
        close(m.node, m.t);
        open.set(m.node, { kind: m.kind, term: m.term, t0: m.t });
        break;
      case 'append':
      case 'commit':
        break;
    }
  }
  for (const [node, span] of open) out.push({ node, ...span, t1: Infinity });
  return out;
}

export interface SpanBox {
  readonly key: string;
  readonly node: string;
  readonly kind: LaneSpan['kind'];
  readonly term: number;
  readonly x1: number;
  readonly x2: number;
  /** The lane's centre line. */
  readonly y: number;
  /** Still open at `now`. */
  readonly open: boolean;
}

/** The spans that intersect the window, clipped to it (with margin); open spans end at `now`. */
export function layoutSpans(
  spans: readonly LaneSpan[],
  lanes: ReadonlyMap<string, number>,
  vp: Viewport,
  now: number,
): SpanBox[] {
  const margin = (vp.t1 - vp.t0) * MARGIN;
  const from = vp.t0 - margin;
  const to = vp.t1 + margin;
  const out: SpanBox[] = [];
  for (const s of spans) {
    const y = lanes.get(s.node);
    const end = Math.min(s.t1, Math.max(now, s.t0));
    if (y === undefined || s.t0 > to || end < from) continue;
    out.push({
      key: `${s.node}|${s.kind}|${s.t0}`,
      node: s.node,
      kind: s.kind,
      term: s.term,
      x1: xOf(vp, Math.max(s.t0, from)),
      x2: xOf(vp, Math.min(end, to)),
      y,
      open: s.t1 === Infinity,
    });
  }
  return out;
}
