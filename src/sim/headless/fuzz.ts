/**
 * Random fault schedules: crashes, restarts, partitions, cuts, message loss, duplication,
 * reordering (from latency spread) and client writes, all drawn from one seed. Every
 * schedule ends with its faults healed, every node restarted and one last write, so a
 * run shows both safety (checked after every event) and progress once faults heal.
 */
import { layeredGet } from '../../util/layeredRecord';
import type { NodeId } from '../../raft/types';
import { Prng } from '../core/prng';
import { runScenario } from './run';
import { DEFAULT_NODES, DEFAULT_TIMING, scenarioOf, type Scenario, type Step } from '../scenario/scenario';

/** The id of the write submitted after faults heal; its acknowledgement is the progress check. */
export const FINAL_WRITE = 'final';

/** The share of a run during which faults are injected; the rest is for recovery. */
export const FAULT_SHARE = 0.6;

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function shuffle<T>(rng: Prng, items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A random fault schedule over `until` virtual milliseconds. */
export function fuzzScenario(seed: number, until: number): Scenario {
  const rng = Prng.of(seed, 'fuzz');
  const nodes: readonly NodeId[] = rng.chance(0.2) ? ['S1', 'S2', 'S3'] : DEFAULT_NODES;
  const healAt = round(until * FAULT_SHARE);
  const steps: Step[] = [];
  let writes = 0;
  for (let t = rng.between(0, 200); t < healAt; t += rng.between(10, 400)) {
    const at = round(t);
    const r = rng.next();
    if (r < 0.35) {
      writes++;
      const to = rng.chance(0.15) ? { to: rng.pick(nodes) } : {};
      steps.push({
        at,
        do: 'write',
        id: `w${writes}`,
        key: rng.pick(['x', 'y', 'z']),
        value: String(writes),
        ...to,
      });
    } else if (r < 0.47) steps.push({ at, do: 'crash', node: rng.pick(nodes) });
    else if (r < 0.59) steps.push({ at, do: 'restart', node: rng.pick(nodes) });
    else if (r < 0.65) steps.push({ at, do: 'timeout', node: rng.pick(nodes) });
    else if (r < 0.73) {
      const order = shuffle(rng, nodes);
      const cutAt = 1 + rng.int(nodes.length - 1);
      const groups = rng.chance(0.2) ? [order.slice(0, cutAt)] : [order.slice(0, cutAt), order.slice(cutAt)];
      steps.push({ at, do: 'partition', groups });
    } else if (r < 0.8) steps.push({ at, do: 'heal' });
    else if (r < 0.88) steps.push({ at, do: 'cut', from: rng.pick(nodes), to: rng.pick(nodes) });
    else {
      const lo = round(rng.between(1, 30));
      steps.push({
        at,
        do: 'network',
        drop: round(rng.between(0, 0.3) * 100) / 100,
        duplicate: round(rng.between(0, 0.2) * 100) / 100,
        latency: [lo, round(lo + rng.between(0, 40))],
      });
    }
  }
  steps.push({ at: healAt, do: 'heal' });
  steps.push({
    at: healAt,
    do: 'network',
    drop: 0,
    duplicate: 0,
    latency: DEFAULT_TIMING.latency,
  });
  for (const node of nodes) steps.push({ at: healAt, do: 'restart', node });
  steps.push({
    at: healAt + 1,
    do: 'write',
    id: FINAL_WRITE,
    key: 'done',
    value: 'yes',
  });
  return scenarioOf({
    name: `fuzz-${seed}`,
    description: 'Random crashes, restarts, partitions, cuts, loss, duplication and writes; then everything heals.',
    seed,
    nodes,
    steps,
    until,
  });
}

export interface FuzzRun {
  readonly seed: number;
  readonly ok: boolean;
  readonly progressed: boolean;
  readonly events: number;
  readonly violations: string[];
  readonly replay: string;
}

export function fuzzOne(seed: number, until: number): FuzzRun {
  const scenario = fuzzScenario(seed, until);
  const { summary, world } = runScenario(scenario);
  return {
    seed,
    ok: summary.ok,
    progressed: layeredGet(world.client.acked, FINAL_WRITE) !== undefined,
    events: summary.events,
    violations: summary.violations,
    replay: `npm run sim -- --fuzz 1 --seed ${seed} --until ${until}`,
  };
}

export interface FuzzResult {
  readonly ok: boolean;
  readonly runs: number;
  readonly events: number;
  readonly violations: string[];
  readonly failedSeeds: number[];
  /** Runs that made no progress after their faults healed (a liveness failure, not a safety one). */
  readonly stalledSeeds: number[];
}

export function fuzzCampaign(options: {
  readonly runs: number;
  readonly seed: number;
  readonly until: number;
  readonly onRun?: (run: FuzzRun) => void;
}): FuzzResult {
  let events = 0;
  const violations: string[] = [];
  const failedSeeds: number[] = [];
  const stalledSeeds: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const run = fuzzOne(options.seed + i, options.until);
    events += run.events;
    if (!run.ok) {
      failedSeeds.push(run.seed);
      violations.push(...run.violations.map((v) => `seed ${run.seed}: ${v}`));
    }
    if (!run.progressed) stalledSeeds.push(run.seed);
    options.onRun?.(run);
  }
  return {
    ok: failedSeeds.length === 0,
    runs: options.runs,
    events,
    violations,
    failedSeeds,
    stalledSeeds,
  };
}
