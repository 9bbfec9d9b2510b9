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
import { applyEntries } from './stateMachine';
import {
  CLIENT,
  type AppendEntries,
  type AppendEntriesReply,
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

function newElectionDeadline(ctx: NodeContext, at: Stamp): number {
  return at.now + electionTimeout(ctx.config.electionTimeout, at.draw);
}

export function majorityOf(ctx: NodeContext): number {
  return Math.floor((ctx.peers.length + 1) / 2) + 1;
}

/** All servers: a message with a higher term makes the node adopt it and clear its vote. */
export function adoptTerm(term: number): Outcome {
  return { patch: { term, votedFor: null, leaderId: null, votes: [] }, out: [] };
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
    patch: { term, votedFor: ctx.id, votes: [ctx.id], leaderId: null, deadline: newElectionDeadline(ctx, at) },
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
  return { patch: { votedFor: msg.from, deadline: newElectionDeadline(ctx, at) }, out: [reply] };
}

/** A request from an older term is refused with the receiver's term; old replies are ignored. */
export function refuseStale(ctx: NodeContext, msg: Message): Outcome {
  if (msg.type === 'RequestVote') {
    return {
      patch: {},
      out: [{ type: 'RequestVoteReply', from: ctx.id, to: msg.from, term: ctx.term, voteGranted: false }],
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
    return { patch: { leaderId: msg.from, deadline }, out: [appendReply(ctx, msg, false, 0)] };
  }
  appendFromLeader(ctx.log, msg.prevLogIndex, msg.entries);
  const commitIndex = followerCommitIndex(ctx.commitIndex, msg.leaderCommit, msg.prevLogIndex, msg.entries.length);
  const reply = appendReply(ctx, msg, true, msg.prevLogIndex + msg.entries.length);
  if (commitIndex === ctx.commitIndex) return { patch: { leaderId: msg.from, deadline }, out: [reply] };
  applyEntries(ctx.log, ctx.lastApplied, commitIndex, ctx.kv as Record<string, string>, ctx.applied as never);
  return { patch: { leaderId: msg.from, deadline, commitIndex, lastApplied: commitIndex }, out: [reply] };
}

function appendEntriesTo(ctx: NodeContext, peer: NodeId, nextIndex: number): AppendEntries {
  const prevLogIndex = nextIndex - 1;
  return {
    type: 'AppendEntries',
    from: ctx.id,
    to: peer,
    term: ctx.term,
    prevLogIndex,
    prevLogTerm: termAt(ctx.log, prevLogIndex) ?? 0,
    entries: ctx.log.slice(prevLogIndex, prevLogIndex + ctx.config.maxBatch),
    leaderCommit: ctx.commitIndex,
  };
}

/** Upon election: nextIndex = last log index + 1, matchIndex = 0; announce with AppendEntries. */
export function becomeLeader(ctx: NodeContext, at: Stamp): Outcome {
  if (ctx.config.leaderNoop) ctx.log.push({ term: ctx.term, command: { op: 'noop' } });
  const next = lastLogIndex(ctx.log) + 1;
  const nextIndex: Record<NodeId, number> = {};
  const matchIndex: Record<NodeId, number> = {};
  for (const peer of ctx.peers) {
    nextIndex[peer] = ctx.config.leaderNoop ? next - 1 : next;
    matchIndex[peer] = 0;
  }
  const led = { ...ctx, nextIndex, matchIndex, leaderId: ctx.id };
  return {
    patch: { nextIndex, matchIndex, leaderId: ctx.id, deadline: at.now + ctx.config.heartbeatInterval },
    out: ctx.peers.map((peer) => appendEntriesTo(led, peer, nextIndex[peer]!)),
  };
}

/** Leaders: heartbeat every follower, carrying whatever it still lacks. */
export function heartbeat(ctx: NodeContext, at: Stamp): Outcome {
  return {
    patch: { deadline: at.now + ctx.config.heartbeatInterval },
    out: ctx.peers.map((peer) => appendEntriesTo(ctx, peer, ctx.nextIndex[peer]!)),
  };
}

/** A leader that steps down becomes a follower with a fresh election timer. */
export function stepDownFromLeader(ctx: NodeContext, at: Stamp): Outcome {
  return { patch: { nextIndex: {}, matchIndex: {}, deadline: newElectionDeadline(ctx, at) }, out: [] };
}

/** Leaders: advance commitIndex by the current-term rule, apply, and answer the clients. */
function commitAndApply(ctx: NodeContext, matchIndex: Readonly<Record<NodeId, number>>): Outcome {
  const commitIndex = leaderCommitIndex(
    ctx.log,
    ctx.commitIndex,
    ctx.term,
    ctx.peers.map((p) => matchIndex[p]!),
    ctx.peers.length + 1,
    ctx.config.rules.commitOldTermByCount,
  );
  if (commitIndex === ctx.commitIndex) return NOTHING;
  const applications = applyEntries(
    ctx.log,
    ctx.lastApplied,
    commitIndex,
    ctx.kv as Record<string, string>,
    ctx.applied as never,
  );
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

/**
 * Leaders, on an AppendEntries reply of the current term: on success record matchIndex
 * and nextIndex, commit what a majority holds, and send what the follower still lacks;
 * on failure step nextIndex back to the rejected prevLogIndex and retry.
 */
export function handleAppendReply(ctx: NodeContext, msg: AppendEntriesReply): Outcome {
  const peer = msg.from;
  const next = ctx.nextIndex[peer]!;
  const match = ctx.matchIndex[peer]!;
  if (!msg.success) {
    const retry = Math.max(match + 1, Math.min(next, msg.prevLogIndex));
    if (retry === next) return NOTHING; // a late or duplicated refusal: already handled
    const nextIndex = { ...ctx.nextIndex, [peer]: retry };
    return { patch: { nextIndex }, out: [appendEntriesTo(ctx, peer, retry)] };
  }
  if (msg.matchIndex <= match) return NOTHING; // nothing new: a late or duplicated reply
  const newMatch = Math.max(match, msg.matchIndex);
  const newNext = Math.max(next, newMatch + 1);
  const matchIndex = newMatch === match ? ctx.matchIndex : { ...ctx.matchIndex, [peer]: newMatch };
  const nextIndex = newNext === next ? ctx.nextIndex : { ...ctx.nextIndex, [peer]: newNext };
  const committed = commitAndApply(ctx, matchIndex);
  const out = [...committed.out];
  if (newNext <= lastLogIndex(ctx.log)) {
    out.push(appendEntriesTo({ ...ctx, ...committed.patch }, peer, newNext));
  }
  return { patch: { ...committed.patch, matchIndex, nextIndex }, out };
}

/**
 * Leaders, on a client write: a request id already applied is answered at once with
 * where it was committed; one already waiting in the uncommitted tail is not appended
 * again; a new one is appended and sent to every follower straight away.
 */
export function acceptClientWrite(ctx: NodeContext, msg: ClientRequest): Outcome {
  const command = msg.command;
  const first = ctx.applied[command.id];
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
  for (let i = ctx.log.length; i > ctx.commitIndex; i--) {
    const c = ctx.log[i - 1]!.command;
    if (c.op === 'set' && c.id === command.id) return NOTHING;
  }
  ctx.log.push({ term: ctx.term, command });
  const out: Message[] = [];
  for (const peer of ctx.peers) out.push(appendEntriesTo(ctx, peer, ctx.nextIndex[peer]!));
  // A one-node cluster commits on its own.
  const committed = ctx.peers.length === 0 ? commitAndApply(ctx, ctx.matchIndex) : NOTHING;
  return { patch: committed.patch, out: [...out, ...committed.out] };
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
