/**
 * A follower's catch-up, measured (issue 10, item 4): three servers; S1 is made leader; S3
 * crashes; client writes commit on S1 and S2; then a `network` step sets the share of
 * duplicated messages and S3 restarts. The leader must bring S3's log up to date, in
 * batches of at most `maxBatch` entries. Used by `npm run bench:catchup` and the tests.
 */
import { scenarioOf, type Scenario, type Step } from '../scenario/scenario';
import { World } from '../core/world';

/** When S3 crashes, when the writes start (one per virtual ms), and when S3 restarts (virtual ms). */
export const CATCHUP_CRASH_AT = 400;
const WRITES_FROM = 500;
const MIN_RESTART_AT = 5000;

/**
 * The catch-up scenario: S3 restarts `entries` entries behind, and from its restart on each
 * message is delivered twice with probability `duplicate` (0 to 1). Writes are one virtual
 * ms apart, so S3 restarts after `max(5000, entries + 3500)` virtual ms.
 */
export function catchupScenario(entries: number, duplicate: number): Scenario {
  const restartAt = catchupRestartAt(entries);
  const steps: Step[] = [
    { at: 0, do: 'timeout', node: 'S1' },
    { at: CATCHUP_CRASH_AT, do: 'crash', node: 'S3' },
  ];
  for (let n = 1; n <= entries; n++) {
    steps.push({ at: WRITES_FROM + n, do: 'write', id: `w${n}`, key: `k${n % 16}`, value: String(n) });
  }
  steps.push({ at: restartAt, do: 'network', duplicate });
  steps.push({ at: restartAt, do: 'restart', node: 'S3' });
  return scenarioOf({
    name: `catch-up-${entries}`,
    description: `S3 restarts ${entries} entries behind; from then on ${duplicate * 100}% of messages arrive twice.`,
    nodes: ['S1', 'S2', 'S3'],
    steps,
    until: restartAt + 60_000,
  });
}

/** The virtual time at which S3 restarts in `catchupScenario(entries, …)`. */
export function catchupRestartAt(entries: number): number {
  return Math.max(MIN_RESTART_AT, WRITES_FROM + entries + 3000);
}

export interface Catchup {
  /** AppendEntries sent from S3's restart on, to either follower (one per message, not per copy). */
  readonly appendEntries: number;
  /** Of those, the ones sent to S3. */
  readonly toFollower: number;
  /** AppendEntries copies delivered or dropped (a duplicated message counts twice). */
  readonly copies: number;
  /** Virtual ms from the restart to the moment S3's log equals the leader's (or the run stopped). */
  readonly virtualMs: number;
  readonly caughtUp: boolean;
  /** No safety violation. */
  readonly ok: boolean;
}

/**
 * Runs `catchupScenario(entries, …)` from S3's restart until S3's log equals the leader's
 * (Log Matching, §5.3: equal last index and term). `keepGoing` is asked after every event
 * (with the AppendEntries sent so far) and can stop a run that would not end, such as one
 * that floods the network; the writes before the restart are run first and not counted.
 */
export function measureCatchup(
  scenario: Scenario,
  entries: number,
  keepGoing: (appendEntries: number) => boolean = () => true,
): Catchup {
  const world = new World(scenario);
  const restartAt = catchupRestartAt(entries);
  world.runUntil(restartAt - 1);
  const follower = world.hosts[2]!;
  const earlier = new Set(world.inFlight().map((m) => m.msgId));
  const sent = new Map<number, string>(); // message id -> addressee
  let copies = 0;
  let caughtUp = false;
  for (let p = world.step(scenario.until); p !== null; p = world.step(scenario.until)) {
    const e = p.event;
    if ((e.kind === 'deliver' || e.kind === 'drop') && e.msg.type === 'AppendEntries' && !earlier.has(e.msgId)) {
      copies++;
      sent.set(e.msgId, e.to);
    }
    const leader = world.hosts.find((h) => h.up && h.role === 'leader');
    if (follower.up && leader !== undefined && logsEqual(follower.context.log, leader.context.log)) {
      caughtUp = follower.context.log.length >= entries;
      if (caughtUp) break;
    }
    if (!keepGoing(sent.size)) break;
  }
  // Messages still on the wire when the run stopped were sent too.
  for (const m of world.inFlight()) {
    if (m.msg.type === 'AppendEntries' && !earlier.has(m.msgId)) sent.set(m.msgId, m.msg.to);
  }
  let toFollower = 0;
  for (const to of sent.values()) if (to === follower.id) toFollower++;
  return {
    appendEntries: sent.size,
    toFollower,
    copies,
    virtualMs: Math.round((world.now - restartAt) * 10) / 10,
    caughtUp,
    ok: world.violations.length === 0,
  };
}

function logsEqual(a: readonly { term: number }[], b: readonly { term: number }[]): boolean {
  return a.length === b.length && (a.length === 0 || a[a.length - 1]!.term === b[b.length - 1]!.term);
}
