/**
 * Runs a scenario headless to its end: the engine behind `npm run sim` and the tests.
 */
import type { Scenario } from '../scenario/scenario';
import type { Violation } from '../check/safety';
import { World, type Processed } from '../core/world';
import { traceLine } from '../core/trace';

export interface RunOptions {
  readonly seed?: number;
  readonly until?: number;
  /** Receives each trace line (without its newline), starting with the init line. */
  readonly trace?: (line: string) => void;
  /** Receives each processed event. */
  readonly onEvent?: (p: Processed, world: World) => void;
  /** Stop at the first violation. */
  readonly stopOnViolation?: boolean;
  /** Asked after each event (and its onEvent): true ends the run there. */
  readonly stop?: () => boolean;
}

export interface RunSummary {
  readonly ok: boolean;
  readonly seed: number;
  readonly until: number;
  readonly events: number;
  readonly violations: string[];
  readonly leaders: Record<string, string>;
  readonly committed: number;
  readonly acked: number;
}

export interface RunResult {
  readonly summary: RunSummary;
  readonly world: World;
  readonly violations: readonly Violation[];
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const world = new World(scenario, options.seed === undefined ? {} : { seed: options.seed });
  const until = options.until ?? scenario.until;
  const trace = options.trace;
  if (trace) trace(traceLine(0, 0, { kind: 'init' }, world));
  const onEvent = options.onEvent;
  for (let p = world.step(until); p !== null; p = world.step(until)) {
    if (trace) trace(traceLine(p.t, p.seq, p.event, world));
    if (onEvent) onEvent(p, world);
    if (options.stopOnViolation && p.violations.length > 0) break;
    if (options.stop?.() === true) break;
  }
  return {
    summary: summarize(world, until),
    world,
    violations: world.violations,
  };
}

export function summarize(world: World, until: number): RunSummary {
  return {
    ok: world.violations.length === 0,
    seed: world.seed,
    until,
    events: world.seq + 1,
    violations: world.violations.map((v) => v.message),
    leaders: { ...world.checker.leaders },
    committed: world.checker.committed,
    acked: world.client.acked.size,
  };
}
