/**
 * The space-time diagram's pure geometry: windows, zoom and pan, lanes, arrows (windowing,
 * capping, outcomes), marks and spans.
 */
import { describe, expect, it } from 'vitest';
import type { LaneMark, MessageTrack } from '../../worker/protocol';
import {
  arrowHead,
  AXIS_HEIGHT,
  capRecent,
  DROP_REACH,
  INITIAL_VIEW,
  LANE_HEIGHT,
  laneSpans,
  layoutArrows,
  layoutLanes,
  layoutMarks,
  layoutSpans,
  MAX_SPAN,
  MIN_SPAN,
  panView,
  setFollow,
  viewportOf,
  visibleWindow,
  xOf,
  zoomView,
} from './spaceTimeLayout';

let counter = 0;
function track(over: Partial<MessageTrack> = {}): MessageTrack {
  counter += 1;
  return {
    key: `k${counter}`,
    msgId: counter,
    type: 'AppendEntries',
    variant: 'heartbeat',
    from: 'S1',
    to: 'S2',
    term: 1,
    sentAt: 100,
    endAt: 150,
    outcome: 'delivered',
    dropReason: null,
    summary: 'heartbeat',
    detail: {},
    ...over,
  };
}

function mark(over: Partial<LaneMark> = {}): LaneMark {
  return { t: 100, seq: 1, node: 'S1', kind: 'leader', term: 2, label: 'S1 leads', ...over };
}

const lanes = new Map([
  ['S1', 10],
  ['S2', 50],
]);
/** 0…1000 ms onto 1000 px: one pixel per ms, origin 0. */
const vp = viewportOf({ t0: 0, t1: 1000 }, 1000);

describe('windows', () => {
  it('follows the clock with the default span', () => {
    expect(visibleWindow(INITIAL_VIEW, 5000)).toEqual({ t0: 4400, t1: 5000 });
  });

  it('zooms around an anchor and stops following', () => {
    const v = zoomView(INITIAL_VIEW, 1000, 0.5, 0.5);
    expect(v.follow).toBe(false);
    expect(visibleWindow(v, 9999)).toEqual({ t0: 550, t1: 850 });
  });

  it('clamps the zoom to 50 ms … 60 s', () => {
    expect(zoomView(INITIAL_VIEW, 1000, 1e-6).span).toBe(MIN_SPAN);
    expect(zoomView(INITIAL_VIEW, 1000, 1e6).span).toBe(MAX_SPAN);
  });

  it('pans from where the window is and stops following', () => {
    const v = panView(INITIAL_VIEW, 1000, -100);
    expect(v).toEqual({ follow: false, span: 600, end: 900 });
    expect(visibleWindow(v, 2000)).toEqual({ t0: 300, t1: 900 });
  });

  it('turning follow off keeps the window; on follows again', () => {
    const off = setFollow(INITIAL_VIEW, 700, false);
    expect(visibleWindow(off, 900)).toEqual({ t0: 100, t1: 700 });
    expect(visibleWindow(setFollow(off, 900, true), 900)).toEqual({ t0: 300, t1: 900 });
  });

  it('keeps the viewport origin while the window slides', () => {
    const a = viewportOf({ t0: 100, t1: 700 }, 600);
    const b = viewportOf({ t0: 150, t1: 750 }, 600);
    expect(a.origin).toBe(b.origin);
    expect(xOf(a, 400)).toBe(xOf(b, 400));
  });
});

describe('lanes', () => {
  it('adds a client lane only when a track involves the client', () => {
    expect(layoutLanes(['S1', 'S2'], [track()]).rows.map((r) => r.id)).toEqual(['S1', 'S2']);
    const withClient = layoutLanes(['S1', 'S2'], [track({ from: 'client', to: 'S1' })]);
    expect(withClient.rows.map((r) => r.id)).toEqual(['S1', 'S2', 'client']);
    expect(withClient.rows[2]!.client).toBe(true);
    expect(withClient.y.get('S1')).toBe(AXIS_HEIGHT + LANE_HEIGHT / 2);
  });
});

describe('layoutArrows', () => {
  it('draws a delivered message from (sentAt, from) to (endAt, to)', () => {
    const [a] = layoutArrows([track({ sentAt: 100, endAt: 150 })], lanes, vp, 500);
    expect(a).toMatchObject({ x1: 100, y1: 10, x2: 150, y2: 50, outcome: 'delivered', variant: 'heartbeat' });
    expect(a!.title).toContain('S1 → S2');
    expect(a!.title).toContain('arrived 150 ms');
  });

  it('keeps only tracks intersecting the window (with a small margin)', () => {
    const tracks = [
      track({ key: 'before', sentAt: -400, endAt: -300 }),
      track({ key: 'spanning', sentAt: -100, endAt: 2000 }),
      track({ key: 'inside', sentAt: 400, endAt: 450 }),
      track({ key: 'margin', sentAt: 1020, endAt: 1100 }),
      track({ key: 'after', sentAt: 1200, endAt: 1300 }),
    ];
    expect(layoutArrows(tracks, lanes, vp, 2000).map((a) => a.key)).toEqual(['spanning', 'inside', 'margin']);
  });

  it('caps to the most recent, keeping pinned ones and the original order', () => {
    const tracks = [0, 1, 2, 3, 4].map((i) => track({ key: `t${i}`, sentAt: 100 * i, endAt: 100 * i + 50 }));
    expect(layoutArrows(tracks, lanes, vp, 900, { max: 2 }).map((a) => a.key)).toEqual(['t3', 't4']);
    const pinned = new Set(['t0']);
    expect(layoutArrows(tracks, lanes, vp, 900, { max: 2, pinned }).map((a) => a.key)).toEqual(['t0', 't4']);
  });

  it('ends a flying message at now, along the line it travels', () => {
    const [a] = layoutArrows([track({ outcome: 'flying', sentAt: 100, endAt: 300 })], lanes, vp, 200);
    expect(a).toMatchObject({ x2: 200, y2: 30 });
    const [late] = layoutArrows([track({ outcome: 'flying', sentAt: 100, endAt: 300 })], lanes, vp, 400);
    expect(late).toMatchObject({ x2: 300, y2: 50 });
  });

  it('ends a held message at now, half-way between the lanes', () => {
    const [a] = layoutArrows([track({ outcome: 'held', sentAt: 100, endAt: Infinity })], lanes, vp, 700);
    expect(a).toMatchObject({ x2: 700, y2: 30, outcome: 'held' });
    expect(a!.title).toContain('held');
  });

  it('stops a dropped message short of its lane at endAt', () => {
    const t = track({ outcome: 'dropped', sentAt: 100, endAt: 200, dropReason: 'link cut' });
    const [a] = layoutArrows([t], lanes, vp, 900);
    expect(a).toMatchObject({ x2: 200, y2: 10 + 40 * DROP_REACH, outcome: 'dropped' });
    expect(a!.title).toContain('dropped 200 ms (link cut)');
  });

  it('ignores tracks on unknown lanes', () => {
    const tracks = [track({ to: 'S9' }), track({ from: 'client', to: 'S1' }), track({ key: 'ok' })];
    expect(layoutArrows(tracks, lanes, vp, 900).map((a) => a.key)).toEqual(['ok']);
  });

  it('points an arrowhead at the end of the line', () => {
    expect(arrowHead(0, 0, 10, 0, 4)).toBe('10,0 6,2 6,-2');
    expect(arrowHead(5, 5, 5, 5)).toBe('');
  });
});

describe('marks and spans', () => {
  it('lays out marks in the window with short texts, on known lanes only', () => {
    const marks = [
      mark({ t: -500 }),
      mark({ t: 200, kind: 'leader', term: 3 }),
      mark({ t: 300, kind: 'commit', index: 4, seq: 2 }),
      mark({ t: 300, kind: 'crash', node: 'S9', seq: 3 }),
    ];
    const out = layoutMarks(marks, lanes, vp);
    expect(out.map((m) => [m.kind, m.x, m.y, m.text])).toEqual([
      ['leader', 200, 10, 'L3'],
      ['commit', 300, 10, '4'],
    ]);
  });

  it('gives identical marks distinct keys', () => {
    const out = layoutMarks([mark(), mark()], lanes, vp);
    expect(new Set(out.map((m) => m.key)).size).toBe(2);
  });

  it('caps marks to the most recent', () => {
    const marks = [1, 2, 3].map((i) => mark({ t: i * 100, seq: i }));
    expect(layoutMarks(marks, lanes, vp, { max: 1 }).map((m) => m.x)).toEqual([300]);
  });

  it('turns crashes and roles into spans, open ones ending at now', () => {
    const spans = laneSpans([
      mark({ t: 100, kind: 'leader', term: 2, seq: 1 }),
      mark({ t: 400, kind: 'crash', seq: 2 }),
      mark({ t: 600, kind: 'restart', seq: 3 }),
      mark({ t: 700, kind: 'candidate', node: 'S2', term: 3, seq: 4 }),
    ]);
    expect(spans.map((s) => [s.node, s.kind, s.t0, s.t1])).toEqual([
      ['S1', 'leader', 100, 400],
      ['S1', 'down', 400, 600],
      ['S2', 'candidate', 700, Infinity],
    ]);
    const boxes = layoutSpans(spans, lanes, vp, 800);
    expect(boxes.map((b) => [b.kind, b.x1, b.x2, b.open])).toEqual([
      ['leader', 100, 400, false],
      ['down', 400, 600, false],
      ['candidate', 700, 800, true],
    ]);
  });

  it('clips spans to the window', () => {
    const boxes = layoutSpans(laneSpans([mark({ t: -5000, kind: 'crash' })]), lanes, vp, 5000);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.x1).toBe(-50);
    expect(boxes[0]!.x2).toBe(1050);
  });
});

describe('capRecent', () => {
  it('returns the input when under the cap', () => {
    const items = [1, 2, 3];
    expect(
      capRecent(
        items,
        5,
        (n) => n,
        () => false,
      ),
    ).toBe(items);
  });
});
