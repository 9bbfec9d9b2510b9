/**
 * The built-in scenarios, as scenario files (CONTRACTS.md section 1), validated like any
 * other input.
 */
import type { Scenario } from '../scenario';
import { validateScenario } from '../validateScenario';
import { SCENARIO_FILES } from './files';

export interface BuiltInScenario {
  readonly title: string;
  readonly scenario: Scenario;
}

function load(file: unknown): BuiltInScenario {
  const result = validateScenario(file);
  if (!result.ok) throw new Error(`built-in scenario is invalid: ${result.errors.join('; ')}`);
  const title = (file as { title?: string }).title ?? result.value.name;
  return { title, scenario: result.value };
}

export const BUILT_IN_SCENARIOS: readonly BuiltInScenario[] = SCENARIO_FILES.map(load);

export function builtInScenario(name: string): Scenario | undefined {
  return BUILT_IN_SCENARIOS.find((s) => s.scenario.name === name)?.scenario;
}
