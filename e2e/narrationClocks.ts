/**
 * Where a narration's steps fall, as the page's clock shows them ("t = 0.159 s"), found here
 * as the page's worker finds them: the same NarrationPlan on the same run. The narration's
 * own words change as soon as Next is pressed; the run is at the step's moment only once the
 * worker has answered, and the clock says when. (A step at 0 ms cannot be told from the
 * start by the clock.)
 */
import { History } from '../src/debug/history';
import { validateScenario } from '../src/sim/scenario/validateScenario';
import { NarrationPlan } from '../src/teach/narration';

/** The clock at each narration step's moment of a scenario (a scenario file's JSON, or a built-in's scenario). */
export function narrationClocks(file: unknown): string[] {
  const checked = validateScenario(file);
  if (!checked.ok) throw new Error(`not a scenario: ${checked.errors.join('; ')}`);
  const scenario = checked.value;
  const plan = new NarrationPlan(scenario.narration, scenario.nodes);
  const run = new History(scenario, { seed: scenario.seed });
  return scenario.narration.map((step, i) => {
    const moment = plan.momentOf(i, run);
    if (moment === null) throw new Error(`${scenario.name}: the moment of step ${i + 1} ("${step.title}") never comes`);
    return `t = ${(moment.t / 1000).toFixed(3)} s`;
  });
}
