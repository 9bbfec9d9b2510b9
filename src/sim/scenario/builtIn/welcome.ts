/**
 * The scenario the page opens with when no other is asked for (free play): five servers
 * (or 1 to 9: the page's `?nodes=` and its Servers control) with RaftScope-like timing and a
 * client write every few seconds of virtual time, so that a newcomer sees an election,
 * messages, logs filling and commits without touching anything.
 */
import { MAX_NODES } from '../limits';
import { scenarioOf, type Scenario, type Step } from '../scenario';

export const WELCOME_NAME = 'welcome';

/** How many servers free play has unless asked for another number. */
export const FREE_PLAY_NODES = 5;
/** The fewest and most servers free play can have (CONTRACTS.md section 5: 1 to 9). */
export const MIN_FREE_PLAY_NODES = 1;
export const MAX_FREE_PLAY_NODES = MAX_NODES;

const NUMBER_WORDS: readonly string[] = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'];

/** Virtual ms between the scenario's client writes. */
const WRITE_EVERY = 900;

/**
 * What free play with `nodes` servers is, as the scenario picker shows it. The real-time
 * figure is for the page's opening speed (0.035 simulated ms per real ms): 900 / 0.035 ms ≈ 26 s.
 */
export function welcomeDescription(nodes: number = FREE_PLAY_NODES): string {
  const servers = nodes === 1 ? 'One server' : `${NUMBER_WORDS[nodes] ?? String(nodes)} servers`;
  return (
    `${servers}; a client writes on its own every ${WRITE_EVERY / 1000} s of virtual time (about every 26 s ` +
    'of real time at the opening speed, 0.035×; 200 writes in all). Watch an election, then crash servers, ' +
    'cut links and send your own writes.'
  );
}

export const WELCOME_DESCRIPTION = welcomeDescription(FREE_PLAY_NODES);

/** Free play's servers: S1 to Sn. */
export function freePlayIds(nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `S${i + 1}`);
}

/**
 * Free play with `nodes` servers S1..Sn (an integer from 1 to 9; default five). With five
 * it is exactly the scenario it always was.
 */
export function welcomeScenario(seed = 1, nodes: number = FREE_PLAY_NODES): Scenario {
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
    description: welcomeDescription(nodes),
    seed,
    ...(nodes === FREE_PLAY_NODES ? {} : { nodes: freePlayIds(nodes) }),
    timing: { electionTimeout: [100, 200], heartbeatInterval: 50, latency: [15, 25] },
    steps,
    until: Number.MAX_SAFE_INTEGER,
  });
}
