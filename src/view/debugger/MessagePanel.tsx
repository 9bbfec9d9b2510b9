import { useEffect, useRef } from 'react';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { lostSentence } from '../cluster/lostWords';
import './messages.css';

/** What the kinds beyond Figure 2 are for, in a sentence (CONTRACTS.md section 5). */
function meaningOf(m: { readonly type: string; readonly detail: { readonly transfer?: boolean } }): string | null {
  switch (m.type) {
    case 'PreVote':
      return 'PreVote (§9.6): "would you vote for me in this term?" The sender keeps its own term; only with a majority of yes does it stand for election.';
    case 'PreVoteReply':
      return 'The answer to a PreVote: yes only if the voter has not heard from a leader within an election timeout and the sender’s log is at least as up-to-date. Nobody’s term changes.';
    case 'TimeoutNow':
      return 'Leadership transfer (§3.10): the leader tells its chosen successor, now up to date, to start an election at once.';
    case 'RequestVote':
      return m.detail.transfer === true
        ? 'Sent in the election a leadership transfer started: servers answer it even if they heard from a leader recently.'
        : null;
    default:
      return null;
  }
}

/**
 * The message a person clicked: its fields, and Drop or Deliver now while it is in flight
 * (Deliver now disabled, and why said, when the network will drop it anyway).
 */
export function MessagePanel() {
  const m = useUi((s) => s.selectedMessage);
  const inFlight = useSim((s) => (m === null ? false : s.messages.some((x) => x.msgId === m.msgId)));
  // Its fate as of now: a partition or cut may have begun since it was clicked.
  const lost = useSim((s) => (m === null ? null : (s.messages.find((x) => x.key === m.key)?.lost ?? m.lost)));
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (m !== null) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [m]);
  if (m === null) return null;
  return (
    <section className="panel message" aria-label="Message" ref={ref}>
      <div className="panel-head">
        <h2>
          {m.type} #{m.msgId}
        </h2>
        <button type="button" className="quiet" onClick={() => ui.selectMessage(null)} aria-label="Close message">
          ✕
        </button>
      </div>
      <p>{m.summary}</p>
      {meaningOf(m) !== null && <p className="message-meaning">{meaningOf(m)}</p>}
      <dl className="facts">
        <div>
          <dt>from → to</dt>
          <dd>
            {m.from} → {m.to}
          </dd>
        </div>
        <div>
          <dt>sent at</dt>
          <dd>{m.sentAt.toFixed(1)} ms</dd>
        </div>
        <div>
          <dt>arrives at</dt>
          <dd>{m.held ? 'held until delivered by hand' : `${m.arriveAt.toFixed(1)} ms`}</dd>
        </div>
        {Object.entries(m.fields)
          .filter(([k]) => !['type', 'from', 'to'].includes(k))
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
      </dl>
      <p className={inFlight && lost ? 'message-lost' : 'muted'} id="message-fate">
        {inFlight ? (lost ? lostSentence(lost) : 'In flight.') : 'It has arrived or was dropped.'}
      </p>
      <div className="inspector-actions">
        <button
          type="button"
          disabled={!inFlight}
          onClick={() => {
            sim.act({ do: 'drop', msgId: m.msgId });
            ui.selectMessage(null);
          }}
        >
          Drop
        </button>
        <button
          type="button"
          disabled={!inFlight || lost !== null}
          aria-describedby={inFlight && lost ? 'message-fate' : undefined}
          onClick={() => {
            sim.act({ do: 'deliverNow', msgId: m.msgId });
            ui.selectMessage(null);
          }}
        >
          Deliver now
        </button>
        <button type="button" disabled={!inFlight} onClick={() => sim.act({ do: 'duplicate', msgId: m.msgId })}>
          Duplicate
        </button>
      </div>
    </section>
  );
}
