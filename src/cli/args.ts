/**
 * Command-line flags for `npm run sim`, validated with messages a person can act on.
 */

export interface SimArgs {
  readonly scenario?: string;
  readonly fuzz?: number;
  readonly seed?: number;
  readonly until?: number;
  readonly trace?: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const USAGE = `usage:
  npm run sim -- --scenario FILE.json [--seed N] [--until MS] [--trace OUT.jsonl]
  npm run sim -- --fuzz RUNS [--seed N] [--until MS]`;

export function usage(): string {
  return USAGE;
}

export function parseSimArgs(argv: readonly string[]): Parsed<SimArgs> {
  const out: {
    scenario?: string;
    fuzz?: number;
    seed?: number;
    until?: number;
    trace?: string;
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
      case '--seed': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        const min = name === '--fuzz' ? 1 : 0;
        if (!Number.isSafeInteger(n) || n < min) {
          return {
            ok: false,
            error: `${name} needs an integer of at least ${min}, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
          };
        }
        if (name === '--fuzz') out.fuzz = n;
        else out.seed = n;
        break;
      }
      case '--until': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        if (!Number.isFinite(n) || n <= 0) {
          return {
            ok: false,
            error: `--until needs a positive number of virtual milliseconds, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
          };
        }
        out.until = n;
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
  return { ok: true, value: out };
}
