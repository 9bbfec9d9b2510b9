/**
 * CheckQuorum (dissertation §6.2, option `extensions.checkQuorum`): a leader that has not heard
 * from a majority of the cluster within an election timeout steps down, so a leader that can
 * send but no longer hear (or is cut off with a minority) does not keep the cluster stuck.
 *
 * The window is the MAXIMUM election timeout of the configured range: a leader steps down once
 * it has gone a whole maximum election timeout without a majority's contact, and so "within one
 * maximum election timeout" of losing it (rather than checking at fixed intervals, which could
 * take up to two). Contact is any AppendEntriesReply of the leader's term, success or not.
 * Times are ms of the node's own clock.
 */
import { UNCHANGED, type Outcome, type Stamp } from './handlers';
import { majorityOf } from './quorum';
import type { NodeContext, NodeId } from './types';

/** The CheckQuorum window and a transfer's time limit: the maximum election timeout, ms. */
export function maxElectionTimeout(ctx: NodeContext): number {
  return ctx.config.electionTimeout[1];
}

/**
 * Leaders: when (own clock, ms) the leader's contact with a majority runs out: a maximum
 * election timeout after the latest moment at which the followers it last heard from, with
 * itself, were a majority. A follower not heard from this term counts as heard from when the
 * leader was elected (its votes were contact). Infinity for a leader alone in its cluster
 * (a majority on its own) and for non-leaders.
 */
export function quorumDeadline(ctx: NodeContext): number {
  const leading = ctx.leading;
  if (leading === null) return Infinity;
  const others = majorityOf(ctx.peers.length + 1) - 1; // followers needed besides the leader
  if (others === 0) return Infinity;
  const since = leading.contactSince;
  const heard = ctx.peers.map((_, i) => leading.lastAck[i] ?? since).sort((a, b) => b - a);
  return heard[others - 1]! + maxElectionTimeout(ctx);
}

/**
 * Leaders, when CheckQuorum is switched on (the world's `watchQuorum`, at `at.now` on the
 * leader's clock): the window starts now. Replies were not recorded while it was off, so no
 * follower counts as heard from before this moment, and none counts against the leader either.
 */
export function watchQuorum(ctx: NodeContext, at: Stamp): Outcome {
  if (ctx.leading === null) return { patch: UNCHANGED, out: [] };
  return { patch: { leading: { ...ctx.leading, contactSince: at.now, lastAck: ctx.peers.map(() => null) } }, out: [] };
}

/** Leaders with checkQuorum on: whether at `now` the leader has not heard from a majority within the window. */
export function quorumLost(ctx: NodeContext, now: number): boolean {
  return ctx.config.extensions.checkQuorum && now >= quorumDeadline(ctx);
}

/**
 * For the world and the page: the servers a leader has heard from within the CheckQuorum window
 * ending at `now` (own clock, ms), itself first, then its followers in `peers` order; [] for
 * a server that is not leader. Only real contact counts (a vote at the election, a reply since):
 * a follower not heard from since `contactSince` is left out, though `quorumDeadline` gives it
 * until a window after that moment before it counts against the leader. Meaningful only while
 * checkQuorum is on (replies are not recorded otherwise).
 */
export function quorumContact(ctx: NodeContext, now: number): NodeId[] {
  const leading = ctx.leading;
  if (leading === null) return [];
  const window = maxElectionTimeout(ctx);
  const heard: NodeId[] = [ctx.id];
  ctx.peers.forEach((peer, i) => {
    const at = leading.lastAck[i] ?? null;
    if (at !== null && now - at < window) heard.push(peer);
  });
  return heard;
}
