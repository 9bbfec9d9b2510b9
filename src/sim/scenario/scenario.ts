/**
 * The scenario file (CONTRACTS.md section 1): its types and defaults.
 * Validation of untrusted input is in validateScenario.ts.
 */
import type { Entry, NodeId, RuleSwitches } from '../../raft/types';

/** The teaching switches in words, as the page labels them. */
export const RULE_WORDS: Readonly<Record<keyof RuleSwitches, string>> = {
  commitOldTermByCount: 'commit old-term entries by counting replicas',
  skipUpToDateCheck: 'grant votes without the up-to-date check',
  forgetVotedForOnRestart: 'forget votedFor on restart',
};

export interface Timing {
  readonly electionTimeout: readonly [number, number];
  readonly heartbeatInterval: number;
  readonly latency: readonly [number, number];
}

export interface InitialNodeState {
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly log: readonly Entry[];
}

/**
 * A step of a scenario. It runs at its `at` time before any other event of that instant;
 * with `late: true` (an extension), after them instead: a recorded action that a person
 * made after the events of an instant had happened.
 */
export type Step = StepAction & { readonly late?: boolean };

type StepAction =
  | { readonly at: number; readonly do: 'crash'; readonly node: NodeId }
  | { readonly at: number; readonly do: 'restart'; readonly node: NodeId }
  | { readonly at: number; readonly do: 'timeout'; readonly node: NodeId }
  | {
      readonly at: number;
      readonly do: 'write';
      readonly id: string;
      readonly key: string;
      readonly value: string;
      readonly to?: NodeId;
    }
  | {
      readonly at: number;
      readonly do: 'partition';
      readonly groups: readonly (readonly NodeId[])[];
    }
  | { readonly at: number; readonly do: 'heal' }
  | {
      readonly at: number;
      readonly do: 'cut';
      readonly from: NodeId;
      readonly to: NodeId;
    }
  | {
      readonly at: number;
      readonly do: 'network';
      readonly drop?: number;
      readonly duplicate?: number;
      readonly latency?: readonly [number, number];
    }
  // Extensions beyond the contract, for a person's actions in the page:
  | { readonly at: number; readonly do: 'restore'; readonly from: NodeId; readonly to: NodeId }
  | { readonly at: number; readonly do: 'drop'; readonly msgId: number }
  | { readonly at: number; readonly do: 'deliverNow'; readonly msgId: number }
  | { readonly at: number; readonly do: 'spreadTimers' }
  | { readonly at: number; readonly do: 'alignTimers' }
  /** Hold messages: new messages wait in the network until delivered by hand (off: all go on). */
  | { readonly at: number; readonly do: 'hold'; readonly on: boolean }
  | { readonly at: number; readonly do: 'duplicate'; readonly msgId: number }
  /** Turn teaching switches on or off from now on. */
  | { readonly at: number; readonly do: 'rules'; readonly rules: Partial<RuleSwitches> }
  // Section 5 of the contract:
  /** The leader hands leadership to `to` (dissertation §3.10). */
  | { readonly at: number; readonly do: 'transferLeadership'; readonly to: NodeId }
  /** From now on `node`'s timers run at `rate` times virtual time (0.25 to 4; 1 is true time). */
  | { readonly at: number; readonly do: 'clock'; readonly node: NodeId; readonly rate: number }
  /** An extension: a person turns PreVote or CheckQuorum on or off from now on (at least one given). */
  | { readonly at: number; readonly do: 'options'; readonly preVote?: boolean; readonly checkQuorum?: boolean };

/** Protocol options (CONTRACTS.md section 5) and teaching switches (an extension); all off by default. */
export interface ScenarioOptions {
  /** A new leader appends a no-op entry (dissertation §6.4). Off by default. */
  readonly leaderNoop?: boolean;
  /** A server asks for pre-votes before it raises its term (dissertation §9.6). */
  readonly preVote?: boolean;
  /** A leader that has not heard from a majority within an election timeout steps down (§6.2). */
  readonly checkQuorum?: boolean;
  readonly rules?: Partial<RuleSwitches>;
}

/** The protocol options a person can switch on the page, in words. */
export const OPTION_WORDS = {
  preVote: 'PreVote',
  checkQuorum: 'CheckQuorum',
} as const;

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly timing: Timing;
  readonly initial: Readonly<Record<NodeId, InitialNodeState>>;
  readonly steps: readonly Step[];
  readonly until: number;
  readonly options: ScenarioOptions;
  /** A guided walk through the run (an extension of the contract); empty for none. */
  readonly narration: readonly NarrationStep[];
}

/** Which messages a narration step points at: any that match every field given. */
export interface MessageMatch {
  readonly from?: NodeId;
  readonly to?: NodeId;
  /** RequestVote, RequestVoteReply, AppendEntries, AppendEntriesReply, ClientRequest... */
  readonly type?: string;
}

/** A question put to the audience before the step's moment is shown. */
export interface Prediction {
  readonly question: string;
  readonly choices: readonly string[];
  /** One of the choices. */
  readonly answer: string;
}

export interface NarrationHighlight {
  readonly nodes: readonly NodeId[];
  readonly entries: readonly { readonly node: NodeId; readonly index: number }[];
  readonly messages: readonly MessageMatch[];
}

/**
 * One step of a narration: a moment of the run and what to say about it. The moment is a
 * virtual time (`at`), or the first event after the previous step's moment after which the
 * watch expression `when` holds (so the story follows the run, not a hand-copied clock).
 */
export interface NarrationStep {
  readonly title: string;
  readonly text: string;
  readonly at?: number;
  readonly when?: string;
  readonly ask?: Prediction;
  readonly highlight: NarrationHighlight;
  /** A watch expression that must hold at the moment: what the text claims, checked by the tests. */
  readonly expect?: string;
}

export const DEFAULT_TIMING: Timing = {
  electionTimeout: [150, 300],
  heartbeatInterval: 50,
  latency: [10, 20],
};

export const DEFAULT_NODES: readonly NodeId[] = ['S1', 'S2', 'S3', 'S4', 'S5'];
export const DEFAULT_SEED = 1;
export const DEFAULT_UNTIL = 10000;

/** A scenario with every default filled in. */
export function scenarioOf(partial: Partial<Scenario> & Pick<Scenario, 'steps'>): Scenario {
  return {
    name: partial.name ?? 'untitled',
    description: partial.description ?? '',
    seed: partial.seed ?? DEFAULT_SEED,
    nodes: partial.nodes ?? DEFAULT_NODES,
    timing: partial.timing ?? DEFAULT_TIMING,
    initial: partial.initial ?? {},
    steps: partial.steps,
    until: partial.until ?? DEFAULT_UNTIL,
    options: partial.options ?? {},
    narration: partial.narration ?? [],
  };
}
