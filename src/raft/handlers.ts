/**
 * What a node does for each event, as pure functions of its context and the event:
 * each returns the fields of the context that change and the messages to send.
 * The XState machine in nodeMachine.ts decides *which* handler runs in which role;
 * these decide *what* it does, in the words of the paper's Figure 2.
 *
 * The log, `kv` and `applied` are the node's own stores and are changed in place
 * (only ever at the log's tail); every other field is replaced.
 */
import {
  appendFromLeader,
  electionTimeout,
  followerCommitIndex,
  isAtLeastAsUpToDate,
  lastLogIndex,
  lastLogTerm,
  leaderCommitIndex,
  matchesPrev,
  termAt,
} from './logRules';
import { layeredGet } from './layeredRecord';
import { applyEntries } from './stateMachine';
import {
  CLIENT,
  type AppendEntries,
  type AppendEntriesReply,
  type Entry,
  type ClientRequest,
  type Message,
  type NodeContext,
  type NodeId,
  type RequestVote,
  type RequestVoteReply,
} from './types';

export interface Outcome {
  readonly patch: Partial<NodeContext>;
  readonly out: readonly Message[];
}

interface Stamp {
  readonly now: number;
  readonly draw: number;
}

const NOTHING: Outcome = { patch: {}, out: [] };
const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

function newElectionDeadline(ctx: NodeContext, at: Stamp): number {
  return at.now + electionTimeout(ctx.config.electionTimeout, at.draw);
}

export function majorityOf(ctx: NodeContext): number {
  return Math.floor((ctx.peers.length + 1) / 2) + 1;
}

/** All servers: a message with a higher term makes the node adopt it and clear its vote. */
export function adoptTerm(term: number): Outcome {
  return {
    patch: { term, votedFor: null, leaderId: null, votes: [] },
    out: [],
  };
}

/** Candidates: increment currentTerm, vote for self, reset the election timer, ask everyone. */
export function startElection(ctx: NodeContext, at: Stamp): Outcome {
  const term = ctx.term + 1;
  const lastIndex = lastLogIndex(ctx.log);
  const lastTerm = lastLogTerm(ctx.log);
  const out: RequestVote[] = ctx.peers.map((to) => ({
    type: 'RequestVote',
    from: ctx.id,
    to,
    term,
    lastLogIndex: lastIndex,
    lastLogTerm: lastTerm,
  }));
  return {
    patch: {
      term,
      votedFor: ctx.id,
      votes: [ctx.id],
      leaderId: null,
      deadline: newElectionDeadline(ctx, at),
    },
    out,
  };
}

/** RequestVote receiver, for a request of the node's own term (after any term adoption). */
export function answerVote(ctx: NodeContext, msg: RequestVote, at: Stamp): Outcome {
  const free = ctx.votedFor === null || ctx.votedFor === msg.from;
  const upToDate =
    ctx.config.rules.skipUpToDateCheck ||
    isAtLeastAsUpToDate(msg.lastLogTerm, msg.lastLogIndex, lastLogTerm(ctx.log), lastLogIndex(ctx.log));
  const granted = free && upToDate;
  const reply: RequestVoteReply = {
    type: 'RequestVoteReply',
    from: ctx.id,
    to: msg.from,
    term: ctx.term,
    voteGranted: granted,
  };
  if (!granted) return { patch: {}, out: [reply] };
  return {
    patch: { votedFor: msg.from, deadline: newElectionDeadline(ctx, at) },
    out: [reply],
  };
}

/** A request from an older term is refused with the receiver's term; old replies are ignored. */
export function refuseStale(ctx: NodeContext, msg: Message): Outcome {
  if (msg.type === 'RequestVote') {
    return {
      patch: {},
      out: [
        {
          type: 'RequestVoteReply',
          from: ctx.id,
          to: msg.from,
          term: ctx.term,
          voteGranted: false,
        },
      ],
    };
  }
  if (msg.type === 'AppendEntries') {
    return { patch: {}, out: [appendReply(ctx, msg, false, 0)] };
  }
  return NOTHING;
}

/** Candidates: count a granted vote of the current term. */
export function countVote(ctx: NodeContext, msg: RequestVoteReply): Outcome {
  if (!msg.voteGranted || ctx.votes.includes(msg.from)) return NOTHING;
  return { patch: { votes: [...ctx.votes, msg.from] }, out: [] };
}

export function hasMajority(ctx: NodeContext): boolean {
  return ctx.votes.length >= majorityOf(ctx);
}

function appendReply(ctx: NodeContext, msg: AppendEntries, success: boolean, matchIndex: number): AppendEntriesReply {
  return {
    type: 'AppendEntriesReply',
    from: ctx.id,
    to: msg.from,
    term: ctx.term,
    success,
    prevLogIndex: msg.prevLogIndex,
    matchIndex,
  };
}

/** AppendEntries receiver, for a request of the node's own term from its leader. */
export function acceptAppend(ctx: NodeContext, msg: AppendEntries, at: Stamp): Outcome {
  const deadline = newElectionDeadline(ctx, at);
  if (!matchesPrev(ctx.log, msg.prevLogIndex, msg.prevLogTerm)) {
    return {
      patch: { leaderId: msg.from, deadline },
      out: [appendReply(ctx, msg, false, 0)],
    };
  }
  appendFromLeader(ctx.log, msg.prevLogIndex, msg.entries);
  const commitIndex = followerCommitIndex(ctx.commitIndex, msg.leaderCommit, msg.prevLogIndex, msg.entries.length);
  const reply = appendReply(ctx, msg, true, msg.prevLogIndex + msg.entries.length);
  if (commitIndex === ctx.commitIndex) return { patch: { leaderId: msg.from, deadline }, out: [reply] };
  applyEntries(ctx.log, ctx.lastApplied, commitIndex, ctx.kv, ctx.applied);
  return {
    patch: {
      leaderId: msg.from,
      deadline,
      commitIndex,
      lastApplied: commitIndex,
    },
    out: [reply],
  };
}

function appendEntriesTo(ctx: NodeContext, peer: NodeId, nextIndex: number, commitIndex: number): AppendEntries {
  const prevLogIndex = nextIndex - 1;
  return {
    type: 'AppendEntries',
    from: ctx.id,
    to: peer,
    term: ctx.term,
    prevLogIndex,
    prevLogTerm: termAt(ctx.log, prevLogIndex) ?? 0,
    entries:
      prevLogIndex >= ctx.log.length ? NO_ENTRIES : ctx.log.slice(prevLogIndex, prevLogIndex + ctx.config.maxBatch),
    leaderCommit: commitIndex,
  };
}

/**
 * Leaders: AppendEntries to the followers at positions `targets` (in `peers` order), and
 * the bookkeeping that sending changes: each has a request outstanding, and its next
 * heartbeat is one interval from now. Any AppendEntries is a heartbeat, so followers
 * that just got one are not sent another (Figure 2: "repeat during idle periods").
 */
function sendAppends(
  ctx: NodeContext,
  targets: readonly number[],
  at: Stamp,
  nextIndex: readonly number[] = ctx.nextIndex,
  commitIndex: number = ctx.commitIndex,
): { out: AppendEntries[]; patch: Partial<NodeContext> } {
  const out: AppendEntries[] = [];
  if (targets.length === 0) return { out, patch: {} };
  const awaiting = ctx.awaiting.slice();
  const heartbeatDue = ctx.heartbeatDue.slice();
  const due = at.now + ctx.config.heartbeatInterval;
  for (const i of targets) {
    out.push(appendEntriesTo(ctx, ctx.peers[i]!, nextIndex[i]!, commitIndex));
    awaiting[i] = true;
    heartbeatDue[i] = due;
  }
  return {
    out,
    patch: { awaiting, heartbeatDue, deadline: Math.min(...heartbeatDue) },
  };
}

function allPeers(ctx: NodeContext): number[] {
  return ctx.peers.map((_, i) => i);
}

/** Upon election: nextIndex = last log index + 1, matchIndex = 0; announce with AppendEntries. */
export function becomeLeader(ctx: NodeContext, at: Stamp): Outcome {
  const next = lastLogIndex(ctx.log) + 1;
  if (ctx.config.leaderNoop) ctx.log.push({ term: ctx.term, command: { op: 'noop' } });
  const led: NodeContext = {
    ...ctx,
    leaderId: ctx.id,
    nextIndex: ctx.peers.map(() => next),
    matchIndex: ctx.peers.map(() => 0),
    awaiting: ctx.peers.map(() => false),
    heartbeatDue: ctx.peers.map(() => at.now),
  };
  const sent = sendAppends(led, allPeers(led), at);
  const patch: Partial<NodeContext> = {
    leaderId: led.leaderId,
    nextIndex: led.nextIndex,
    matchIndex: led.matchIndex,
    ...sent.patch,
  };
  if (ctx.peers.length === 0) return { patch: { ...patch, deadline: Infinity }, out: [] };
  return { patch, out: sent.out };
}

/** Leaders: heartbeat the followers that have heard nothing for about an interval, carrying what they lack. */
export function heartbeat(ctx: NodeContext, at: Stamp): Outcome {
  // Followers due within the next half interval are sent theirs now too, so that heartbeats
  // stay together instead of drifting into one wake-up per follower.
  const soon = at.now + ctx.config.heartbeatInterval / 2;
  const due = allPeers(ctx).filter((i) => ctx.heartbeatDue[i]! <= soon);
  return sendAppends(ctx, due, at);
}

/** A leader that steps down becomes a follower with a fresh election timer. */
export function stepDownFromLeader(ctx: NodeContext, at: Stamp): Outcome {
  return {
    patch: {
      nextIndex: [],
      matchIndex: [],
      awaiting: [],
      heartbeatDue: [],
      deadline: newElectionDeadline(ctx, at),
    },
    out: [],
  };
}

/** Leaders: advance commitIndex by the current-term rule, apply, and answer the clients. */
function commitAndApply(ctx: NodeContext, matchIndex: readonly number[]): Outcome {
  const commitIndex = leaderCommitIndex(
    ctx.log,
    ctx.commitIndex,
    ctx.term,
    matchIndex,
    ctx.peers.length + 1,
    ctx.config.rules.commitOldTermByCount,
  );
  if (commitIndex === ctx.commitIndex) return NOTHING;
  const applications = applyEntries(ctx.log, ctx.lastApplied, commitIndex, ctx.kv, ctx.applied);
  return {
    patch: { commitIndex, lastApplied: commitIndex },
    out: applications.map((a) => ({
      type: 'ClientReply',
      from: ctx.id,
      to: CLIENT,
      term: ctx.term,
      id: a.id,
      index: a.first.index,
      entryTerm: a.first.term,
    })),
  };
}

function replaced<T>(values: readonly T[], i: number, value: T): readonly T[] {
  if (values[i] === value) return values;
  const copy = values.slice();
  copy[i] = value;
  return copy;
}

/**
 * Leaders, on an AppendEntries reply of the current term: on success record matchIndex
 * and nextIndex, commit what a majority holds, and send what the follower still lacks;
 * on failure step nextIndex back to the rejected prevLogIndex and retry.
 */
export function handleAppendReply(ctx: NodeContext, msg: AppendEntriesReply, at: Stamp): Outcome {
  const peer = ctx.peers.indexOf(msg.from);
  if (peer < 0) return NOTHING;
  const next = ctx.nextIndex[peer]!;
  const match = ctx.matchIndex[peer]!;
  const idle = { awaiting: replaced(ctx.awaiting, peer, false) };
  if (!msg.success) {
    const retry = Math.max(match + 1, Math.min(next, msg.prevLogIndex));
    if (retry === next) return { patch: idle, out: [] }; // a late or duplicated refusal
    const nextIndex = replaced(ctx.nextIndex, peer, retry);
    const sent = sendAppends(ctx, [peer], at, nextIndex);
    return { patch: { nextIndex, ...sent.patch }, out: sent.out };
  }
  if (msg.matchIndex <= match) {
    // Nothing new (a heartbeat's answer, or a late or duplicated reply): send what is missing.
    if (next > lastLogIndex(ctx.log)) return { patch: idle, out: [] };
    const sent = sendAppends(ctx, [peer], at);
    return { patch: sent.patch, out: sent.out };
  }
  const newNext = Math.max(next, msg.matchIndex + 1);
  const matchIndex = replaced(ctx.matchIndex, peer, msg.matchIndex);
  const nextIndex = replaced(ctx.nextIndex, peer, newNext);
  const committed = commitAndApply(ctx, matchIndex);
  const base = { ...committed.patch, matchIndex, nextIndex };
  if (newNext > lastLogIndex(ctx.log)) return { patch: { ...base, ...idle }, out: committed.out };
  const sent = sendAppends(ctx, [peer], at, nextIndex, committed.patch.commitIndex ?? ctx.commitIndex);
  return {
    patch: { ...base, ...sent.patch },
    out: [...committed.out, ...sent.out],
  };
}

/**
 * Leaders, on a client write: a request id already applied is answered at once with
 * where it was committed; one already waiting in this term's uncommitted tail is not
 * appended again; a new one is appended and sent at once to every follower with no request
 * outstanding (the others get it with their next reply or heartbeat).
 */
export function acceptClientWrite(ctx: NodeContext, msg: ClientRequest, at: Stamp): Outcome {
  const command = msg.command;
  const first = layeredGet(ctx.applied, command.id);
  if (first !== undefined) {
    return {
      patch: {},
      out: [
        {
          type: 'ClientReply',
          from: ctx.id,
          to: CLIENT,
          term: ctx.term,
          id: command.id,
          index: first.index,
          entryTerm: first.term,
        },
      ],
    };
  }
  // Already in the uncommitted tail in this term: it will be answered when it commits. A copy
  // from an earlier term is not enough: this leader cannot commit it until an entry of its own
  // term is replicated (Figure 8), so it appends the write again; it is applied only once.
  for (let i = ctx.log.length; i > ctx.commitIndex; i--) {
    const entry = ctx.log[i - 1]!;
    if (entry.term !== ctx.term) break;
    if (entry.command.op === 'set' && entry.command.id === command.id) return NOTHING;
  }
  ctx.log.push({ term: ctx.term, command });
  // A one-node cluster commits on its own.
  if (ctx.peers.length === 0) return commitAndApply(ctx, ctx.matchIndex);
  const idle = allPeers(ctx).filter((i) => !ctx.awaiting[i]);
  const sent = sendAppends(ctx, idle, at);
  return { patch: sent.patch, out: sent.out };
}

/** Followers and candidates: tell the client who the leader is, if they know. */
export function redirectClient(ctx: NodeContext, msg: ClientRequest): Outcome {
  return {
    patch: {},
    out: [
      {
        type: 'ClientRedirect',
        from: ctx.id,
        to: CLIENT,
        term: ctx.term,
        id: msg.command.id,
        leaderHint: ctx.leaderId,
      },
    ],
  };
}
