import { memo, useEffect, useId, useRef } from 'react';
import type { NodeId } from '../../raft/types';
import type { EntryView, NodeView } from '../../worker/protocol';
import { useClock, useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { majorityOf } from '../../raft/quorum';
import { clockWords, contactCount, currentLeader, handingTo, rateText, roleWord } from './roleWords';
import './inspector.css';

/** The clock rates the Inspector offers (the `clock` step takes 0.25 to 4). */
const RATES = [0.5, 0.75, 1, 1.5, 2] as const;

/**
 * A leader's view of each follower, a row each (§5.3): nextIndex, matchIndex and, with
 * CheckQuorum, whether it answered within the window (§6.2). Laid out for one to eight.
 */
function FollowerTable({ n, window }: { n: NodeView; window: number }) {
  if (n.nextIndex === null || n.matchIndex === null) return null;
  const contact = n.quorumContact;
  return (
    <table className="inspector-followers">
      <caption>{n.id}&apos;s view of its followers</caption>
      <thead>
        <tr>
          <th scope="col">follower</th>
          <th scope="col">nextIndex</th>
          <th scope="col">matchIndex</th>
          {contact !== null && <th scope="col">heard within {window} ms</th>}
        </tr>
      </thead>
      <tbody>
        {[...n.nextIndex].map(([peer, next]) => (
          <tr key={peer}>
            <th scope="row">{peer}</th>
            <td>{next}</td>
            <td>{n.matchIndex?.get(peer) ?? '—'}</td>
            {contact !== null && <td>{contact.includes(peer) ? '✓ yes' : '✕ no'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The server's clock rate: a select, recorded as the `clock` step. */
function ClockRate({ id, rate }: { id: NodeId; rate: number }) {
  const rates: number[] = RATES.includes(rate as (typeof RATES)[number])
    ? [...RATES]
    : [...RATES, rate].sort((a, b) => a - b);
  return (
    <label className="inspector-clock">
      <span>Clock rate</span>
      <select value={String(rate)} onChange={(e) => sim.act({ do: 'clock', node: id, rate: Number(e.target.value) })}>
        {rates.map((r) => (
          <option key={r} value={String(r)}>
            {rateText(r)}
            {r === 1 ? ' (true time)' : r > 1 ? ' (fast)' : ' (slow)'}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Leadership transfer (§3.10) to this server: offered for a server that is up and not the
 * leader; disabled, with the reason beside it, when there is no leader to hand over or a
 * transfer is already under way, to it or to another server (one at a time).
 */
function TransferHere({ id, handingFrom }: { id: NodeId; handingFrom: NodeId | null }) {
  const leader = useSim((s) => currentLeader(s.ids, s.nodes)?.id ?? null);
  const handingTo = useSim((s) => currentLeader(s.ids, s.nodes)?.transferTo ?? null);
  const reasonId = useId();
  const reason =
    leader === null
      ? 'No leader to hand over: wait for an election.'
      : handingFrom !== null
        ? `${handingFrom} is handing leadership over to ${id}.`
        : handingTo !== null
          ? `${leader} is handing leadership over to ${handingTo}: one transfer at a time.`
          : null;
  return (
    <>
      <button
        type="button"
        // Pressing it makes it unavailable (a transfer is under way): aria-disabled keeps the
        // keyboard's focus on it rather than dropping it to the page.
        aria-disabled={reason !== null}
        aria-describedby={reason !== null ? reasonId : undefined}
        onClick={() => reason === null && sim.act({ do: 'transferLeadership', to: id })}
      >
        Transfer leadership here
      </button>
      {reason !== null && (
        <p className="inspector-reason" id={reasonId}>
          {reason}
        </p>
      )}
    </>
  );
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
  const handingFrom = useSim((s) => (id === null ? null : handingTo(id, s.ids, s.nodes)));
  const size = useSim((s) => s.ids.length);
  const quorumWindow = useSim((s) => s.electionTimeout[1]);
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
  // The role and term first, then what the elections beyond Figure 2 add (pre-votes, the
  // leader's quorum contact, a transfer), then the rest of the server's state.
  const rows: [string, string][] = [
    ['Role', roleWord(n)],
    ['Term', String(n.term)],
  ];
  if (n.up && n.role === 'precandidate')
    rows.push([
      'Pre-votes',
      `${n.votes.join(', ')} (${n.votes.length} of the ${majorityOf(size)} it needs for term ${n.term + 1})`,
    ]);
  if (n.up && n.quorumContact !== null) {
    const followers = n.quorumContact.filter((x) => x !== n.id);
    const enough = n.quorumContact.length >= majorityOf(size);
    rows.push([
      `Heard from within ${quorumWindow} ms`,
      `${followers.length === 0 ? 'none' : followers.join(', ')} (${contactCount(n.quorumContact, size)} with itself: ${enough ? 'a majority' : 'no majority, so it steps down'})`,
    ]);
  }
  if (n.up && n.transferTo !== null)
    rows.push(['Leadership transfer', `handing over to ${n.transferTo}: takes no client writes until it is done`]);
  if (handingFrom !== null) rows.push(['Leadership transfer', `${handingFrom} is handing leadership over to ${id}`]);
  rows.push(
    ['Voted for', n.votedFor ?? 'nobody'],
    ['Leader (as it knows)', n.leaderId ?? 'unknown'],
    ['commitIndex', String(n.commitIndex)],
    ['lastApplied', String(n.lastApplied)],
  );
  if (!(n.up && n.role === 'precandidate'))
    rows.push(['Votes', n.up && n.role === 'candidate' ? n.votes.join(', ') : '—']);
  rows.push(
    ['Clock', clockWords(n.clockRate) ?? 'true time (1×)'],
    [
      n.role === 'leader' ? 'Next heartbeat' : 'Election timer',
      n.deadline === null
        ? 'stopped'
        : `at ${n.deadline.toFixed(1)} ms (in ${Math.max(0, n.deadline - t).toFixed(0)} ms)`,
    ],
    ['XState state', n.machineState],
  );
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
        {n.up && n.role !== 'leader' && <TransferHere id={id} handingFrom={handingFrom} />}
        <ClockRate id={id} rate={n.clockRate} />
      </div>
      <dl className="facts">
        {rows.map(([k, v], i) => (
          <div key={`${i} ${k}`}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {n.up && n.role === 'leader' && <FollowerTable n={n} window={quorumWindow} />}
      <LogEntries id={id} log={n.log} commitIndex={n.commitIndex} />
    </section>
  );
}
