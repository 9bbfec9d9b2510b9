/**
 * "Heard from a current leader recently": the one test behind the PreVote rule (dissertation
 * §9.6: a server grants a pre-vote only if it has not heard from a leader within an election
 * timeout) and the lease that makes CheckQuorum work (§4.2.3: a server that heard from a
 * current leader within the minimum election timeout ignores RequestVote). Times are ms of the
 * node's own clock.
 */
import type { NodeContext, PreVote, RequestVote } from './types';

/**
 * Whether the node, at `now`, believes a leader of its current term is alive: it is the leader
 * itself, or it accepted an AppendEntries from the leader of its term (`leaderId`, cleared on
 * any change of term) less than the minimum election timeout ago (`leaderContact`). A
 * precandidate or candidate knows no leader (its `leaderId` is null).
 */
export function heardFromLeader(ctx: NodeContext, now: number): boolean {
  if (ctx.leaderId === null) return false;
  if (ctx.leaderId === ctx.id) return true;
  return ctx.leaderContact !== null && now - ctx.leaderContact < ctx.config.electionTimeout[0];
}

/**
 * CheckQuorum's lease (§4.2.3), as etcd's raft applies it: with `checkQuorum` on, a server that
 * heard from a current leader within the minimum election timeout ignores a RequestVote or
 * PreVote of a higher term altogether: it neither adopts the term, nor grants, nor answers.
 * The election a leadership transfer starts (`transfer: true`, §3.10) is exempt. Requests of
 * the receiver's term or lower are answered as usual (a refusal, which tells a stale server the
 * current term).
 */
export function leaseIgnores(ctx: NodeContext, msg: RequestVote | PreVote, now: number): boolean {
  if (!ctx.config.extensions.checkQuorum || msg.term <= ctx.term) return false;
  if (msg.type === 'RequestVote' && msg.transfer === true) return false;
  return heardFromLeader(ctx, now);
}
