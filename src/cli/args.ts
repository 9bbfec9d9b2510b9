/**
 * Command-line flags for `npm run sim`, validated with messages a person can act on: the
 * limits of sim/scenario/limits.ts, in the words the scenario and session validators use.
 */
import { LIMITS, MAX_SEED, numberProblem, type NumberLimit } from '../sim/scenario/limits';

export interface SimArgs {
  readonly scenario?: string;
  readonly fuzz?: number;
  readonly seed?: number;
  readonly until?: number;
  readonly trace?: string;
  /** Overrides the scenario's `options.preVote` (with --fuzz: every run's). */
  readonly preVote?: boolean;
  /** Overrides the scenario's `options.checkQuorum` (with --fuzz: every run's). */
  readonly checkQuorum?: boolean;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const USAGE = `usage:
  npm run sim -- --scenario FILE.json [--seed N] [--until MS] [--trace OUT.jsonl] [--preVote] [--checkQuorum]
  npm run sim -- --fuzz RUNS [--seed N] [--until MS] [--preVote] [--checkQuorum]
  (--preVote and --checkQuorum turn an option on; --preVote=false turns a scenario's off)`;

export function usage(): string {
  return USAGE;
}

/**
 * A flag's number within `limit`: `--until: must be at most 3600000 (one hour of virtual
 * time), got 1e15`. Shows the value as typed; blank or missing is not a number.
 */
function numberFlag(name: string, v: string | undefined, limit: NumberLimit): Parsed<number> {
  if (v === undefined) return { ok: false, error: `${name} needs a number` };
  const n = v.trim() === '' ? NaN : Number(v);
  const problem = numberProblem(n, limit, Number.isFinite(n) ? v : JSON.stringify(v));
  return problem === undefined ? { ok: true, value: n } : { ok: false, error: `${name}: ${problem}` };
}

const NUMBER_FLAGS: Readonly<Record<string, NumberLimit>> = {
  '--fuzz': LIMITS.fuzzRuns,
  '--seed': LIMITS.seed,
  '--until': LIMITS.until,
};

/** A switch: `--preVote` alone or `--preVote=true` is on, `--preVote=false` off. */
function switchFlag(name: string, inline: string | undefined): Parsed<boolean> {
  if (inline === undefined || inline === 'true') return { ok: true, value: true };
  if (inline === 'false') return { ok: true, value: false };
  return { ok: false, error: `${name}: expected true or false after "=", got ${JSON.stringify(inline)}` };
}

/**
 * Parses `npm run sim`'s arguments (CONTRACTS.md sections 3 and 5): exactly one of --scenario
 * FILE or --fuzz RUNS; --seed N (0 to MAX_SEED), --until MS (virtual ms, above 0, at most
 * MAX_UNTIL), --trace FILE with --scenario; the switches --preVote and --checkQuorum (each
 * optionally `=true` or `=false`). A fuzz campaign's seeds N..N+RUNS-1 must all be seeds.
 * Errors are one message for standard error, never a throw.
 */
export function parseSimArgs(argv: readonly string[]): Parsed<SimArgs> {
  const out: {
    scenario?: string;
    fuzz?: number;
    seed?: number;
    until?: number;
    trace?: string;
    preVote?: boolean;
    checkQuorum?: boolean;
  } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] =
      flag.startsWith('--') && flag.includes('=')
        ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
        : [flag, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--scenario':
      case '--trace': {
        const v = value();
        if (v === undefined || v === '') return { ok: false, error: `${name} needs a file name` };
        if (name === '--scenario') out.scenario = v;
        else out.trace = v;
        break;
      }
      case '--fuzz':
      case '--seed':
      case '--until': {
        const n = numberFlag(name, value(), NUMBER_FLAGS[name]!);
        if (!n.ok) return n;
        if (name === '--fuzz') out.fuzz = n.value;
        else if (name === '--seed') out.seed = n.value;
        else out.until = n.value;
        break;
      }
      case '--preVote':
      case '--checkQuorum': {
        const on = switchFlag(name, inline);
        if (!on.ok) return on;
        if (name === '--preVote') out.preVote = on.value;
        else out.checkQuorum = on.value;
        break;
      }
      case '--help':
      case '-h':
        return { ok: false, error: USAGE };
      default:
        return {
          ok: false,
          error: `unknown argument ${JSON.stringify(flag)}\n${USAGE}`,
        };
    }
  }
  if ((out.scenario === undefined) === (out.fuzz === undefined)) {
    return {
      ok: false,
      error: `give exactly one of --scenario FILE or --fuzz RUNS\n${USAGE}`,
    };
  }
  if (out.fuzz !== undefined && out.trace !== undefined)
    return { ok: false, error: '--trace goes with --scenario, not --fuzz' };
  if (out.fuzz !== undefined) {
    const last = (out.seed ?? 1) + out.fuzz - 1;
    if (last > MAX_SEED)
      return {
        ok: false,
        error: `--fuzz: ${out.fuzz} runs from seed ${out.seed ?? 1} would use seeds up to ${last}, but seeds must be at most ${MAX_SEED} (${LIMITS.seed.whyMax})`,
      };
  }
  return { ok: true, value: out };
}
