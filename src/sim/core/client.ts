/**
 * The client outside the cluster: it submits `set key=value` writes with request ids,
 * sends each to the node it believes is leader, follows redirects, and re-sends until a
 * leader acknowledges it. A write addressed `to` one node is sent there once only.
 * Its state is plain data; the world carries out what it decides.
 */
import { emptyLayered, layeredAdd, layeredGet, type LayeredRecord } from '../../util/layeredRecord';
import type { ClientRedirect, ClientReply, NodeId, SetCommand } from '../../raft/types';

/** How long the client waits for an answer before trying again (at least once a second). */
export const RETRY_INTERVAL = 500;
/** How long it waits before asking the next node when nobody knows the leader. */
export const REDIRECT_PAUSE = 50;

export interface PendingWrite {
  readonly command: SetCommand;
  /** Sent once to this node only. */
  readonly fixed: boolean;
  /** Bumped on every attempt, so that an old retry timer is recognised as stale. */
  attempt: number;
  /** Where it was last sent: the node to suspect if no answer comes. */
  sentTo: NodeId | null;
}

export interface ClientState {
  leaderGuess: NodeId;
  /** The node that last let a request time out; a redirect naming it is not followed. */
  suspect: NodeId | null;
  /** Writes not yet acknowledged, by request id (ids are data: a Map, never object keys). */
  pending: Map<string, PendingWrite>;
  /** Writes acknowledged so far, and where they were committed. */
  acked: LayeredRecord<{ readonly index: number; readonly term: number }>;
}

export function initialClient(nodes: readonly NodeId[]): ClientState {
  return { leaderGuess: nodes[0]!, suspect: null, pending: new Map(), acked: emptyLayered() };
}

/** What the client wants done: send a request now, and/or check back later. */
export interface ClientAction {
  readonly send?: { readonly to: NodeId; readonly command: SetCommand };
  readonly retryAt?: {
    readonly t: number;
    readonly id: string;
    readonly attempt: number;
    /** True after a short pause (send to the guess), false after a silent wait (suspect it). */
    readonly pause: boolean;
  };
}

function next(nodes: readonly NodeId[], id: NodeId): NodeId {
  const i = nodes.indexOf(id);
  return nodes[(i + 1) % nodes.length]!;
}

function attempt(write: PendingWrite, to: NodeId, now: number, delay = 0): ClientAction {
  write.attempt++;
  if (delay === 0) write.sentTo = to;
  if (write.fixed) return { send: { to, command: write.command } };
  if (delay > 0)
    return {
      retryAt: {
        t: now + delay,
        id: write.command.id,
        attempt: write.attempt,
        pause: true,
      },
    };
  return {
    send: { to, command: write.command },
    retryAt: {
      t: now + RETRY_INTERVAL,
      id: write.command.id,
      attempt: write.attempt,
      pause: false,
    },
  };
}

export function submit(client: ClientState, command: SetCommand, to: NodeId | undefined, now: number): ClientAction {
  if (layeredGet(client.acked, command.id) !== undefined) return {};
  const write: PendingWrite = { command, fixed: to !== undefined, attempt: 0, sentTo: null };
  client.pending.set(command.id, write);
  return attempt(write, to ?? client.leaderGuess, now);
}

/** A node said it is not the leader: try the leader it names, or else the next node shortly. */
export function onRedirect(
  client: ClientState,
  msg: ClientRedirect,
  nodes: readonly NodeId[],
  now: number,
): ClientAction {
  const write = client.pending.get(msg.id);
  if (write === undefined || write.fixed) return {};
  if (msg.leaderHint !== null && msg.leaderHint !== msg.from && msg.leaderHint !== client.suspect) {
    client.leaderGuess = msg.leaderHint;
    return attempt(write, msg.leaderHint, now);
  }
  client.leaderGuess = next(nodes, msg.from);
  return attempt(write, client.leaderGuess, now, REDIRECT_PAUSE);
}

/** A leader acknowledged a write. Returns true the first time for this id. */
export function onReply(client: ClientState, msg: ClientReply): boolean {
  if (!client.pending.has(msg.id)) return false; // not asked, or already answered
  client.leaderGuess = msg.from;
  client.suspect = null;
  layeredAdd(client.acked, msg.id, { index: msg.index, term: msg.entryTerm });
  client.pending.delete(msg.id);
  return true;
}

/**
 * A retry timer came due. After a pause it sends to its current guess. After a silent wait
 * it suspects the node that request went to, and moves on from it if that is still its
 * guess; if another write has meanwhile been answered by (or redirected to) another node,
 * that node is the better guess and is kept.
 */
export function onRetry(
  client: ClientState,
  id: string,
  attemptNo: number,
  afterPause: boolean,
  nodes: readonly NodeId[],
  now: number,
): ClientAction {
  const write = client.pending.get(id);
  if (write === undefined || write.fixed || write.attempt !== attemptNo) return {};
  if (!afterPause) {
    const silent = write.sentTo ?? client.leaderGuess;
    client.suspect = silent;
    if (client.leaderGuess === silent) client.leaderGuess = next(nodes, silent);
  }
  return attempt(write, client.leaderGuess, now);
}
