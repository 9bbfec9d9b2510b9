/**
 * The "why" chain for what the person selected (a log entry or a vote), computed from the
 * recorded message tracks and lane marks up to the current moment. Shared by the Why panel
 * and the space-time diagram's highlighting.
 */
import { useMemo } from 'react';
import { explainEntry, explainVote, type Explanation } from '../../debug/causality';
import { useClock, useSim, type SimView } from '../../store/simStore';
import { useUi, type WhyTarget } from '../../store/uiStore';
import type { MessageTrack, MessageView } from '../../worker/protocol';

/** A message in flight as a track still on its way (or held). */
export function flyingTrack(m: MessageView): MessageTrack {
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

export interface Asked {
  readonly title: string;
  readonly explanation: Explanation;
}

export function useExplanation(): Asked | null {
  const why = useUi((s) => s.why);
  const done = useSim((s) => s.tracks);
  const messages = useSim((s) => s.messages);
  const tracks = useMemo(() => [...done, ...messages.map(flyingTrack)], [done, messages]);
  const marks = useSim((s) => s.marks);
  const nodes = useSim((s) => s.nodes);
  const ids = useSim((s) => s.ids);
  // Recomputed when the records change, not on every clock tick (`now` is read from the clock then).
  return useMemo(
    () => (why === null ? null : explain(why, { tracks, marks, nodes, ids })),
    [why, tracks, marks, nodes, ids],
  );
}

function explain(
  w: WhyTarget,
  { tracks, marks, nodes, ids }: Pick<SimView, 'tracks' | 'marks' | 'nodes' | 'ids'>,
): Asked | null {
  // The moment on the page's clock (read, not subscribed: records change whenever time moves on).
  const now = useClock.getState().t;
  const clusterSize = ids.length;
  if (w.kind === 'entry') {
    const n = nodes[w.node];
    const e = n?.log[w.index - 1];
    if (!n || !e) return null;
    const committed = w.index <= n.commitIndex;
    return {
      title: `Why ${w.node} has ${e.label} at index ${w.index} (term ${e.term})${committed ? ', committed' : ''}`,
      explanation: explainEntry(tracks, marks, {
        node: w.node,
        index: w.index,
        term: e.term,
        writeId: e.id,
        now,
        committed,
        clusterSize,
      }),
    };
  }
  const n = nodes[w.voter];
  if (!n || n.votedFor === null) return null;
  return {
    title: `Why ${w.voter} voted for ${n.votedFor} in term ${n.term}`,
    explanation: explainVote(tracks, marks, {
      voter: w.voter,
      candidate: n.votedFor,
      term: n.term,
      now,
      clusterSize,
    }),
  };
}
