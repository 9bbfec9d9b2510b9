/**
 * The worst session a link may carry, as far as the validator lets it go: nine servers on the
 * fastest timers it accepts, the longest latency, every message held from t = 0 (so
 * candidates time out again and again and the network fills up), and a head at the most
 * events a session may describe. Used by the budget test and `npm run bench:hostile`.
 */
import { MAX_SESSION_EVENTS, type Session } from '../src/share/session';
import { History } from '../src/sim/history';
import { MAX_LATENCY, MAX_NODES, MAX_UNTIL, MIN_ELECTION_TIMEOUT, MIN_HEARTBEAT_INTERVAL } from '../src/sim/limits';
import { scenarioOf } from '../src/sim/scenario';

/** The session, with its head found by running it once (`events`: how far; default the most allowed). */
export function hostileSession(events = MAX_SESSION_EVENTS): Session {
  const scenario = scenarioOf({
    name: 'hostile',
    nodes: Array.from({ length: MAX_NODES }, (_, i) => `S${i + 1}`),
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
