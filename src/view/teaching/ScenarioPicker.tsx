/**
 * The scenario library: a list of the built-in scenarios by title, with the chosen one's
 * description. Choosing one starts it from the beginning with its own seed, and puts its
 * name in the address (?scenario=...) so the link opens it again.
 */
import { useId } from 'react';
import { SCENARIO_CATALOG } from '../../sim/scenario/builtIn/catalog';
import { WELCOME_DESCRIPTION } from '../../sim/scenario/builtIn/welcome';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';

const FREE_PLAY = 'welcome';
const OPENED = '(opened)';

function choose(name: string): void {
  const scenario = name === FREE_PLAY ? null : name;
  const q = new URLSearchParams(location.search);
  if (scenario === null) q.delete('scenario');
  else q.set('scenario', scenario);
  q.delete('seed');
  const query = q.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  sim.load(scenario);
}

export function ScenarioPicker() {
  const current = useSim((s) => s.scenario);
  const descriptionId = useId();
  const entry = SCENARIO_CATALOG.find((s) => s.name === current);
  // A scenario opened from a file or a link, not one of the library's.
  const opened = entry === undefined && current !== FREE_PLAY && current !== '' ? current : null;
  return (
    <div className="scenario-bar">
      <label>
        <span>Scenario</span>
        <select
          value={entry ? current : opened !== null ? OPENED : FREE_PLAY}
          onChange={(e) => e.target.value !== OPENED && choose(e.target.value)}
          aria-describedby={descriptionId}
        >
          {opened !== null && <option value={OPENED}>Opened: {opened}</option>}
          <option value={FREE_PLAY}>Free play: five servers, a few writes</option>
          {SCENARIO_CATALOG.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <p id={descriptionId} className="scenario-description">
        {entry?.description ?? (opened !== null ? 'A scenario opened from a file or a link.' : WELCOME_DESCRIPTION)}
      </p>
    </div>
  );
}
