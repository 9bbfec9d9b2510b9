/**
 * The shapes of a message's life as the debugger records it (debug/tracks.ts) and the page
 * draws it (the space-time diagram, the "why" chain, the messages in flight): which copy of
 * which message, what it said, and what happened on each server's lane.
 */
import type { NodeId } from '../raft/types';

/**
 * What a message is at a glance, for its colour and label: a vote request and its answers,
 * a pre-vote request and its answers (PreVote, dissertation §9.6), a heartbeat, entries and
 * their answers, a leadership transfer's TimeoutNow (§3.10), a client's request or answer.
 */
export type MessageVariant =
  | 'vote-request'
  | 'vote-granted'
  | 'vote-denied'
  | 'prevote-request'
  | 'prevote-granted'
  | 'prevote-denied'
  | 'timeout-now'
  | 'heartbeat'
  | 'append'
  | 'append-ok'
  | 'append-fail'
  | 'client';

/** Every message variant, in the order the legend lists them. */
export const MESSAGE_VARIANTS: readonly MessageVariant[] = [
  'vote-request',
  'vote-granted',
  'vote-denied',
  'prevote-request',
  'prevote-granted',
  'prevote-denied',
  'timeout-now',
  'heartbeat',
  'append',
  'append-ok',
  'append-fail',
  'client',
];

/** What a message view and a message track share: which copy of which message, between whom. */
export interface MessageCommon {
  /** Unique per copy of a message ("m" and the copy number): a message in flight and its track share it. */
  readonly key: string;
  readonly msgId: number;
  readonly type: string;
  readonly variant: MessageVariant;
  /** A node id, or "client". */
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly sentAt: number;
  readonly summary: string;
  readonly detail: MessageDetail;
}

/** What a message said, in the fields that explanations need (log entries shortened to term and write id). */
export interface MessageDetail {
  readonly prevLogIndex?: number;
  readonly prevLogTerm?: number;
  readonly entries?: readonly { readonly term: number; readonly id: string | null }[];
  readonly leaderCommit?: number;
  readonly success?: boolean;
  readonly matchIndex?: number;
  readonly voteGranted?: boolean;
  readonly lastLogIndex?: number;
  readonly lastLogTerm?: number;
  /** RequestVote: sent in the election a leadership transfer started (§3.10). */
  readonly transfer?: boolean;
  /** The client write's request id (ClientRequest, ClientReply, ClientRedirect). */
  readonly writeId?: string;
  /** ClientReply: the log index the write was committed at. */
  readonly index?: number;
}

/**
 * One copy of a message over its life, for the space-time diagram and the "why" chain:
 * sent, then delivered, dropped, or still on its way.
 */
export interface MessageTrack extends MessageCommon {
  /** When it arrived or was dropped; for one still on its way, when it is due (Infinity while held). */
  readonly endAt: number;
  readonly outcome: 'delivered' | 'dropped' | 'flying' | 'held';
  /** Why it was (or will be) dropped. */
  readonly dropReason: string | null;
}

/** Something that happened on one node's lane of the space-time diagram. */
export interface LaneMark {
  readonly t: number;
  /** The event after which it was seen. */
  readonly seq: number;
  readonly node: NodeId;
  /**
   * follower / precandidate / candidate / leader: the node's role changed to this; crash, restart;
   * append: a leader appended a client's write (index, writeId); commit: commitIndex rose to `index`.
   */
  readonly kind: 'follower' | 'precandidate' | 'candidate' | 'leader' | 'crash' | 'restart' | 'append' | 'commit';
  readonly term: number;
  readonly index?: number;
  readonly writeId?: string;
  readonly label: string;
}
