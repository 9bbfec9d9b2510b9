import { memo, useEffect, useRef } from 'react';
import type { EntryView } from '../../worker/protocol';
import { useClock, useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { roleWord } from './NodeGlyph';
import './inspector.css';

function perFollower(values: ReadonlyMap<string, number> | null): string {
  if (values === null) return '—';
  return [...values].map(([k, v]) => `${k}: ${v}`).join(', ');
}

/** How many of a log's last entries the Inspector lists. */
const LISTED = 12;

/**
 * The server's last entries with what each carries and its client request id, so two writes
 * of the same key and value (a person's and a scenario's, say) are told apart.
 */
const LogEntries = memo(function LogEntries({
  id,
  log,
  commitIndex,
}: {
  id: string;
  log: readonly EntryView[];
  commitIndex: number;
}) {
  const first = Math.max(0, log.length - LISTED);
  return (
    <table className="inspector-log">
      <caption>
        {log.length === 0
          ? `${id}'s log is empty`
          : first > 0
            ? `${id}'s log: the last ${LISTED} of ${log.length} entries`
            : `${id}'s log`}
      </caption>
      {log.length > 0 && (
        <>
          <thead>
            <tr>
              <th scope="col">index</th>
              <th scope="col">term</th>
              <th scope="col">command</th>
              <th scope="col">request</th>
              <th scope="col">committed</th>
            </tr>
          </thead>
          <tbody>
            {log.slice(first).map((e, i) => {
              const index = first + i + 1;
              return (
                <tr key={index}>
                  <td>{index}</td>
                  <td>{e.term}</td>
                  <td>{e.label}</td>
                  <td>{e.id ?? '—'}</td>
                  <td>{index <= commitIndex ? 'yes' : 'no'}</td>
                </tr>
              );
            })}
          </tbody>
        </>
      )}
    </table>
  );
});

/** The selected server's whole state, and what can be done to it. */
export function Inspector() {
  const id = useUi((s) => s.selectedNode);
  const n = useSim((s) => (id === null ? undefined : s.nodes[id]));
  const t = useClock((c) => (id === null ? 0 : Math.floor(c.t)));
  const ref = useRef<HTMLElement>(null);
  // Selecting a server brings its Inspector's heading and actions into view, and scrolls
  // nothing when they already are (the controls beside it stay where the person left them).
  useEffect(() => {
    if (id !== null) ref.current?.querySelector('.inspector-actions')?.scrollIntoView?.({ block: 'nearest' });
  }, [id]);
  if (id === null || n === undefined) {
    return (
      <section className="panel inspector empty" aria-label="Inspector">
        <h2>Inspector</h2>
        <p>Select a server (click it, or press ] ) to see its state and crash, restart or time it out.</p>
      </section>
    );
  }
  const rows: [string, string][] = [
    ['Role', roleWord(n)],
    ['XState state', n.machineState],
    ['Term', String(n.term)],
    ['Voted for', n.votedFor ?? 'nobody'],
    ['Leader (as it knows)', n.leaderId ?? 'unknown'],
    ['commitIndex', String(n.commitIndex)],
    ['lastApplied', String(n.lastApplied)],
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
      <LogEntries id={id} log={n.log} commitIndex={n.commitIndex} />
    </section>
  );
}
