import { useEffect, useRef } from 'react';
import { useClock, useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { roleWord } from './NodeGlyph';

function perFollower(values: ReadonlyMap<string, number> | null): string {
  if (values === null) return '—';
  return [...values].map(([k, v]) => `${k}: ${v}`).join(', ');
}

/** The selected server's whole state, and what can be done to it. */
export function Inspector() {
  const id = useUi((s) => s.selectedNode);
  const n = useSim((s) => (id === null ? undefined : s.nodes[id]));
  const t = useClock((c) => (id === null ? 0 : Math.floor(c.t)));
  const ref = useRef<HTMLElement>(null);
  // Selecting a server brings its Inspector into view.
  useEffect(() => {
    if (id !== null) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [id]);
  if (id === null || n === undefined) {
    return (
      <section className="panel inspector empty" aria-label="Inspector">
        <h2>Inspector</h2>
        <p>Select a server (click it, or press ] ) to see its state and crash, restart or time it out.</p>
      </section>
    );
  }
  const log = n.log.map((e, i) => `${i + 1}:${e.term}`).join(' ');
  const rows: [string, string][] = [
    ['Role', roleWord(n)],
    ['XState state', n.machineState],
    ['Term', String(n.term)],
    ['Voted for', n.votedFor ?? 'nobody'],
    ['Leader (as it knows)', n.leaderId ?? 'unknown'],
    ['commitIndex', String(n.commitIndex)],
    ['lastApplied', String(n.lastApplied)],
    ['Log (index:term)', log || 'empty'],
    ['nextIndex', perFollower(n.nextIndex)],
    ['matchIndex', perFollower(n.matchIndex)],
    ['Votes', n.role === 'candidate' ? n.votes.join(', ') : '—'],
    [
      n.role === 'leader' ? 'Next heartbeat' : 'Election timer',
      n.deadline === null
        ? 'stopped'
        : `at ${n.deadline.toFixed(1)} ms (in ${Math.max(0, n.deadline - t).toFixed(0)} ms)`,
    ],
  ];
  return (
    <section className="panel inspector" aria-label="Inspector" ref={ref}>
      <div className="panel-head">
        <h2>Inspector: {id}</h2>
        <button type="button" className="quiet" onClick={() => ui.selectNode(null)} aria-label="Close inspector">
          ✕
        </button>
      </div>
      <div className="inspector-actions">
        <button type="button" disabled={!n.up} onClick={() => sim.act({ do: 'crash', node: id })}>
          Crash
        </button>
        <button type="button" disabled={n.up} onClick={() => sim.act({ do: 'restart', node: id })}>
          Restart
        </button>
        <button
          type="button"
          disabled={!n.up || n.role === 'leader'}
          onClick={() => sim.act({ do: 'timeout', node: id })}
        >
          Timeout
        </button>
        {n.votedFor !== null && (
          <button type="button" onClick={() => ui.explain({ kind: 'vote', voter: id })}>
            Why this vote?
          </button>
        )}
      </div>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
