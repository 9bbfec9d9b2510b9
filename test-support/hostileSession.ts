/**
 * The worst sessions a link may carry, as far as the validator lets them go, each with a head
 * at the most events a session may describe. Used by the budget test and `npm run bench:hostile`.
 */
import { MAX_SESSION_EVENTS, type Session } from '../src/share/session';
import { History } from '../src/debug/history';
import {
  MAX_LATENCY,
  MAX_NODES,
  MAX_STEPS,
  MAX_UNTIL,
  MAX_WORD_LENGTH,
  MIN_ELECTION_TIMEOUT,
  MIN_HEARTBEAT_INTERVAL,
} from '../src/sim/scenario/limits';
import { scenarioOf, type Scenario } from '../src/sim/scenario/scenario';

/**
 * `held`: nine servers on the fastest timers and the longest latency, every message held and
 * duplicated from t = 0, so candidates time out every 10 ms and the network fills up.
 * `writes`: a burst of as many writes as a scenario may have, with the longest values, into
 * nine servers on fast timers, every message duplicated.
 */
export type HostileKind = 'held' | 'writes';

const NINE = Array.from({ length: MAX_NODES }, (_, i) => `S${i + 1}`);

function heldScenario(): Scenario {
  return scenarioOf({
    name: 'hostile-held',
    nodes: NINE,
    timing: {
      electionTimeout: [MIN_ELECTION_TIMEOUT, MIN_ELECTION_TIMEOUT],
      heartbeatInterval: MIN_HEARTBEAT_INTERVAL,
      latency: [MAX_LATENCY, MAX_LATENCY],
    },
    steps: [
      { at: 0, do: 'hold', on: true },
      { at: 0, do: 'network', duplicate: 1 },
    ],
    until: MAX_UNTIL,
  });
}

function writesScenario(): Scenario {
  const value = 'v'.repeat(MAX_WORD_LENGTH);
  return scenarioOf({
    name: 'hostile-writes',
    nodes: NINE,
    timing: {
      electionTimeout: [MIN_ELECTION_TIMEOUT, 2 * MIN_ELECTION_TIMEOUT],
      heartbeatInterval: MIN_HEARTBEAT_INTERVAL,
      latency: [1, 5],
    },
    steps: [
      { at: 0, do: 'network', duplicate: 1 },
      ...Array.from({ length: MAX_STEPS - 1 }, (_, i) => ({
        at: 100 + i / 100,
        do: 'write' as const,
        id: `w${i}`,
        key: `k${i % 1000}`,
        value,
      })),
    ],
    until: MAX_UNTIL,
  });
}

/** The session, with its head found by running it once (`events`: about how far; default the most allowed). */
export function hostileSession(events = MAX_SESSION_EVENTS, kind: HostileKind = 'held'): Session {
  const scenario = kind === 'held' ? heldScenario() : writesScenario();
  const h = new History(scenario, { seed: 1 });
  // Stop at the end of an instant (the head is a moment after which the next event comes
  // later), a little before the limit: at most a few hundred events share one instant here.
  h.run(MAX_UNTIL, undefined, (p) => p.seq >= events - 1000);
  h.run(h.world.now, undefined, () => false);
  const head = { seq: h.world.seq, t: h.world.now };
  return {
    scenario: { kind: 'inline', scenario },
    seed: 1,
    settings: { speed: 10, breakpoints: { leader: false, term: false, commit: false, violation: false, watch: '' } },
    inputs: [],
    head,
    moment: head,
  };
}
