/**
 * The scenario the page opens with when no other is asked for: five servers with
 * RaftScope-like timing and a client write every few seconds of virtual time, so that a
 * newcomer sees an election, messages, logs filling and commits without touching anything.
 */
import { scenarioOf, type Scenario, type Step } from '../scenario';

export const WELCOME_NAME = 'welcome';

export function welcomeScenario(seed = 1): Scenario {
  const steps: Step[] = [];
  for (let n = 1; n <= 200; n++) {
    steps.push({ at: 600 + (n - 1) * 900, do: 'write', id: `w${n}`, key: ['x', 'y', 'z'][n % 3]!, value: String(n) });
  }
  return scenarioOf({
    name: WELCOME_NAME,
    description: 'Five servers elect a leader; a client writes every 0.9 s of virtual time.',
    seed,
    timing: { electionTimeout: [100, 200], heartbeatInterval: 50, latency: [15, 25] },
    steps,
    until: Number.MAX_SAFE_INTEGER,
  });
}
