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
import { layeredGet } from '../util/layeredRecord';
import { leaderDeadline } from './leaderTimer';
import { isMajority } from './quorum';
import { applyEntries } from './stateMachine';
import {
  CLIENT,
  type AppendEntries,
  type AppendEntriesReply,
  type Command,
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

/** What every event brings: the time on the node's own clock (ms) and a uniform draw in [0, 1). */
export interface Stamp {
  readonly now: number;
  readonly draw: number;
}

/**
 * The patch of an outcome that changes nothing. Handlers return this very object, so that
 * the machine can tell a change from none without looking inside (see `perform`). Handlers
 * never change a patch once made. It is deliberately not frozen: handlers spread patches
 * (`{ ...committed.patch, matchIndex, nextIndex }` on every AppendEntriesReply), and with
 * this object frozen `npm run bench` ran about 9% slower (measured, issue 13; V8's handling
 * of object spread is sensitive to the source objects' shapes).
 */
export const UNCHANGED: Partial<NodeContext> = {};

const NOTHING: Outcome = { patch: UNCHANGED, out: [] };
const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/** A fresh randomized election deadline (own clock ms): `now` plus a timeout drawn with the event's draw (§5.2). */
export function newElectionDeadline(ctx: NodeContext, at: Stamp): number {
  return at.now + electionTimeout(ctx.config.electionTimeout, at.draw);
}

/**
 * A new log entry, frozen with its command: entries are never changed once made, so logs,
 * messages and the safety checker can share them (§5.3: an entry is its index, term and command).
 */
export function newEntry(term: number, command: Command): Entry {
  return Object.freeze({ term, command: Object.freeze({ ...command }) });
}

/** All servers: a message with a higher term makes the node adopt it and clear its vote. */
export function adoptTerm(term: number): Outcome {
  return {
    patch: { term, votedFor: null, leaderId: null, votes: [] },
    out: [],
  };
}

/**
 * Candidates: increment currentTerm, vote for self, reset the election timer, ask everyone.
 * The election a leadership transfer starts (`transfer`, on TimeoutNow, §3.10) marks its
 * RequestVotes `transfer: true`, so that servers holding a leader's lease answer them (§4.2.3);
 * the mark is absent otherwise.
 */
export function startElection(ctx: NodeContext, at: Stamp, transfer = false): Outcome {
  const term = ctx.term + 1;
  const lastIndex = lastLogIndex(ctx.log);
  const lastTerm = lastLogTerm(ctx.log);
  const out: RequestVote[] = ctx.peers.map((to) =>
    transfer
      ? { type: 'RequestVote', from: ctx.id, to, term, lastLogIndex: lastIndex, lastLogTerm: lastTerm, transfer }
      : { type: 'RequestVote', from: ctx.id, to, term, lastLogIndex: lastIndex, lastLogTerm: lastTerm },
  );
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
  if (!granted) return { patch: UNCHANGED, out: [reply] };
  return {
    patch: { votedFor: msg.from, deadline: newElectionDeadline(ctx, at) },
    out: [reply],
  };
}

/** A request from an older term is refused with the receiver's term; old replies are ignored. */
export function refuseStale(ctx: NodeContext, msg: Message): Outcome {
  if (msg.type === 'RequestVote') {
    return {
      patch: UNCHANGED,
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
    return { patch: UNCHANGED, out: [appendReply(ctx, msg, false, 0)] };
  }
  return NOTHING;
}

/** Candidates: count a granted vote of the current term. */
export function countVote(ctx: NodeContext, msg: RequestVoteReply): Outcome {
  if (!msg.voteGranted || ctx.votes.includes(msg.from)) return NOTHING;
  return { patch: { votes: [...ctx.votes, msg.from] }, out: [] };
}

/** Candidates (§5.2): the votes counted so far, the candidate's own included, are a majority of the cluster. */
export function hasMajority(ctx: NodeContext): boolean {
  return isMajority(ctx.votes.length, ctx.peers.length + 1);
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

/**
 * AppendEntries receiver, for a request of the node's own term from its leader. It records the
 * leader and when it heard from it (`leaderContact`, for PreVote and the lease, §9.6, §4.2.3).
 */
export function acceptAppend(ctx: NodeContext, msg: AppendEntries, at: Stamp): Outcome {
  const deadline = newElectionDeadline(ctx, at);
  const leaderContact = at.now;
  if (!matchesPrev(ctx.log, msg.prevLogIndex, msg.prevLogTerm)) {
    return {
      patch: { leaderId: msg.from, leaderContact, deadline },
      out: [appendReply(ctx, msg, false, 0)],
    };
  }
  appendFromLeader(ctx.log, msg.prevLogIndex, msg.entries);
  const commitIndex = followerCommitIndex(ctx.commitIndex, msg.leaderCommit, msg.prevLogIndex, msg.entries.length);
  const reply = appendReply(ctx, msg, true, msg.prevLogIndex + msg.entries.length);
  if (commitIndex === ctx.commitIndex) return { patch: { leaderId: msg.from, leaderContact, deadline }, out: [reply] };
  applyEntries(ctx.log, ctx.lastApplied, commitIndex, ctx.kv, ctx.applied);
  return {
    patch: {
      leaderId: msg.from,
      leaderContact,
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
 * the bookkeeping that sending changes: each has a request outstanding (`awaiting`: the
 * last index it vouches for), and its next heartbeat is one interval from now. Any
 * AppendEntries is a heartbeat, so followers that just got one are not sent another
 * (Figure 2: "repeat during idle periods"). The leader's deadline becomes `leaderDeadline`:
 * its next heartbeat, unless checkQuorum or a transfer needs it earlier.
 */
export function sendAppends(
  ctx: NodeContext,
  targets: readonly number[],
  at: Stamp,
  nextIndex: readonly number[] = ctx.nextIndex,
  commitIndex: number = ctx.commitIndex,
): { out: AppendEntries[]; patch: Partial<NodeContext> } {
  const out: AppendEntries[] = [];
  if (targets.length === 0) return { out, patch: UNCHANGED };
  const awaiting = ctx.awaiting.slice();
  const heartbeatDue = ctx.heartbeatDue.slice();
  const due = at.now + ctx.config.heartbeatInterval;
  for (const i of targets) {
    const request = appendEntriesTo(ctx, ctx.peers[i]!, nextIndex[i]!, commitIndex);
    out.push(request);
    awaiting[i] = request.prevLogIndex + request.entries.length;
    heartbeatDue[i] = due;
  }
  return {
    out,
    patch: { awaiting, heartbeatDue, deadline: leaderDeadline(ctx, heartbeatDue) },
  };
}

function allPeers(ctx: NodeContext): number[] {
  return ctx.peers.map((_, i) => i);
}

/**
 * Upon election: nextIndex = last log index + 1, matchIndex = 0; announce with AppendEntries
 * (with `leaderNoop`, carrying a no-op entry of the new term, dissertation §6.4). A leader
 * with no peers has no one to send to: if it holds an entry of its term (its no-op) its
 * deadline is now, and its first tick commits it (see `heartbeat`); otherwise Infinity.
 * It notes when it was elected and that it has heard from no follower yet (`leading`, for
 * CheckQuorum, §6.2).
 */
export function becomeLeader(ctx: NodeContext, at: Stamp): Outcome {
  const next = lastLogIndex(ctx.log) + 1;
  if (ctx.config.leaderNoop) ctx.log.push(newEntry(ctx.term, { op: 'noop' }));
  const led: NodeContext = {
    ...ctx,
    leaderId: ctx.id,
    nextIndex: ctx.peers.map(() => next),
    matchIndex: ctx.peers.map(() => 0),
    awaiting: ctx.peers.map(() => null),
    heartbeatDue: ctx.peers.map(() => at.now),
    // Its voters' votes were contact: they count as heard at the election (CheckQuorum, §6.2).
    leading: {
      contactSince: at.now,
      lastAck: ctx.peers.map((p) => (ctx.votes.includes(p) ? at.now : null)),
      transfer: null,
    },
  };
  const patch: Partial<NodeContext> = {
    leaderId: led.leaderId,
    nextIndex: led.nextIndex,
    matchIndex: led.matchIndex,
    leading: led.leading,
  };
  if (ctx.peers.length === 0) {
    const deadline = lastLogTerm(ctx.log) === ctx.term ? at.now : Infinity;
    return { patch: { ...patch, awaiting: [], heartbeatDue: [], deadline }, out: [] };
  }
  const sent = sendAppends(led, allPeers(led), at);
  return { patch: { ...patch, ...sent.patch }, out: sent.out };
}

/**
 * Leaders: heartbeat the followers that have heard nothing for about an interval, carrying
 * what they lack. A leader with no peers is a majority on its own (§5.3, Rules for Leaders):
 * its tick commits its log up to its last entry of the current term, and it has no more
 * ticks (deadline Infinity). That is one event after its election, not in it: no server
 * commits in the event that elects it (the safety checker holds every cluster to that).
 */
export function heartbeat(ctx: NodeContext, at: Stamp): Outcome {
  if (ctx.peers.length === 0) {
    const committed = commitAndApply(ctx, ctx.matchIndex);
    return { patch: { ...committed.patch, deadline: Infinity }, out: committed.out };
  }
  // Followers due within the next half interval are sent theirs now too, so that heartbeats
  // stay together instead of drifting into one wake-up per follower.
  const soon = at.now + ctx.config.heartbeatInterval / 2;
  const due = allPeers(ctx).filter((i) => ctx.heartbeatDue[i]! <= soon);
  return sendAppends(ctx, due, at);
}

/**
 * A leader that steps down (a later term, or CheckQuorum in its own term, §6.2) becomes a
 * follower with a fresh election timer; it knows no leader and drops any transfer in progress.
 */
export function stepDownFromLeader(ctx: NodeContext, at: Stamp): Outcome {
  return {
    patch: {
      leaderId: null,
      nextIndex: [],
      matchIndex: [],
      awaiting: [],
      heartbeatDue: [],
      leading: null,
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

/** A leader's `leading` after hearing from follower `peer` at `now`: with checkQuorum on, its lastAck moves (§6.2); else unchanged. */
function heardFrom(ctx: NodeContext, peer: number, now: number): NodeContext['leading'] {
  const leading = ctx.leading;
  if (leading === null || !ctx.config.extensions.checkQuorum || leading.lastAck[peer] === now) return leading;
  return { ...leading, lastAck: replaced(leading.lastAck, peer, now) };
}

/**
 * Leaders, on an AppendEntries reply of the current term (Figure 2, Rules for Leaders):
 * - a success that reports progress (matchIndex beyond the follower's) records matchIndex
 *   and nextIndex, commits what a majority holds, and sends what the follower still lacks
 *   (unless the request outstanding already carries it: one request in flight);
 * - a refusal of the request at nextIndex - 1 steps nextIndex back by one and retries;
 * - a reply that says nothing new (a refusal of any other prevLogIndex, or a success at or
 *   below matchIndex) is late or duplicated and starts nothing, unless it is the answer to
 *   the request outstanding (a heartbeat that carried no entries, answered while writes
 *   queued up behind it): then the follower is sent what it lacks.
 * Duplicated and late replies so cost no messages, and catching a follower up under
 * duplication takes as many AppendEntries as without (issue 10; etcd's raft ignores
 * such replies too).
 */
export function handleAppendReply(ctx: NodeContext, msg: AppendEntriesReply, at: Stamp): Outcome {
  const peer = ctx.peers.indexOf(msg.from);
  if (peer < 0) return NOTHING;
  const done = figure2AppendReply(ctx, peer, msg, at);
  // Any reply of the term is contact with its sender: noted for CheckQuorum (§6.2) when it is on.
  const leading = heardFrom(ctx, peer, at.now);
  return leading === ctx.leading ? done : { patch: { ...done.patch, leading }, out: done.out };
}

/** `handleAppendReply` as Figure 2 has it, for the follower at `peer` in `ctx.peers`. */
function figure2AppendReply(ctx: NodeContext, peer: number, msg: AppendEntriesReply, at: Stamp): Outcome {
  const next = ctx.nextIndex[peer]!;
  const match = ctx.matchIndex[peer]!;
  const idle = { awaiting: replaced(ctx.awaiting, peer, null) };
  if (!msg.success) {
    // Only a refusal of what the leader would send now says something new (§5.3).
    if (msg.prevLogIndex !== next - 1) return NOTHING;
    const retry = Math.max(match + 1, msg.prevLogIndex);
    if (retry === next) return NOTHING; // it refuses an index it acknowledged before: stale
    const nextIndex = replaced(ctx.nextIndex, peer, retry);
    const sent = sendAppends(ctx, [peer], at, nextIndex);
    return { patch: { nextIndex, ...sent.patch }, out: sent.out };
  }
  if (msg.matchIndex <= match) {
    if (ctx.awaiting[peer] !== msg.matchIndex) return NOTHING; // late or duplicated
    // The answer to the request outstanding, which carried nothing new: send what is missing.
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
  // A late reply to an earlier request: the one outstanding already carries what follows.
  const outstanding = ctx.awaiting[peer];
  if (outstanding !== null && outstanding !== undefined && outstanding >= newNext) {
    return { patch: base, out: committed.out };
  }
  const sent = sendAppends(ctx, [peer], at, nextIndex, committed.patch.commitIndex ?? ctx.commitIndex);
  return {
    patch: { ...base, ...sent.patch },
    out: [...committed.out, ...sent.out],
  };
}

/** The request ids in the log's run of entries of one term at its end, as far as it was read. */
interface TermWrites {
  readonly term: number;
  readonly ids: Set<string>;
  read: number;
}

/**
 * A leader's cache of the write ids in its current term's entries, by log array: a leader's
 * log only grows while it leads, so the cache is extended by what was appended since, and
 * rebuilt when the term changes or the log is shorter (a new log array after a restore
 * starts a new cache). Without it a burst of writes costs a scan of the tail per write.
 */
const termWrites = new WeakMap<readonly Entry[], TermWrites>();

function writesOfTerm(ctx: NodeContext): ReadonlySet<string> {
  const log = ctx.log;
  let cache = termWrites.get(log);
  if (cache === undefined || cache.term !== ctx.term || cache.read > log.length) {
    let start = log.length;
    while (start > 0 && log[start - 1]!.term === ctx.term) start--;
    cache = { term: ctx.term, ids: new Set(), read: start };
    termWrites.set(log, cache);
  }
  for (; cache.read < log.length; cache.read++) {
    const entry = log[cache.read]!;
    if (entry.term === ctx.term && entry.command.op === 'set') cache.ids.add(entry.command.id);
  }
  return cache.ids;
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
      patch: UNCHANGED,
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
  if (writesOfTerm(ctx).has(command.id)) return NOTHING;
  ctx.log.push(newEntry(ctx.term, command));
  // A one-node cluster commits on its own.
  if (ctx.peers.length === 0) return commitAndApply(ctx, ctx.matchIndex);
  const idle = allPeers(ctx).filter((i) => ctx.awaiting[i] === null);
  const sent = sendAppends(ctx, idle, at);
  return { patch: sent.patch, out: sent.out };
}

/** A ClientRedirect of `msg` to `leaderHint` (null: no leader known). */
export function redirectTo(ctx: NodeContext, msg: ClientRequest, leaderHint: NodeId | null): Outcome {
  return {
    patch: UNCHANGED,
    out: [{ type: 'ClientRedirect', from: ctx.id, to: CLIENT, term: ctx.term, id: msg.command.id, leaderHint }],
  };
}

/** Followers and candidates: tell the client who the leader is, if they know. */
export function redirectClient(ctx: NodeContext, msg: ClientRequest): Outcome {
  return redirectTo(ctx, msg, ctx.leaderId);
}
