/**
 * The page's URL parameters (CONTRACTS.md section 4), validated at the border: a bad
 * value is ignored with a notice that names it, and the page starts with the default.
 * Numbers have the limits of sim/scenario/limits.ts, said in the words of the other borders.
 */
import { LIMITS, numberProblem, type NumberLimit } from '../../sim/scenario/limits';
import { MAX_FREE_PLAY_NODES, MIN_FREE_PLAY_NODES } from '../../sim/scenario/builtIn/welcome';
import type { Extensions } from '../../raft/types';
import { SCENARIO_CATALOG } from '../../sim/scenario/builtIn/catalog';
import { DEFAULT_SPEED } from '../../store/simStore';
import { MAX_SPEED, MIN_SPEED } from '../../sim/scenario/limits';

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
  /** `nodes=N`: free play with servers S1..SN (1 to 9); null: five. Not with `scenario`. */
  readonly nodes: number | null;
  /**
   * `preVote=1`, `checkQuorum=1` (or `=0`): the run starts with that option on (or off),
   * whatever the scenario's own (CONTRACTS.md section 5). Absent: the scenario's.
   */
  readonly options: Partial<Extensions>;
}

/** Free play's number of servers, as `?nodes=` takes it. */
const NODES: NumberLimit = {
  min: MIN_FREE_PLAY_NODES,
  max: MAX_FREE_PLAY_NODES,
  integer: true,
  whyMax: 'the most servers in a cluster',
};

/** A parameter's text as a number, or NaN for blank text (which Number() would read as 0). */
/** Decimal notation only ("7", "0.5", "1e-2"): not "0x7", "0b11" or " 7 ", which Number() would also take. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function numberOf(raw: string): number {
  return DECIMAL.test(raw) ? Number(raw) : NaN;
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

  let nodes: number | null = null;
  const rawNodes = q.get('nodes');
  if (rawNodes !== null) {
    const n = numberOf(rawNodes);
    const problem = numberProblem(n, NODES, got(rawNodes, n));
    if (problem !== undefined) problems.push(`Ignored nodes=${show(rawNodes)}: ${problem}.`);
    else if (scenario !== null)
      problems.push(
        `Ignored nodes=${show(rawNodes)}: the scenario ${scenario} has its own servers (nodes is for free play).`,
      );
    else nodes = n;
  }

  /** PreVote or CheckQuorum: 1 on, 0 off, absent the scenario's own; anything else is ignored with a notice. */
  const options: { -readonly [K in keyof Extensions]?: boolean } = {};
  for (const name of ['preVote', 'checkQuorum'] as const) {
    const raw = q.get(name);
    if (raw === '1' || raw === '0') options[name] = raw === '1';
    else if (raw !== null) problems.push(`Ignored ${name}=${show(raw)}: expected 1 or 0.`);
  }

  return { params: { seed, scenario, speed, paused, embed, narration, present, nodes, options }, problems };
}
