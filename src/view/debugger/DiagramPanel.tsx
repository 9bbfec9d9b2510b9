/**
 * The space-time diagram fed from the store: finished messages, the ones in flight (as
 * growing or held arrows), lane marks, the selected message and the "why" chain.
 */
import { useMemo, useState } from 'react';
import type { Explanation } from '../../debug/causality';
import type { TimeWindow } from './spaceTimeLayout';
import { useClock, useSim } from '../../store/simStore';
import { ui, useUi, type WhyTarget } from '../../store/uiStore';
import type { MessageTrack, MessageView } from '../../worker/protocol';
import { SpaceTimeDiagram } from './SpaceTimeDiagram';
import { flyingTrack, useExplanation } from './useExplanation';

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

/** The stretch of time a "why" chain covers. */
function stretchOf(chain: Explanation, tracks: readonly MessageTrack[]): TimeWindow | null {
  const times: number[] = chain.marks.map((m) => m.t);
  for (const t of tracks) {
    if (!chain.tracks.has(t.key)) continue;
    times.push(t.sentAt);
    if (Number.isFinite(t.endAt)) times.push(t.endAt);
  }
  return times.length === 0 ? null : { t0: Math.min(...times), t1: Math.max(...times) };
}

export function DiagramPanel() {
  const ids = useSim((s) => s.ids);
  const done = useSim((s) => s.tracks);
  const messages = useSim((s) => s.messages);
  const marks = useSim((s) => s.marks);
  // Five redraws a second at most while running (steps of 200 ms of real time, and of at least two
  // virtual milliseconds): the canvas above moves smoothly, the diagram is for reading.
  const running = useSim((s) => s.running);
  const quantum = useSim((s) => Math.max(2, s.speed * 200));
  const now = useClock((c) => (running ? Math.floor(c.t / quantum) * quantum : c.t));
  const selectedKey = useUi((s) => s.selectedMessage?.key ?? null);
  const asked = useExplanation();
  const tracks = useMemo(() => [...done, ...messages.map(flyingTrack)], [done, messages]);
  // A new "why" question brings its chain's stretch of time into view, once.
  const why = useUi((s) => s.why);
  const [reveal, setReveal] = useState<{ why: WhyTarget | null; window: TimeWindow | null }>({
    why: null,
    window: null,
  });
  if (why !== reveal.why) setReveal({ why, window: asked === null ? null : stretchOf(asked.explanation, tracks) });
  return (
    <SpaceTimeDiagram
      ids={ids}
      tracks={tracks}
      marks={marks}
      now={now}
      selectedKey={selectedKey}
      highlight={asked?.explanation.tracks ?? NONE}
      highlightMarks={asked?.explanation.marks ?? []}
      reveal={reveal.window}
      onSelect={(t) => {
        const live = messages.find((m) => m.key === t.key);
        ui.selectMessage(live ?? asView(t));
      }}
    />
  );
}
