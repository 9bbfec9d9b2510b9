/**
 * The page's URL parameters (CONTRACTS.md section 4), validated at the border: a bad
 * value is ignored with a notice that names it, and the page starts with the default.
 * Numbers have the limits of sim/scenario/limits.ts, said in the words of the other borders.
 */
import { LIMITS, numberProblem } from '../../sim/scenario/limits';
import { SCENARIO_CATALOG } from '../../sim/scenario/builtIn/catalog';
import { DEFAULT_SPEED } from '../../store/simStore';
import { MAX_SPEED, MIN_SPEED } from '../../share/session';

export { DEFAULT_SPEED };

export { MAX_SPEED, MIN_SPEED };

export interface PageParams {
  /** Null: the scenario's own seed (1 for the default scenario). */
  readonly seed: number | null;
  readonly scenario: string | null;
  readonly speed: number;
  readonly paused: boolean;
  /** `embed=1`: a view without the page's chrome, for an iframe in slides. */
  readonly embed: boolean;
  /** `narration=1`: with `embed=1`, the scenario's narration is shown beside the cluster too. */
  readonly narration: boolean;
  /** `present=1`: opens in presentation mode (for a link from a lecture's slides). */
  readonly present: boolean;
}

/** A parameter's text as a number, or NaN for blank text (which Number() would read as 0). */
function numberOf(raw: string): number {
  return raw.trim() === '' ? NaN : Number(raw);
}

/**
 * Reads the query string (`location.search`, with or without its "?"). Returns the
 * parameters, defaults in place of bad values, and one sentence per bad value, such as
 * `Ignored seed="-3": must be at least 0, got -3.` Never throws.
 */
export function parsePageParams(search: string): { params: PageParams; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const show = (v: string) => JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  /** How a value is shown after "got": a number as typed, like the command line; other text quoted and cut short. */
  const got = (raw: string, n: number) => (Number.isFinite(n) && raw.length <= 30 ? raw : show(raw));

  let seed: number | null = null;
  const rawSeed = q.get('seed');
  if (rawSeed !== null) {
    const n = numberOf(rawSeed);
    const problem = numberProblem(n, LIMITS.seed, got(rawSeed, n));
    if (problem === undefined) seed = n;
    else problems.push(`Ignored seed=${show(rawSeed)}: ${problem}.`);
  }

  let scenario: string | null = null;
  const rawScenario = q.get('scenario');
  if (rawScenario !== null) {
    if (SCENARIO_CATALOG.some((s) => s.name === rawScenario)) scenario = rawScenario;
    else
      problems.push(
        `Ignored scenario=${show(rawScenario)}: no built-in scenario has that name (try ${SCENARIO_CATALOG.map((s) => s.name).join(', ')}).`,
      );
  }

  let speed = DEFAULT_SPEED;
  const rawSpeed = q.get('speed');
  if (rawSpeed !== null) {
    const n = numberOf(rawSpeed);
    if (Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) speed = n;
    else
      problems.push(
        `Ignored speed=${show(rawSpeed)}: ${Number.isFinite(n) ? 'must be' : 'expected a number'} between ${MIN_SPEED} and ${MAX_SPEED}, got ${got(rawSpeed, n)}.`,
      );
  }

  /** A 0/1 switch: 1 is on, 0 or absent is off, anything else is ignored with a notice. */
  const flag = (name: string): boolean => {
    const raw = q.get(name);
    if (raw === null || raw === '0') return false;
    if (raw === '1') return true;
    problems.push(`Ignored ${name}=${show(raw)}: expected 1 or 0.`);
    return false;
  };
  const paused = flag('paused');
  const embed = flag('embed');
  const narration = flag('narration');
  const present = flag('present');

  return { params: { seed, scenario, speed, paused, embed, narration, present }, problems };
}
