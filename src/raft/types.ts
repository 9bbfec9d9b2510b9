/**
 * The data a Raft node works with. Everything here is plain, serializable data:
 * no classes, no functions, no Maps, so a node's context can be copied, checkpointed,
 * posted to another thread and written to a trace.
 */

import type { LayeredRecord } from '../util/layeredRecord';

export type NodeId = string;

/** A client's write: `set key=value` under a unique request id. */
export interface SetCommand {
  readonly op: 'set';
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

/** An entry the protocol adds itself, such as a new leader's no-op (dissertation §6.4). */
export interface NoopCommand {
  readonly op: 'noop';
}

export type Command = SetCommand | NoopCommand;

/** A log entry. Entries are never mutated once created, so logs may share them. */
export interface Entry {
  readonly term: number;
  readonly command: Command;
}

/**
 * A server's role: the paper's three, plus `precandidate` (dissertation §9.6, only with the
 * `preVote` extension): a server asking for pre-votes before it raises its term.
 */
export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

/** The sender of client requests and receiver of their answers. */
export const CLIENT = 'client';

export interface RequestVote {
  readonly type: 'RequestVote';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  /**
   * Present (and true) only in the election a leadership transfer starts (§3.10, TimeoutNow):
   * servers that heard from a leader recently answer it anyway (§4.2.3). Absent otherwise, so
   * traces without transfers are unchanged.
   */
  readonly transfer?: true;
}

export interface RequestVoteReply {
  readonly type: 'RequestVoteReply';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly voteGranted: boolean;
}

/**
 * PreVote (dissertation §9.6): "would you vote for me if I started an election?" Asked by a
 * precandidate, which keeps its own term. Answering it changes nothing at the receiver.
 */
export interface PreVote {
  readonly type: 'PreVote';
  readonly from: NodeId;
  readonly to: NodeId;
  /** The term the precandidate would campaign in: its own term + 1. */
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/**
 * The answer to a PreVote. Granted: `term` is the PreVote's (the proposed term, which the
 * precandidate does not adopt). Refused: `term` is the receiver's current term.
 */
export interface PreVoteReply {
  readonly type: 'PreVoteReply';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly voteGranted: boolean;
}

/** Leadership transfer (§3.10): the leader tells an up-to-date target to start an election at once. */
export interface TimeoutNow {
  readonly type: 'TimeoutNow';
  readonly from: NodeId;
  readonly to: NodeId;
  /** The leader's term. */
  readonly term: number;
}

export interface AppendEntries {
  readonly type: 'AppendEntries';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly leaderCommit: number;
}

export interface AppendEntriesReply {
  readonly type: 'AppendEntriesReply';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly success: boolean;
  /** The request's prevLogIndex, so a late or duplicated reply cannot move nextIndex twice. */
  readonly prevLogIndex: number;
  /** On success: the index of the last entry the follower now shares with the leader. */
  readonly matchIndex: number;
}

export interface ClientRequest {
  readonly type: 'ClientRequest';
  readonly from: typeof CLIENT;
  readonly to: NodeId;
  readonly term: 0;
  readonly command: SetCommand;
}

export interface ClientRedirect {
  readonly type: 'ClientRedirect';
  readonly from: NodeId;
  readonly to: typeof CLIENT;
  readonly term: number;
  readonly id: string;
  readonly leaderHint: NodeId | null;
}

export interface ClientReply {
  readonly type: 'ClientReply';
  readonly from: NodeId;
  readonly to: typeof CLIENT;
  readonly term: number;
  /** The request id, and the log index and term at which it was committed. */
  readonly id: string;
  readonly index: number;
  readonly entryTerm: number;
}

export type PeerMessage =
  RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply | PreVote | PreVoteReply | TimeoutNow;
export type Message = PeerMessage | ClientRequest | ClientRedirect | ClientReply;

/** Every message type by name, as scenario files name them (narration highlights). */
export const MESSAGE_TYPES = [
  'RequestVote',
  'RequestVoteReply',
  'AppendEntries',
  'AppendEntriesReply',
  'ClientRequest',
  'ClientReply',
  'ClientRedirect',
  'PreVote',
  'PreVoteReply',
  'TimeoutNow',
] as const satisfies readonly Message['type'][];

// A message type added to Message but not to MESSAGE_TYPES fails to compile here.
const _everyMessageType: [Exclude<Message['type'], (typeof MESSAGE_TYPES)[number]>] extends [never] ? true : never =
  true;
void _everyMessageType;

/**
 * Teaching switches that each reproduce a classic Raft bug. All off by default:
 * with every switch off the node is exactly the paper's Figure 2.
 */
export interface RuleSwitches {
  /** Commit an entry of an earlier term by counting its replicas (the Figure 8 bug). */
  readonly commitOldTermByCount: boolean;
  /** Grant votes without checking that the candidate's log is at least as up-to-date. */
  readonly skipUpToDateCheck: boolean;
  /** Lose votedFor in a crash, as if it were volatile (lets a node vote twice in one term). */
  readonly forgetVotedForOnRestart: boolean;
}

export const FIGURE_2: RuleSwitches = {
  commitOldTermByCount: false,
  skipUpToDateCheck: false,
  forgetVotedForOnRestart: false,
};

/**
 * Elections beyond Figure 2, as production Raft runs them. All off by default: with both off
 * the node behaves, sends and draws exactly as Figure 2 (CONTRACTS section 5).
 */
export interface Extensions {
  /** Ask for pre-votes before raising the term (dissertation §9.6). */
  readonly preVote: boolean;
  /**
   * A leader steps down when it has not heard from a majority within a (maximum) election
   * timeout (§6.2); a server that heard from a leader within the minimum election timeout
   * ignores RequestVote and PreVote of a higher term (§4.2.3), except a transfer's.
   */
  readonly checkQuorum: boolean;
}

export const NO_EXTENSIONS: Extensions = Object.freeze({ preVote: false, checkQuorum: false });

export interface NodeConfig {
  readonly electionTimeout: readonly [number, number];
  readonly heartbeatInterval: number;
  /** Append a no-op entry when elected (dissertation §6.4). Off by default, as in Figure 2. */
  readonly leaderNoop: boolean;
  /** At most this many entries in one AppendEntries. */
  readonly maxBatch: number;
  readonly rules: RuleSwitches;
  /** PreVote and CheckQuorum. The world shares one object between all nodes and changes it in place, as `rules`. */
  readonly extensions: Extensions;
}

/** What a node keeps across a crash. */
export interface PersistentState {
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly log: Entry[];
}

/** Where a node's applied client write landed, for de-duplication and replies. */
export interface AppliedWrite {
  readonly index: number;
  readonly term: number;
}

export interface NodeContext extends PersistentState {
  readonly id: NodeId;
  readonly peers: readonly NodeId[];
  readonly config: NodeConfig;
  // volatile
  readonly commitIndex: number;
  readonly lastApplied: number;
  /** The key-value state machine, built by applying committed entries (the node's own, updated in place). */
  readonly kv: Map<string, string>;
  /** Request ids applied so far: a write committed twice under one id is applied once (updated in place). */
  readonly applied: LayeredRecord<AppliedWrite>;
  /** The leader this node last heard from in its current term. */
  readonly leaderId: NodeId | null;
  /**
   * Candidates: who granted their vote this term (including itself). Precandidates: who
   * granted their pre-vote in this round (including itself).
   */
  readonly votes: readonly NodeId[];
  /** Leaders: per follower, in the order of `peers` (empty for followers and candidates). */
  readonly nextIndex: readonly number[];
  readonly matchIndex: readonly number[];
  /**
   * Leaders: per follower, the AppendEntries out with no reply yet, as the last index it
   * vouches for (its prevLogIndex plus its entries), or null when none is. A new client
   * write is sent at once only to followers with nothing outstanding; the others get it
   * with their next reply or heartbeat (one request in flight per follower, as in RaftScope).
   * Only the answer to that request, or a reply that reports progress, sends more.
   */
  readonly awaiting: readonly (number | null)[];
  /** Leaders: per follower, when it is next due a heartbeat (an interval after the last AppendEntries to it). */
  readonly heartbeatDue: readonly number[];
  /**
   * Followers: when (this node's clock, ms) it last accepted an AppendEntries from the leader of
   * its current term (`leaderId`); null before any. With `leaderId` it makes the lease of
   * §4.2.3 and the PreVote rule of §9.6 ("heard from a leader within an election timeout").
   */
  readonly leaderContact: number | null;
  /**
   * Leaders, beyond Figure 2: their record of contact for CheckQuorum (§6.2) and a leadership
   * transfer in progress (§3.10); null for every other role. One field rather than three, as
   * every change of the context copies all of its fields.
   */
  readonly leading: Leading | null;
  /**
   * When (this node's own clock, ms) its next timer fires: the election deadline of a
   * follower, precandidate or candidate; for a leader, its next heartbeat, or earlier the
   * end of a leadership transfer in progress or (with checkQuorum) the moment its majority's
   * contact runs out. The simulator reads it; the node never schedules anything itself.
   */
  readonly deadline: number;
}

/** What a leader keeps beyond Figure 2 (`NodeContext.leading`). Times are on its own clock, ms. */
export interface Leading {
  /** Since when its contact with the followers is judged: its election, or when CheckQuorum was switched on. */
  readonly contactSince: number;
  /**
   * Per follower (in `peers` order), when the leader last heard from it: its vote at the election,
   * then each AppendEntriesReply of the term (recorded only while checkQuorum is on); null if
   * nothing since `contactSince`.
   */
  readonly lastAck: readonly (number | null)[];
  /** A transfer in progress, or null. */
  readonly transfer: LeadershipTransfer | null;
}

/** A leadership transfer a leader is carrying out (§3.10). */
export interface LeadershipTransfer {
  readonly to: NodeId;
  /** This node's clock, ms: the transfer's start plus the maximum election timeout. */
  readonly deadline: number;
}

/** Every event the simulator gives a node carries the time on its own clock and a fresh draw in [0, 1). */
interface Stamp {
  /** This node's own clock, ms (the world's virtual time, scaled by the node's clock rate). */
  readonly now: number;
  /** A uniform draw from the world's seeded generator, for the randomized election timeout. */
  readonly draw: number;
}

export type NodeEvent =
  | (Stamp & { readonly type: 'tick' })
  | (Stamp & { readonly type: 'timeout' })
  /** Moves a follower's or candidate's election deadline (a person spreading or aligning timers). */
  | (Stamp & { readonly type: 'setDeadline'; readonly deadline: number })
  | (Stamp & { readonly type: 'RequestVote'; readonly msg: RequestVote })
  | (Stamp & {
      readonly type: 'RequestVoteReply';
      readonly msg: RequestVoteReply;
    })
  | (Stamp & { readonly type: 'AppendEntries'; readonly msg: AppendEntries })
  | (Stamp & {
      readonly type: 'AppendEntriesReply';
      readonly msg: AppendEntriesReply;
    })
  | (Stamp & { readonly type: 'ClientRequest'; readonly msg: ClientRequest })
  | (Stamp & { readonly type: 'PreVote'; readonly msg: PreVote })
  | (Stamp & { readonly type: 'PreVoteReply'; readonly msg: PreVoteReply })
  | (Stamp & { readonly type: 'TimeoutNow'; readonly msg: TimeoutNow })
  /** Given to the leader by the world (a scenario step or a person): hand leadership to `to` (§3.10). */
  | (Stamp & { readonly type: 'transferLeadership'; readonly to: NodeId })
  /** Given to each leader by the world when CheckQuorum is switched on: its window starts now (§6.2). */
  | (Stamp & { readonly type: 'watchQuorum' });

/** What one event makes a node send, in order (never empty): one emitted event per event handled. */
export interface SendEmitted {
  readonly type: 'send';
  readonly msgs: readonly Message[];
}
