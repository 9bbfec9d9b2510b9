/**
 * The scenario the page opens with when no other is asked for: five servers with
 * RaftScope-like timing and a client write every few seconds of virtual time, so that a
 * newcomer sees an election, messages, logs filling and commits without touching anything.
 */
import { scenarioOf, type Scenario, type Step } from '../scenario';

export const WELCOME_NAME = 'welcome';

/** Virtual ms between the scenario's client writes. */
const WRITE_EVERY = 900;

/**
 * What free play is, as the scenario picker shows it. The real-time figure is for the page's
 * opening speed (0.035 simulated ms per real ms): 900 / 0.035 ms ≈ 26 s.
 */
export const WELCOME_DESCRIPTION =
  `Five servers; a client writes on its own every ${WRITE_EVERY / 1000} s of virtual time (about every 26 s ` +
  'of real time at the opening speed, 0.035×; 200 writes in all). Watch an election, then crash servers, ' +
  'cut links and send your own writes.';

export function welcomeScenario(seed = 1): Scenario {
  const steps: Step[] = [];
  for (let n = 1; n <= 200; n++) {
    steps.push({
      at: 600 + (n - 1) * WRITE_EVERY,
      do: 'write',
      id: `w${n}`,
      key: ['x', 'y', 'z'][n % 3]!,
      value: String(n),
    });
  }
  return scenarioOf({
    name: WELCOME_NAME,
    description: WELCOME_DESCRIPTION,
    seed,
    timing: { electionTimeout: [100, 200], heartbeatInterval: 50, latency: [15, 25] },
    steps,
    until: Number.MAX_SAFE_INTEGER,
  });
}
