/**
 * A session: everything needed to reproduce what a person saw, event for event. The
 * scenario (a built-in by name, or a whole scenario file), the seed, the page's settings,
 * the person's inputs, each with the event number it became, how far the run went (its
 * head) and the moment being looked at. Shared as a file (Export session / Import session)
 * or inside a link (Share); validated at the border in validateSession.ts.
 */
import { MAX_UNTIL } from '../sim/scenario/limits';
import type { Scenario, Step } from '../sim/scenario/scenario';
import type { Breakpoints } from '../debug/breakpointSettings';

export const SESSION_FORMAT = 'raft-visualizer-session';
export const SESSION_VERSION = 1;

/** The longest run a session may describe (virtual ms): loading replays all of it. The limit of every border. */
export const MAX_SESSION_MS = MAX_UNTIL;
/**
 * The most events a session may describe: opening one replays all of them. The worst session
 * this allows (nine servers on the fastest timers, every message held and duplicated, the
 * network full) opens in about 2 s and 60 MB here, within a budget of 5 s and 200 MB
 * (`npm run bench:hostile`). That is about seven minutes of the reference workload at speed 1,
 * or hours at the page's default speed; a longer run is shared up to the moment shown.
 */
export const MAX_SESSION_EVENTS = 100_000;
/** The most inputs a session may carry. */
export const MAX_SESSION_INPUTS = 10_000;

export type ScenarioRef =
  /**
   * A built-in scenario by its name, or "welcome" for free play; free play may have `nodes`
   * servers (1 to 9, S1..Sn; absent: five).
   */
  | { readonly kind: 'builtIn'; readonly name: string; readonly nodes?: number }
  /** A scenario file carried whole (one a person opened or recorded). */
  | { readonly kind: 'inline'; readonly scenario: Scenario };

/** A point of the run: after event number `seq`, with the clock at `t`. */
export interface SessionPosition {
  readonly seq: number;
  readonly t: number;
}

/** A person's input: the step it was (its `at` is its time) and the event number it became. */
export interface SessionInput {
  readonly seq: number;
  readonly step: Step;
}

export interface SessionSettings {
  /** Simulated ms per real ms. */
  readonly speed: number;
  readonly breakpoints: Breakpoints;
}

/**
 * Where a person is in the scenario's narration: the step shown, counted from 0 (the page says
 * "Step index+1 of N"), and, for a step that asks for a prediction, whether Next has revealed
 * its answer yet (always true for a step that asks nothing). Issue 12, item 6.
 */
export interface NarrationPlace {
  readonly index: number;
  readonly revealed: boolean;
}

export interface Session {
  readonly scenario: ScenarioRef;
  readonly seed: number;
  readonly settings: SessionSettings;
  /** In event order (strictly increasing seq). */
  readonly inputs: readonly SessionInput[];
  /** How far the run had gone. */
  readonly head: SessionPosition;
  /** The moment shown: at or before the head. */
  readonly moment: SessionPosition;
  /**
   * The narration step shown; absent when the narration had not begun (and in every session
   * made before this field existed: those open as before, at "Press Next to begin").
   */
  readonly narration?: NarrationPlace;
}

/** The session as a JSON value (files and links): the same shape, tagged with format and version. */
export function sessionToJson(s: Session): unknown {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    scenario: s.scenario.kind === 'builtIn' ? s.scenario.name : scenarioToJson(s.scenario.scenario),
    ...(s.scenario.kind === 'builtIn' && s.scenario.nodes !== undefined ? { nodes: s.scenario.nodes } : {}),
    seed: s.seed,
    settings: s.settings,
    inputs: s.inputs.map((r) => ({ seq: r.seq, step: r.step })),
    head: s.head,
    moment: s.moment,
    ...(s.narration === undefined ? {} : { narration: { index: s.narration.index, revealed: s.narration.revealed } }),
  };
}

/** A scenario as a scenario file (CONTRACTS.md section 1), with only the fields it uses. */
export function scenarioToJson(s: Scenario): Record<string, unknown> {
  const file: Record<string, unknown> = {
    name: s.name,
    description: s.description,
    seed: s.seed,
    nodes: s.nodes,
    timing: s.timing,
    initial: s.initial,
    steps: s.steps,
    until: s.until,
  };
  if (Object.keys(s.options).length > 0) file.options = s.options;
  if (s.narration.length > 0) file.narration = s.narration;
  return file;
}
