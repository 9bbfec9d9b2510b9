import { useEffect, useMemo, useRef } from 'react';
import { useSim } from '../../store/simStore';
import { ui, useUi, type EventFilter } from '../../store/uiStore';
import type { EventLine } from '../../worker/protocol';

const GROUPS: Record<Exclude<EventFilter, 'all'>, readonly string[]> = {
  elections: ['timeout', 'timers', 'checkQuorum', 'transferLeadership', 'transferExpired', 'options'],
  messages: ['deliver', 'drop', 'missed'],
  faults: ['crash', 'restart', 'partition', 'heal', 'cut', 'restore', 'network', 'drop', 'clock'],
  client: ['write', 'clientAck', 'clientRetry'],
};

function matches(e: EventLine, filter: EventFilter, search: string): boolean {
  if (filter === 'elections') {
    if (!GROUPS.elections.includes(e.kind) && !/RequestVote|PreVote|TimeoutNow/.test(e.text)) return false;
  } else if (filter !== 'all' && !GROUPS[filter].includes(e.kind)) return false;
  return search === '' || e.text.toLowerCase().includes(search.toLowerCase());
}

let scrollPending = false;
let lastScroll = 0;

function scrollToEnd(el: HTMLElement | null): void {
  if (el === null || scrollPending) return;
  scrollPending = true;
  const wait = Math.max(0, 200 - (performance.now() - lastScroll));
  setTimeout(() => {
    scrollPending = false;
    lastScroll = performance.now();
    el.scrollTop = el.scrollHeight;
  }, wait);
}

/** Every event in plain words, newest last, filterable by kind and text. */
export function EventLog() {
  const events = useSim((s) => s.events);
  const filter = useUi((s) => s.eventFilter);
  const search = useUi((s) => s.eventSearch);
  const shown = useMemo(() => events.filter((e) => matches(e, filter, search)).slice(-200), [events, filter, search]);
  const list = useRef<HTMLOListElement>(null);
  // Keep the newest line in view, at most five times a second: reading the list's height forces
  // a layout of the page, which at full speed would otherwise happen on every frame.
  useEffect(() => scrollToEnd(list.current), [shown]);
  return (
    <section className="panel events" aria-labelledby="events-title">
      <div className="panel-head">
        <h2 id="events-title">Events</h2>
        <label>
          <span className="visually-hidden">Show</span>
          <select
            value={filter}
            onChange={(e) => ui.setEventFilter(e.target.value as EventFilter)}
            aria-label="Event kinds"
          >
            <option value="all">All</option>
            <option value="elections">Elections</option>
            <option value="messages">Messages</option>
            <option value="faults">Faults</option>
            <option value="client">Client</option>
          </select>
        </label>
        <input
          type="search"
          placeholder="Filter…"
          aria-label="Filter events"
          value={search}
          onChange={(e) => ui.setEventSearch(e.target.value)}
        />
      </div>
      <ol className="event-list" ref={list} aria-label="Event log">
        {shown.map((e) => (
          <li key={e.seq} className={`event event-${e.kind}`}>
            <span className="event-time">{(e.t / 1000).toFixed(3)}</span>
            <span className="event-text">{e.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
