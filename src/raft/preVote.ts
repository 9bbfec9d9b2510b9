/**
 * PreVote (dissertation §9.6, option `extensions.preVote`): before it raises its term, a server
 * whose election timer fired asks the others whether they would vote for it. Only with a
 * majority of pre-votes does it become a candidate. A server cut off from the majority so never
 * raises its term, and cannot depose a healthy leader when it comes back.
 *
 * Pure functions of the node's context and the event, as in handlers.ts: each returns the
 * fields that change and the messages to send. Times are ms of the node's own clock.
 */
import { newElectionDeadline, UNCHANGED, type Outcome, type Stamp } from './handlers';
import { heardFromLeader, leaseIgnores } from './lease';
import { isAtLeastAsUpToDate, lastLogIndex, lastLogTerm } from './logRules';
import type { NodeContext, PreVote, PreVoteReply } from './types';

const NOTHING: Outcome = { patch: UNCHANGED, out: [] };

/**
 * Precandidates (§9.6): keep the term and the vote, count the node's own pre-vote, forget any
 * leader, reset the election timer (with the event's draw, as a candidate would) and send
 * every peer a PreVote for the term it would campaign in (its term + 1), with its last log
 * index and term.
 */
export function startPreVote(ctx: NodeContext, at: Stamp): Outcome {
  const term = ctx.term + 1;
  const lastIndex = lastLogIndex(ctx.log);
  const lastTerm = lastLogTerm(ctx.log);
  const out: PreVote[] = ctx.peers.map((to) => ({
    type: 'PreVote',
    from: ctx.id,
    to,
    term,
    lastLogIndex: lastIndex,
    lastLogTerm: lastTerm,
  }));
  return { patch: { votes: [ctx.id], leaderId: null, deadline: newElectionDeadline(ctx, at) }, out };
}

/**
 * Whether this server would grant `msg` at `now` (§9.6; the rule of etcd's raft, which the
 * dissertation's prose leaves open for equal terms). All three must hold:
 * - the proposed term is later than the receiver's; or it equals the receiver's term and the
 *   receiver could still vote in it (it voted for no one and knows no leader, or voted for this
 *   very server): exactly when a RequestVote of that term would be granted. A proposed term
 *   below the receiver's is refused (the refusal tells the sender the receiver's term);
 * - the receiver has not heard from a current leader within the minimum election timeout (a
 *   leader refuses: it is one);
 * - the sender's log is at least as up-to-date (§5.4.1; skipped with the teaching switch
 *   `skipUpToDateCheck`, as for votes).
 */
export function grantsPreVote(ctx: NodeContext, msg: PreVote, now: number): boolean {
  if (msg.term < ctx.term) return false;
  const canVote = msg.term > ctx.term || ctx.votedFor === msg.from || (ctx.votedFor === null && ctx.leaderId === null);
  if (!canVote || heardFromLeader(ctx, now)) return false;
  return (
    ctx.config.rules.skipUpToDateCheck ||
    isAtLeastAsUpToDate(msg.lastLogTerm, msg.lastLogIndex, lastLogTerm(ctx.log), lastLogIndex(ctx.log))
  );
}

/**
 * PreVote receiver, in any role (§9.6): never changes its term, vote or timer. It answers with
 * the proposed term if it grants, and with its own term if it refuses. With checkQuorum, a
 * server holding a leader's lease ignores a PreVote of a higher term altogether (§4.2.3).
 */
export function answerPreVote(ctx: NodeContext, msg: PreVote, at: Stamp): Outcome {
  if (leaseIgnores(ctx, msg, at.now)) return NOTHING;
  const granted = grantsPreVote(ctx, msg, at.now);
  const reply: PreVoteReply = {
    type: 'PreVoteReply',
    from: ctx.id,
    to: msg.from,
    term: granted ? msg.term : ctx.term,
    voteGranted: granted,
  };
  return { patch: UNCHANGED, out: [reply] };
}

/**
 * Whether a PreVoteReply is a pre-vote for the precandidate's current round: granted, for the
 * term it proposes (its term + 1). Anything else is stale or a refusal.
 */
export function isPreVoteForMe(ctx: NodeContext, msg: PreVoteReply): boolean {
  return msg.voteGranted && msg.term === ctx.term + 1;
}

/** Precandidates: count a granted pre-vote for the proposed term, once per server. */
export function countPreVote(ctx: NodeContext, msg: PreVoteReply): Outcome {
  if (!isPreVoteForMe(ctx, msg) || ctx.votes.includes(msg.from)) return NOTHING;
  return { patch: { votes: [...ctx.votes, msg.from] }, out: [] };
}

/**
 * Any role: a refused pre-vote that carries a later term than the node's tells it it is behind:
 * it adopts that term and becomes a follower (Figure 2, All Servers). A granted one carries the
 * proposed term, which the precandidate must not adopt (it would be raising its term on its own).
 */
export function isRefusalOfLaterTerm(ctx: NodeContext, msg: PreVoteReply): boolean {
  return !msg.voteGranted && msg.term > ctx.term;
}
