/**
 * The typed protocol between the page and the simulation worker: commands go in, frames
 * (plain view models of what changed) come out.
 */
import type { NodeId, Role } from '../raft/types';
import type { Step } from '../sim/scenario';

export interface EntryView {
  readonly term: number;
  /** "x=3" for a write, "no-op" for a leader's no-op. */
  readonly label: string;
  readonly id: string | null;
}

export interface NodeView {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  readonly leaderId: NodeId | null;
  /** Virtual time of the node's next timer (election deadline, or next heartbeat for a leader). */
  readonly deadline: number | null;
  readonly votes: readonly NodeId[];
  /** For a leader: per follower. */
  readonly nextIndex: Readonly<Record<NodeId, number>> | null;
  readonly matchIndex: Readonly<Record<NodeId, number>> | null;
  readonly log: readonly EntryView[];
  readonly kv: Readonly<Record<string, string>>;
  /** The XState machine's state value. */
  readonly machineState: string;
}

export type MessageVariant =
  'vote-request' | 'vote-granted' | 'vote-denied' | 'heartbeat' | 'append' | 'append-ok' | 'append-fail' | 'client';

export interface MessageView {
  /** Unique per copy in flight. */
  readonly key: string;
  readonly msgId: number;
  readonly type: string;
  readonly variant: MessageVariant;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly sentAt: number;
  readonly arriveAt: number;
  /** Why it will be dropped on arrival, if it will. */
  readonly lost: string | null;
  readonly summary: string;
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

export interface EventLine {
  readonly seq: number;
  readonly t: number;
  readonly kind: string;
  readonly text: string;
  readonly nodes: readonly NodeId[];
}

export interface NetworkView {
  readonly cuts: readonly string[];
  readonly groups: readonly (readonly NodeId[])[] | null;
  readonly drop: number;
  readonly duplicate: number;
}

export interface Frame {
  /** How many commands the worker has handled, this one included. */
  readonly handled: number;
  readonly t: number;
  /** When the next event is due: until then the page can animate on its own clock. */
  readonly nextEventAt: number;
  readonly seq: number;
  readonly running: boolean;
  readonly speed: number;
  readonly seed: number;
  readonly scenario: string;
  readonly electionTimeout: readonly [number, number];
  readonly heartbeatInterval: number;
  readonly ids: readonly NodeId[];
  /** Only the nodes that changed since the last frame (all of them in the first). */
  readonly nodes: readonly NodeView[];
  /** Every message in flight, or null when the set is the same as in the last frame. */
  readonly messages: readonly MessageView[] | null;
  /** Only the events since the last frame. */
  readonly events: readonly EventLine[];
  readonly network: NetworkView;
  /** New since the last frame: elections and commits in words, for the live region. */
  readonly announcements: readonly string[];
  /** New safety violations since the last frame. */
  readonly violations: readonly string[];
  /** True when this frame starts a new run (after init or reset): the page drops what it had. */
  readonly fresh: boolean;
}

/** What a person can do to the cluster; the worker stamps it with the current virtual time. */
export type Action =
  | DistributiveOmit<Step, 'at'>
  | { readonly do: 'clientWrite' }
  | { readonly do: 'restartLeader' }
  | { readonly do: 'resumeAll' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type ToWorker =
  | {
      readonly type: 'init';
      /** Null: the scenario's own seed. */
      readonly seed: number | null;
      readonly scenario: string | null;
      readonly speed: number;
      readonly paused: boolean;
    }
  /** Run the world up to this virtual time (the page keeps the clock between frames). */
  | { readonly type: 'advance'; readonly to: number }
  | { readonly type: 'play' }
  /** Pause at the virtual time the page shows. */
  | { readonly type: 'pause'; readonly at: number }
  /** Pause (catching up to `at`, the page's time, if it was running) and run to the next event. */
  | { readonly type: 'step'; readonly at: number | null }
  | { readonly type: 'setSpeed'; readonly speed: number }
  | { readonly type: 'reset'; readonly seed: number }
  /** A person's action, at the virtual time the page shows. */
  | { readonly type: 'act'; readonly action: Action; readonly at: number };

export type FromWorker =
  { readonly type: 'frame'; readonly frame: Frame } | { readonly type: 'error'; readonly message: string };
