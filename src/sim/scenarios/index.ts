/**
 * The built-in scenarios, as scenario files (CONTRACTS.md section 1), validated like any
 * other input.
 */
import type { Scenario } from '../scenario';
import { validateScenario } from '../validateScenario';
import basicElection from './basic-election.json';
import figure7 from './figure-7.json';
import figure8Committed from './figure-8-committed.json';
import figure8Overwritten from './figure-8-overwritten.json';
import fullClusterRestart from './full-cluster-restart.json';
import leaderCrash from './leader-crash.json';
import restartForgetsVote from './restart-forgets-vote.json';
import splitVote from './split-vote.json';
import staleLeader from './stale-leader.json';

export interface BuiltInScenario {
  readonly title: string;
  readonly scenario: Scenario;
}

const files: readonly unknown[] = [
  basicElection,
  leaderCrash,
  splitVote,
  staleLeader,
  figure7,
  figure8Overwritten,
  figure8Committed,
  fullClusterRestart,
  restartForgetsVote,
];

function load(file: unknown): BuiltInScenario {
  const result = validateScenario(file);
  if (!result.ok) throw new Error(`built-in scenario is invalid: ${result.errors.join('; ')}`);
  const title = (file as { title?: string }).title ?? result.value.name;
  return { title, scenario: result.value };
}

export const BUILT_IN_SCENARIOS: readonly BuiltInScenario[] = files.map(load);

export function builtInScenario(name: string): Scenario | undefined {
  return BUILT_IN_SCENARIOS.find((s) => s.scenario.name === name)?.scenario;
}
