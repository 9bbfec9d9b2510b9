/**
 * The session's timeline: a slider over the current branch's virtual time with marks for
 * elections, crashes, partitions, commits and safety violations, and the list of branches.
 * Dragging the slider or pressing its arrow keys seeks (and pauses); acting in the past
 * starts a new branch, and the Branches list switches between them.
 */
import { useMemo, useState } from 'react';
import { useClock, useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import type { Marker } from '../../worker/protocol';
import './timeline.css';

/**
 * How each kind of mark is drawn, on the track and in its legend alike: a vertical line from
 * `top` down to the foot (24), solid or dashed (in screen pixels), coloured by its class
 * `tm-<kind>`. Colour is not the only difference: height and dashes tell the kinds apart too.
 */
const MARK_STYLE: Record<Marker['kind'], { readonly top: number; readonly dash?: string; readonly name: string }> = {
  election: { top: 4, name: 'leader elected' },
  crash: { top: 4, dash: '2 2', name: 'crash' },
  restart: { top: 12, name: 'restart' },
  partition: { top: 4, dash: '5 2', name: 'partition or cut' },
  heal: { top: 12, dash: '5 2', name: 'heal' },
  commit: { top: 16, name: 'commit' },
  violation: { top: 0, name: 'safety violation' },
  action: { top: 4, dash: '3 2', name: 'your action' },
};

/** Every kind the track draws, in the legend's order. */
const MARK_KINDS = Object.keys(MARK_STYLE) as Marker['kind'][];

/** One mark: the same element on the track (at time `x`) and in the legend. */
function MarkLine({ kind, x }: { kind: Marker['kind']; x: number }) {
  const style = MARK_STYLE[kind];
  return <line x1={x} x2={x} y1={style.top} y2={24} strokeDasharray={style.dash} />;
}

/** Markers thinned to at most one per kind per pixel column, so an hour of commits stays cheap. */
function visibleMarkers(markers: readonly Marker[], end: number, width: number): Marker[] {
  const seen = new Set<string>();
  const out: Marker[] = [];
  for (const m of markers) {
    const col = `${m.kind}:${Math.round((m.t / Math.max(end, 1)) * width)}`;
    if (seen.has(col)) continue;
    seen.add(col);
    out.push(m);
  }
  return out;
}

function Marks({ end }: { end: number }) {
  const markers = useSim((s) => s.markers);
  // Thinned against a coarse end (the next power of two), so it is redone rarely; the marks are
  // drawn in time coordinates and the viewBox alone follows the end as time goes on.
  const coarse = 2 ** Math.ceil(Math.log2(Math.max(end, 1024)));
  const shown = useMemo(() => visibleMarkers(markers, coarse, 800), [markers, coarse]);
  return (
    <svg
      className="timeline-marks"
      viewBox={`0 0 ${Math.max(end, 1)} 24`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {shown.map((m) => {
        const x = m.t;
        return (
          <g key={`${m.seq}-${m.kind}`} className={`tm tm-${m.kind}`}>
            <title>{`${m.label} (t=${m.t.toFixed(0)} ms)`}</title>
            <MarkLine kind={m.kind} x={x} />
          </g>
        );
      })}
    </svg>
  );
}

function Branches() {
  const history = useSim((s) => s.history);
  if (history.branches.length < 2) return null;
  return (
    <section className="branches" aria-label="Branches">
      <h3>Branches</h3>
      <ul>
        {history.branches.map((b) => (
          <li key={b.id}>
            <button
              type="button"
              aria-pressed={b.id === history.branch}
              onClick={() => sim.switchBranch(b.id)}
              title={b.parent === null ? 'The first run' : `Left branch ${b.parent} at ${b.forkT.toFixed(0)} ms`}
            >
              Branch {b.id}: {b.label}
              {b.parent !== null ? ` at ${b.forkT.toFixed(0)} ms` : ''}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What each mark on the track means: every kind it draws, each drawn as on the track. */
function Legend() {
  return (
    <ul className="timeline-legend" aria-label="Timeline marks">
      {MARK_KINDS.map((k) => (
        <li key={k}>
          {/* The classes on the svg itself: the same rules colour it, and it is no mark of the track. */}
          <svg className={`timeline-swatch tm tm-${k}`} viewBox="0 0 8 24" aria-hidden="true">
            <MarkLine kind={k} x={4} />
          </svg>
          {MARK_STYLE[k].name}
        </li>
      ))}
    </ul>
  );
}

export function Timeline() {
  // In the slider's 10 ms steps, and at most ten times a second of real time while running.
  const quantum = useSim((s) => (s.running ? Math.max(10, Math.round(s.speed * 100) * 10) : 10));
  const t = useClock((c) => Math.round(c.t / quantum) * quantum);
  const headT = useSim((s) => s.history.headT);
  const ready = useSim((s) => s.ready);
  // The slider shows where the person moved it until the seek comes back; otherwise React would
  // put back the old value and the browser's change event would seek there again.
  const [asked, setAsked] = useState<{ to: number; from: number } | null>(null);
  if (asked !== null && t !== asked.from) setAsked(null);
  const value = asked?.to ?? t;
  // The slider's end is rounded up to its 10 ms step (the worker stops at the branch's head),
  // so End and the right edge reach the very last moment.
  const end = Math.ceil(Math.max(headT, t, 1) / 10) * 10;
  const markers = useSim((s) => s.markers);
  const summary = useMemo(() => {
    const count = (k: Marker['kind']) => markers.filter((m) => m.kind === k).length;
    return `${count('election')} elections, ${count('crash')} crashes, ${count('violation')} safety violations`;
  }, [markers]);
  return (
    <section className="timeline panel" aria-label="History">
      <div className="timeline-track">
        <Marks end={end} />
        <input
          type="range"
          aria-label="Timeline"
          min={0}
          max={end}
          step={10}
          value={value}
          disabled={!ready}
          aria-valuetext={`${t} ms of ${end.toFixed(0)} ms; ${summary}`}
          onChange={(e) => {
            const to = Number(e.target.value);
            setAsked({ to, from: t });
            sim.seek(to);
          }}
        />
      </div>
      <Legend />
      <Branches />
    </section>
  );
}
