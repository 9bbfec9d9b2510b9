/**
 * The reference workload of `npm run bench` (CONTRACTS.md section 3): five nodes,
 * election timeout 100–200, heartbeat 50, latency 10–15, one client write every 100 ms.
 */
import { scenarioOf, type Scenario, type Step } from './scenario';

export function referenceWorkload(seconds: number, seed = 1): Scenario {
  const until = seconds * 1000;
  const steps: Step[] = [];
  for (let at = 100, n = 1; at <= until; at += 100, n++) {
    steps.push({
      at,
      do: 'write',
      id: `w${n}`,
      key: `k${n % 16}`,
      value: String(n),
    });
  }
  return scenarioOf({
    name: 'reference-workload',
    description: 'Five nodes, election timeout 100–200, heartbeat 50, latency 10–15, one client write every 100 ms.',
    seed,
    timing: {
      electionTimeout: [100, 200],
      heartbeatInterval: 50,
      latency: [10, 15],
    },
    steps,
    until,
  });
}
