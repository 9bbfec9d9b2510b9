/**
 * Random fault schedules: crashes, restarts, partitions, cuts, message loss, duplication,
 * reordering (from latency spread), client writes, leadership transfers and clock skew, all
 * drawn from one seed, in clusters of 1 to 9 servers, with PreVote and CheckQuorum as the
 * campaign asks. Every schedule ends with a healed period: every fault healed, every server
 * restarted, every clock back at true time, and one last write. A run shows safety (checked
 * after every event) and liveness: in the healed period a leader emerges, keeps its term for
 * a few election timeouts, and the last write is acknowledged; a run that does not is a stall.
 */
import { layeredGet } from '../../util/layeredRecord';
import { NO_EXTENSIONS, type Extensions, type NodeId } from '../../raft/types';
import { Prng } from '../core/prng';
import { LeaderWatch, type LeaderVerdict } from './liveness';
import { runScenario } from './run';
import { DEFAULT_TIMING, scenarioOf, type Scenario, type Step } from '../scenario/scenario';
import { MAX_CLOCK_RATE, MIN_CLOCK_RATE } from '../scenario/limits';

/** The id of the write submitted after faults heal; its acknowledgement is part of the liveness check. */
export const FINAL_WRITE = 'final';

/** The share of a run during which faults are injected; the rest is for recovery. */
export const FAULT_SHARE = 0.6;

/**
 * The shortest healed period, in longest election timeouts: room for elections to settle
 * (split votes, a stale server's higher term deposing a leader once) and then for
 * STABLE_TIMEOUTS of calm. A run shorter than this has no faults and its liveness is not judged.
 */
export const HEALED_TIMEOUTS = 10;

/** How long, in longest election timeouts, the leader at the end must have kept its term. */
export const STABLE_TIMEOUTS = 3;

/**
 * Events at one virtual instant after which a run is stopped as stuck: time stands still (a
 * timer that fires without moving on, say). The busiest instants of a healthy run have a few
 * dozen (a burst of scenario steps, a leader's heartbeats to eight followers).
 */
export const MAX_EVENTS_AT_ONE_INSTANT = 10_000;

const ALL_NODES: readonly NodeId[] = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'];

/** Cluster sizes and their weights: mostly five and three, some of every size from one to nine. */
const SIZES: readonly (readonly [number, number])[] = [
  [1, 0.04],
  [2, 0.05],
  [3, 0.2],
  [4, 0.1],
  [5, 0.4],
  [6, 0.04],
  [7, 0.1],
  [9, 0.07],
];

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

function clusterSize(rng: Prng): number {
  let r = rng.next();
  for (const [size, weight] of SIZES) {
    if (r < weight) return size;
    r -= weight;
  }
  return 5;
}

/**
 * When a fuzz run of `until` virtual ms heals (virtual ms): at FAULT_SHARE of the run, but
 * early enough to leave HEALED_TIMEOUTS longest election timeouts of healed time (0 when the
 * run is shorter than that).
 */
export function healTime(until: number): number {
  const healed = HEALED_TIMEOUTS * DEFAULT_TIMING.electionTimeout[1];
  return round(Math.max(0, Math.min(until * FAULT_SHARE, until - healed)));
}

/** A clock rate between MIN_CLOCK_RATE and MAX_CLOCK_RATE, as likely slow as fast (two decimals). */
function clockRate(rng: Prng): number {
  const lo = Math.log2(MIN_CLOCK_RATE);
  const hi = Math.log2(MAX_CLOCK_RATE);
  const rate = Math.round(2 ** rng.between(lo, hi) * 100) / 100;
  return Math.min(MAX_CLOCK_RATE, Math.max(MIN_CLOCK_RATE, rate));
}

/**
 * A random fault schedule over `until` virtual ms, with PreVote and CheckQuorum as in
 * `extensions` (both off by default). The schedule depends on the seed alone, not on the
 * extensions, so one seed under each combination faces the same faults.
 */
export function fuzzScenario(seed: number, until: number, extensions: Extensions = NO_EXTENSIONS): Scenario {
  const rng = Prng.of(seed, 'fuzz');
  const nodes = ALL_NODES.slice(0, clusterSize(rng));
  const healAt = healTime(until);
  const steps: Step[] = [];
  const skewed = new Set<NodeId>();
  let writes = 0;
  for (let t = rng.between(0, 200); t < healAt; t += rng.between(10, 400)) {
    const at = round(t);
    const r = rng.next();
    if (r < 0.32) {
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
    } else if (r < 0.43) steps.push({ at, do: 'crash', node: rng.pick(nodes) });
    else if (r < 0.54) steps.push({ at, do: 'restart', node: rng.pick(nodes) });
    else if (r < 0.59) steps.push({ at, do: 'timeout', node: rng.pick(nodes) });
    else if (r < 0.67 && nodes.length > 1) {
      const order = shuffle(rng, nodes);
      const cutAt = 1 + rng.int(nodes.length - 1);
      const groups = rng.chance(0.2) ? [order.slice(0, cutAt)] : [order.slice(0, cutAt), order.slice(cutAt)];
      steps.push({ at, do: 'partition', groups });
    } else if (r < 0.74) steps.push({ at, do: 'heal' });
    else if (r < 0.81) steps.push({ at, do: 'cut', from: rng.pick(nodes), to: rng.pick(nodes) });
    else if (r < 0.87) steps.push({ at, do: 'transferLeadership', to: rng.pick(nodes) });
    else if (r < 0.93) {
      const node = rng.pick(nodes);
      skewed.add(node);
      steps.push({ at, do: 'clock', node, rate: clockRate(rng) });
    } else {
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
  for (const node of nodes) if (skewed.has(node)) steps.push({ at: healAt, do: 'clock', node, rate: 1 });
  steps.push({
    at: healAt + 1,
    do: 'write',
    id: FINAL_WRITE,
    key: 'done',
    value: 'yes',
  });
  const options = {
    ...(extensions.preVote ? { preVote: true } : {}),
    ...(extensions.checkQuorum ? { checkQuorum: true } : {}),
  };
  return scenarioOf({
    name: `fuzz-${seed}`,
    description:
      'Random crashes, restarts, partitions, cuts, loss, duplication, writes, leadership transfers and clock skew; then everything heals.',
    seed,
    nodes,
    steps,
    until,
    options,
  });
}

export interface FuzzRun {
  readonly seed: number;
  /** No safety property was violated. */
  readonly ok: boolean;
  /** The write submitted after faults healed was acknowledged. */
  readonly progressed: boolean;
  /**
   * Why the run is a stall (no stable leader at the end, or no progress), or null when it is
   * live or too short to judge (shorter than HEALED_TIMEOUTS election timeouts).
   */
  readonly stall: string | null;
  readonly events: number;
  readonly violations: string[];
  /** The command that runs this seed again, with the same options. */
  readonly replay: string;
}

/**
 * Whether a run that healed at `healAt` and ended at `until` (virtual ms) stalled, in words,
 * or null: judged only when the healed period lasts HEALED_TIMEOUTS longest election timeouts
 * (`longest`, ms). Live means a stable leader at the end (`verdict`) that has held its term
 * for STABLE_TIMEOUTS of them, and the write after healing acknowledged (`progressed`).
 */
export function stallOf(
  verdict: LeaderVerdict,
  progressed: boolean,
  healAt: number,
  until: number,
  longest: number,
): string | null {
  if (until - healAt < HEALED_TIMEOUTS * longest) return null;
  const { leader, term, since } = verdict;
  if (leader === null || since === null) return `no stable leader at the end, ${until - healAt} ms after faults healed`;
  if (until - since < STABLE_TIMEOUTS * longest)
    return `leader ${leader} of term ${term} held its term only ${round(until - since)} ms (less than ${STABLE_TIMEOUTS} election timeouts) by the end`;
  if (!progressed) return 'the write submitted after faults healed was never acknowledged';
  return null;
}

/** The flags that turn `extensions` on, as the command line spells them (a leading space each). */
function flagsOf(extensions: Extensions): string {
  return `${extensions.preVote ? ' --preVote' : ''}${extensions.checkQuorum ? ' --checkQuorum' : ''}`;
}

/**
 * One fuzz run: the schedule of `seed` over `until` virtual ms under `extensions`, safety
 * checked after every event, liveness judged over the healed period (see FuzzRun.stall).
 */
export function fuzzOne(seed: number, until: number, extensions: Extensions = NO_EXTENSIONS): FuzzRun {
  const scenario = fuzzScenario(seed, until, extensions);
  const healAt = healTime(until);
  const watch = new LeaderWatch();
  let instant = -1;
  let atInstant = 0;
  const { summary, world } = runScenario(scenario, {
    onEvent: (p, w) => {
      if (p.t === instant) atInstant++;
      else {
        instant = p.t;
        atInstant = 1;
      }
      if (p.t >= healAt) watch.observe(w.hosts, p.t);
    },
    stop: () => atInstant >= MAX_EVENTS_AT_ONE_INSTANT,
  });
  const progressed = layeredGet(world.client.acked, FINAL_WRITE) !== undefined;
  const stall =
    atInstant >= MAX_EVENTS_AT_ONE_INSTANT
      ? `time stood still: ${atInstant} events at t=${instant} ms, and the run was stopped there`
      : stallOf(watch.verdict(), progressed, healAt, until, scenario.timing.electionTimeout[1]);
  return {
    seed,
    ok: summary.ok,
    progressed,
    stall,
    events: summary.events,
    violations: summary.violations,
    replay: `npm run sim -- --fuzz 1 --seed ${seed} --until ${until}${flagsOf(extensions)}`,
  };
}

export interface FuzzResult {
  /** No run violated a safety property and none stalled. */
  readonly ok: boolean;
  readonly runs: number;
  readonly events: number;
  readonly violations: string[];
  readonly failedSeeds: number[];
  /** How many runs stalled: no stable leader, or no progress, once faults healed (liveness). */
  readonly stalls: number;
  readonly stalledSeeds: number[];
}

/**
 * `runs` fuzz runs of seeds `seed`, `seed + 1`, ... over `until` virtual ms each, under
 * `extensions` (each one off unless given true); `onRun` sees each run as it ends.
 */
export function fuzzCampaign(options: {
  readonly runs: number;
  readonly seed: number;
  readonly until: number;
  readonly extensions?: { readonly [K in keyof Extensions]?: boolean | undefined };
  readonly onRun?: (run: FuzzRun) => void;
}): FuzzResult {
  const extensions: Extensions = {
    preVote: options.extensions?.preVote ?? NO_EXTENSIONS.preVote,
    checkQuorum: options.extensions?.checkQuorum ?? NO_EXTENSIONS.checkQuorum,
  };
  let events = 0;
  const violations: string[] = [];
  const failedSeeds: number[] = [];
  const stalledSeeds: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const run = fuzzOne(options.seed + i, options.until, extensions);
    events += run.events;
    if (!run.ok) {
      failedSeeds.push(run.seed);
      violations.push(...run.violations.map((v) => `seed ${run.seed}: ${v}`));
    }
    if (run.stall !== null) stalledSeeds.push(run.seed);
    options.onRun?.(run);
  }
  return {
    ok: failedSeeds.length === 0 && stalledSeeds.length === 0,
    runs: options.runs,
    events,
    violations,
    failedSeeds,
    stalls: stalledSeeds.length,
    stalledSeeds,
  };
}
