/**
 * The page's URL parameters (CONTRACTS.md section 4), validated at the border: a bad
 * value is ignored with a notice that names it, and the page starts with the default.
 */
import { SCENARIO_CATALOG } from '../sim/scenarios/catalog';
import { DEFAULT_SPEED } from '../store/simStore';
import { MAX_SPEED, MIN_SPEED } from '../share/session';

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
}

export function parsePageParams(search: string): { params: PageParams; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const show = (v: string) => JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);

  let seed: number | null = null;
  const rawSeed = q.get('seed');
  if (rawSeed !== null) {
    const n = Number(rawSeed);
    if (rawSeed.trim() !== '' && Number.isSafeInteger(n) && n >= 0) seed = n;
    else problems.push(`Ignored seed=${show(rawSeed)}: expected a whole number of at least 0.`);
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
    const n = Number(rawSpeed);
    if (rawSpeed.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) speed = n;
    else problems.push(`Ignored speed=${show(rawSpeed)}: expected a number from ${MIN_SPEED} to ${MAX_SPEED}.`);
  }

  let paused = false;
  const rawPaused = q.get('paused');
  if (rawPaused !== null) {
    if (rawPaused === '1') paused = true;
    else if (rawPaused !== '0') problems.push(`Ignored paused=${show(rawPaused)}: expected 1 or 0.`);
  }

  let embed = false;
  const rawEmbed = q.get('embed');
  if (rawEmbed !== null) {
    if (rawEmbed === '1') embed = true;
    else if (rawEmbed !== '0') problems.push(`Ignored embed=${show(rawEmbed)}: expected 1 or 0.`);
  }

  return { params: { seed, scenario, speed, paused, embed }, problems };
}
