/**
 * Leadership transfer (dissertation §3.10): a leader hands leadership to another server. It
 * stops taking client writes, brings the target's log up to date, and sends it TimeoutNow; the
 * target then starts an election at once (skipping PreVote) and, its log being complete, wins
 * the next term. If the transfer has not completed within a (maximum) election timeout, the
 * leader gives up on it and takes writes again.
 *
 * Pure functions of the leader's context and the event, as in handlers.ts. Times are ms of
 * the node's own clock.
 */
import { maxElectionTimeout } from './checkQuorum';
import { handleAppendReply, heartbeat, redirectTo, sendAppends, UNCHANGED, type Outcome, type Stamp } from './handlers';
import { leaderDeadline } from './leaderTimer';
import { lastLogIndex } from './logRules';
import { type AppendEntriesReply, type ClientRequest, type NodeContext, type NodeId, type TimeoutNow } from './types';

const NOTHING: Outcome = { patch: UNCHANGED, out: [] };

/** For the world and the page: the server a leader is handing leadership to, or null. */
export function transferTarget(ctx: NodeContext): NodeId | null {
  return ctx.leading?.transfer?.to ?? null;
}

function timeoutNow(ctx: NodeContext, to: NodeId): TimeoutNow {
  return { type: 'TimeoutNow', from: ctx.id, to, term: ctx.term };
}

/**
 * Leaders, asked to hand leadership to `to` at `at.now`: ignored for itself, for a server not
 * among its peers, and while any transfer is in progress: one at a time, since a TimeoutNow
 * already sent cannot be called back, and two targets would start two elections of one term
 * and split the vote. The transfer lasts until `now` + the maximum election timeout. If the
 * target's log is known complete (matchIndex = last log index) it is sent TimeoutNow at once;
 * otherwise it is sent what it lacks now if no request to it is outstanding (else the answer to
 * that request brings the rest, as for any follower).
 */
export function startTransfer(ctx: NodeContext, to: NodeId, at: Stamp): Outcome {
  const peer = ctx.peers.indexOf(to);
  if (peer < 0 || ctx.leading === null || ctx.leading.transfer !== null) return NOTHING;
  const leading = { ...ctx.leading, transfer: { to, deadline: at.now + maxElectionTimeout(ctx) } };
  const moving: NodeContext = { ...ctx, leading };
  if (ctx.matchIndex[peer] === lastLogIndex(ctx.log)) {
    return { patch: { leading, deadline: leaderDeadline(moving, ctx.heartbeatDue) }, out: [timeoutNow(ctx, to)] };
  }
  if (ctx.awaiting[peer] !== null) {
    return { patch: { leading, deadline: leaderDeadline(moving, ctx.heartbeatDue) }, out: [] };
  }
  const sent = sendAppends(moving, [peer], at);
  return { patch: { leading, ...sent.patch }, out: sent.out };
}

/**
 * Leaders, on an AppendEntriesReply of their term: Figure 2's handling (`handleAppendReply`),
 * and, during a transfer, TimeoutNow to the target on the reply that makes its log complete
 * (its matchIndex reaches the leader's last log index; the leader appends nothing meanwhile,
 * so that happens once per transfer).
 */
export function handleAppendReplyInTransfer(ctx: NodeContext, msg: AppendEntriesReply, at: Stamp): Outcome {
  const done = handleAppendReply(ctx, msg, at);
  const transfer = ctx.leading?.transfer ?? null;
  if (transfer === null || msg.from !== transfer.to) return done;
  const peer = ctx.peers.indexOf(msg.from);
  const last = lastLogIndex(ctx.log);
  const before = ctx.matchIndex[peer]!;
  const after = (done.patch.matchIndex ?? ctx.matchIndex)[peer]!;
  if (before === last || after !== last) return done;
  return { patch: done.patch, out: [...done.out, timeoutNow(ctx, msg.from)] };
}

/**
 * Leaders, when their timer fires at `at.now`: a transfer whose deadline has come is dropped
 * (writes resume), then the heartbeat of Figure 2. The deadline is always recomputed, as the
 * timer may have fired for the transfer or the quorum check rather than for a heartbeat.
 * With no transfer and checkQuorum off this is exactly `heartbeat`.
 */
export function leaderTick(ctx: NodeContext, at: Stamp): Outcome {
  const leading = ctx.leading;
  const expired = leading !== null && leading.transfer !== null && at.now >= leading.transfer.deadline;
  const current: NodeContext = expired ? { ...ctx, leading: { ...leading, transfer: null } } : ctx;
  const beat = heartbeat(current, at);
  const patch: Partial<NodeContext> = expired ? { leading: current.leading, ...beat.patch } : beat.patch;
  if (patch.deadline !== undefined) return { patch, out: beat.out };
  return { patch: { ...patch, deadline: leaderDeadline(current, current.heartbeatDue) }, out: beat.out };
}

/** Leaders during a transfer: a client request is redirected to the transfer's target (§3.10). */
export function redirectToTarget(ctx: NodeContext, msg: ClientRequest): Outcome {
  return redirectTo(ctx, msg, transferTarget(ctx));
}
