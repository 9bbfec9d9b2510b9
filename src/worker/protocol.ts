/**
 * The typed protocol between the page and the simulation worker: commands go in, frames
 * (plain view models of what changed) come out.
 */
import type { Extensions, NodeId, Role, RuleSwitches } from '../raft/types';
import type { Breakpoints } from '../debug/breakpointSettings';
import type { Marker } from '../debug/facts';
import type { LaneMark, MessageCommon, MessageDetail, MessageTrack, MessageVariant } from '../debug/trackTypes';
import type { NarrationStep, Scenario, Step } from '../sim/scenario/scenario';
import type { NarrationPlace, ScenarioRef, SessionInput, SessionPosition } from '../share/session';

export type { Marker };
export type { Breakpoints };
export type { LaneMark, MessageCommon, MessageDetail, MessageTrack, MessageVariant };

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
  /**
   * Virtual time of the node's next timer (election deadline, or for a leader its next
   * heartbeat, quorum check or the end of a leadership transfer); null when crashed.
   */
  readonly deadline: number | null;
  /** A candidate's votes this term, or a pre-candidate's pre-votes this round (itself included); else empty. */
  readonly votes: readonly NodeId[];
  /** How fast the server's clock runs against virtual time: 1 true time, 2 twice as fast (the `clock` step). */
  readonly clockRate: number;
  /**
   * A leader with CheckQuorum on: the servers it heard from within the CheckQuorum window (the
   * maximum election timeout), itself first (dissertation §6.2). Null for the others, or with CheckQuorum off.
   */
  readonly quorumContact: readonly NodeId[] | null;
  /** A leader handing leadership over (§3.10): the server it hands it to; null otherwise. */
  readonly transferTo: NodeId | null;
  /** For a leader: per follower. */
  readonly nextIndex: ReadonlyMap<NodeId, number> | null;
  readonly matchIndex: ReadonlyMap<NodeId, number> | null;
  readonly log: readonly EntryView[];
  /** The key-value state machine (keys are data: a Map, never object keys). */
  readonly kv: ReadonlyMap<string, string>;
  /** The XState machine's state value. */
  readonly machineState: string;
}

/** A message in flight. */
export interface MessageView extends MessageCommon {
  /** Infinity while held. */
  readonly arriveAt: number;
  /** Held by a person (Hold messages): it waits until delivered by hand. */
  readonly held: boolean;
  /** Why it will be dropped on arrival, if it will. */
  readonly lost: string | null;
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
  /**
   * The messages in flight, earliest arrival first, at most MAX_FRAME_MESSAGES of them (the
   * page cannot show thousands, and copying them every frame would stall it); null when they
   * are the same as in the last frame.
   */
  readonly messages: readonly MessageView[] | null;
  /** How many message copies are in flight in all (held ones included). */
  readonly messageCount: number;
  /** Only the events since the last frame. */
  readonly events: readonly EventLine[];
  readonly network: NetworkView;
  /** New since the last frame: elections and commits in words, for the live region. */
  readonly announcements: readonly string[];
  /** New safety violations since the last frame. */
  readonly violations: readonly string[];
  /** True when this frame starts a new run (after init or reset): the page drops what it had. */
  readonly fresh: boolean;
  /** True after a seek or a branch switch: events, tracks and marks replace what the page had. */
  readonly rewound: boolean;
  /** Messages delivered or dropped since the last frame (in flight ones are in `messages`). */
  readonly tracks: readonly MessageTrack[];
  readonly marks: readonly LaneMark[];
  readonly history: HistoryView;
  /** Timeline markers: new ones since the last frame, or all of the branch's when `reset`. */
  readonly markers: { readonly reset: boolean; readonly items: readonly Marker[] } | null;
  readonly hold: boolean;
  readonly rules: RuleSwitches;
  /** PreVote and CheckQuorum as they are now (CONTRACTS.md section 5). */
  readonly extensions: Extensions;
  /** PreVote and CheckQuorum as the scenario alone has set them by now (what its narration describes). */
  readonly scenarioExtensions: Extensions;
  /** Why the run stopped on its own (a breakpoint, or a run-to target reached), in words. */
  readonly pausedBy: string | null;
  /** The scenario's narration, in a fresh frame (null in the others). */
  readonly narration: readonly NarrationStep[] | null;
  /** In the fresh frame of an opened session: the narration step it was shared at (absent: not begun). */
  readonly narrationPlace?: NarrationPlace;
}

/** A session to reproduce in the worker: the run and the moment, without the page's settings. */
export interface SessionLoad {
  readonly scenario: ScenarioRef;
  readonly seed: number;
  readonly inputs: readonly SessionInput[];
  readonly head: SessionPosition;
  readonly moment: SessionPosition;
  /** The narration step shown, handed back to the page with the session's first frame. */
  readonly narration?: NarrationPlace;
}

/** What the page can ask the worker for; the answer comes back with the same id. */
export type Request =
  /** The session as it stands (it pauses first, at `at`, if running). */
  | { readonly what: 'session' }
  /** The trace (CONTRACTS.md section 2) from the start to the moment shown. */
  | { readonly what: 'trace' }
  /** The session from the start to now as a scenario file, narrating what was done after `from`. */
  | { readonly what: 'recording'; readonly from: SessionPosition };

export type Reply =
  | { readonly what: 'session'; readonly session: SessionLoad }
  | { readonly what: 'trace'; readonly text: string; readonly events: number }
  | { readonly what: 'recording'; readonly scenario: Scenario; readonly divergesAt: number | null }
  | { readonly what: 'refused'; readonly message: string };

export interface BranchView {
  readonly id: number;
  readonly parent: number | null;
  /** Where it left its parent (0 for the first branch). */
  readonly forkT: number;
  readonly headT: number;
  /** The action that started it, in words. */
  readonly label: string;
}

export interface HistoryView {
  readonly branch: number;
  readonly branches: readonly BranchView[];
  /** How far the current branch reaches: the timeline's end. */
  readonly headT: number;
  readonly headSeq: number;
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
      /** Free play only: how many servers (S1..Sn, 1 to 9); null: five. */
      readonly nodes: number | null;
      /**
       * PreVote and CheckQuorum to turn on (or off) as the run starts, whatever the scenario's
       * own options: an `options` input at time 0, so it replays and shares like any action.
       * Empty: the scenario's own.
       */
      readonly options: Partial<Extensions>;
      /** A shared session to open instead of the scenario (if it does not replay, the scenario opens). */
      readonly load: SessionLoad | null;
    }
  /** Replace the session with this one, if it replays; otherwise keep the current one and say why. */
  | { readonly type: 'load'; readonly load: SessionLoad }
  | { readonly type: 'request'; readonly id: number; readonly request: Request; readonly at: number | null }
  /** Go to the moment of narration step `index` of the scenario's own run. */
  | { readonly type: 'narrate'; readonly index: number }
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
  | { readonly type: 'act'; readonly action: Action; readonly at: number }
  /** Pause and go to virtual time `t` of the current branch. */
  | { readonly type: 'seek'; readonly t: number }
  /** Pause and go back one event (to exactly where the last Step started, if that is where we are). */
  | { readonly type: 'stepBack'; readonly at: number | null }
  /** Pause, then run until the next message delivery or the next election (or give up after a while). */
  | { readonly type: 'runTo'; readonly target: 'delivery' | 'election'; readonly at: number | null }
  | { readonly type: 'switchBranch'; readonly id: number }
  | { readonly type: 'setBreakpoints'; readonly breakpoints: Breakpoints };

export type FromWorker =
  | { readonly type: 'frame'; readonly frame: Frame }
  | { readonly type: 'error'; readonly message: string }
  /** A session could not be opened; the one before is kept. */
  | { readonly type: 'loadFailed'; readonly message: string }
  | { readonly type: 'reply'; readonly id: number; readonly reply: Reply };
