/**
 * Every message in the network, with what it is, where it goes, its term and the time it
 * has left (or "held"), and the person's say over it: Deliver now, Drop or Duplicate. It is
 * also the keyboard's and screen readers' way to the messages drawn on the canvas.
 */
import { memo } from 'react';
import { useClock, useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import type { MessageView } from '../../worker/protocol';
import { messageName } from '../cluster/messageText';
import { MAX_IN_FLIGHT } from '../../sim/scenario/limits';
import { lostShort } from '../cluster/lostWords';
import './messages.css';

/** At most this many are listed (with Hold messages on, hundreds can pile up). */
const SHOWN = 150;

function TimeLeft({ m }: { m: MessageView }) {
  // Whole milliseconds, counted in steps that change at most ten times a second of real time.
  const step = useSim((s) => Math.max(1, Math.round(s.speed * 100)));
  const left = useClock((c) => (m.held ? null : Math.max(0, Math.ceil((m.arriveAt - c.t) / step) * step)));
  return <span className="flight-left">{left === null ? 'held' : `${left} ms left`}</span>;
}

const Flight = memo(function Flight({ m, selected }: { m: MessageView; selected: boolean }) {
  const lostId = `flight-lost-${m.key}`;
  return (
    <li className={m.held ? 'held' : undefined}>
      <button
        type="button"
        className={`flight msg-${m.variant}${m.lost ? ' msg-lost' : ''}`}
        aria-pressed={selected}
        aria-label={messageName(m)}
        onClick={() => ui.selectMessage(m)}
      >
        <span className="flight-kind">{m.type}</span>{' '}
        <span className="flight-route">
          {m.from}→{m.to}
        </span>{' '}
        <span className="flight-term">
          {m.type === 'PreVote' ? 'for term' : 'term'} {m.term}
        </span>{' '}
        <TimeLeft m={m} />
        {m.lost ? (
          <span className="flight-lost" id={lostId}>
            {' '}
            · {lostShort(m.lost)}, will be dropped
          </span>
        ) : null}
      </button>
      <span className="flight-actions">
        {/* A lost message cannot be saved: Deliver now would only drop it. */}
        <button
          type="button"
          disabled={m.lost !== null}
          aria-describedby={m.lost ? lostId : undefined}
          title={m.lost ? `Already ${lostShort(m.lost)}: it will be dropped` : undefined}
          onClick={() => sim.act({ do: 'deliverNow', msgId: m.msgId })}
        >
          Deliver now
        </button>
        <button type="button" onClick={() => sim.act({ do: 'drop', msgId: m.msgId })}>
          Drop
        </button>
        <button type="button" onClick={() => sim.act({ do: 'duplicate', msgId: m.msgId })}>
          Duplicate
        </button>
      </span>
    </li>
  );
});

export function InFlightList() {
  const messages = useSim((s) => s.messages);
  const count = useSim((s) => s.messageCount);
  const hold = useSim((s) => s.hold);
  const selected = useUi((s) => s.selectedMessage?.key ?? null);
  return (
    <section className="panel in-flight" aria-labelledby="in-flight-title">
      <h2 id="in-flight-title">
        Messages in flight ({count}){hold ? ' · holding' : ''}
      </h2>
      <ul aria-label="Messages in flight">
        {messages.slice(0, SHOWN).map((m) => (
          <Flight key={m.key} m={m} selected={selected === m.key} />
        ))}
      </ul>
      {count > SHOWN && (
        <p className="muted">
          The first {SHOWN} by arrival are listed; {count - SHOWN} more are in flight.
        </p>
      )}
      {count >= MAX_IN_FLIGHT && (
        <p className="network-full" role="note">
          The network is full ({MAX_IN_FLIGHT} messages): every new message is lost until some arrive
          {hold ? ' (let the held ones go)' : ''}.
        </p>
      )}
    </section>
  );
}
