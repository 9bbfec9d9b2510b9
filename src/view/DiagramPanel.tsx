/**
 * The space-time diagram fed from the store: finished messages, the ones in flight (as
 * growing or held arrows), lane marks, the selected message and the "why" chain.
 */
import { useMemo } from 'react';
import { useClock, useSim } from '../store/simStore';
import { ui, useUi } from '../store/uiStore';
import type { MessageTrack, MessageView } from '../worker/protocol';
import { SpaceTimeDiagram } from './SpaceTimeDiagram';
import { useExplanation } from './useExplanation';

function flying(m: MessageView): MessageTrack {
  return {
    key: m.key,
    msgId: m.msgId,
    type: m.type,
    variant: m.variant,
    from: m.from,
    to: m.to,
    term: m.term,
    sentAt: m.sentAt,
    endAt: m.arriveAt,
    outcome: m.held ? 'held' : 'flying',
    dropReason: m.lost,
    summary: m.summary,
    detail: m.detail,
  };
}

/** A finished message, shown in the Message panel as the in-flight ones are. */
function asView(t: MessageTrack): MessageView {
  const fields: Record<string, string | number | boolean> = { term: t.term };
  for (const [k, v] of Object.entries(t.detail)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
    else if (Array.isArray(v)) fields[k] = v.map((e: { term: number }) => e.term).join(', ') || 'none';
  }
  return {
    key: t.key,
    msgId: t.msgId,
    type: t.type,
    variant: t.variant,
    from: t.from,
    to: t.to,
    term: t.term,
    sentAt: t.sentAt,
    arriveAt: t.endAt,
    held: t.outcome === 'held',
    lost: t.outcome === 'dropped' ? (t.dropReason ?? 'dropped') : null,
    summary: t.summary,
    fields,
    detail: t.detail,
  };
}

const NONE: ReadonlySet<string> = new Set();

export function DiagramPanel() {
  const ids = useSim((s) => s.ids);
  const done = useSim((s) => s.tracks);
  const messages = useSim((s) => s.messages);
  const marks = useSim((s) => s.marks);
  // Twenty redraws a second at most while running: the diagram moves in steps of 50 ms of real time.
  const running = useSim((s) => s.running);
  const quantum = useSim((s) => s.speed * 50);
  const now = useClock((c) => (running ? Math.floor(c.t / quantum) * quantum : c.t));
  const selectedKey = useUi((s) => s.selectedMessage?.key ?? null);
  const asked = useExplanation();
  const tracks = useMemo(() => [...done, ...messages.map(flying)], [done, messages]);
  return (
    <SpaceTimeDiagram
      ids={ids}
      tracks={tracks}
      marks={marks}
      now={now}
      selectedKey={selectedKey}
      highlight={asked?.explanation.tracks ?? NONE}
      highlightMarks={asked?.explanation.marks ?? []}
      onSelect={(t) => {
        const live = messages.find((m) => m.key === t.key);
        ui.selectMessage(live ?? asView(t));
      }}
    />
  );
}
