/**
 * `npm run bench:catchup`: how many AppendEntries a leader sends to bring a follower that
 * restarts 1,500 entries behind up to date, and the wall time it takes, with half of all
 * messages delivered twice against the same run without duplication (issue 10, item 4).
 * The scenario is `catchupScenario` (src/sim/headless/catchup.ts): three servers, S3 restarts behind.
 *
 * AppendEntries are counted from S3's restart until its log equals the leader's, one per
 * message however many copies the network delivers, to both followers (heartbeats to S2
 * included); `toFollower` counts those sent to S3. Wall time is the median of REPEATS runs
 * of the catch-up alone (the writes before it are not timed). A run that has not caught up
 * after CAP AppendEntries or WALL_LIMIT_MS of wall time is stopped and reported as such.
 *
 * The last line of standard output is a JSON object: `{ "entries", "noDuplicate": {...},
 * "duplicate": {...}, "ratio" }`, each run with `appendEntries`, `toFollower`, `copies`,
 * `virtualMs`, `wallMs`, `caughtUp` and `ok` (no safety violation); `ratio` is
 * AppendEntries with duplication over AppendEntries without.
 */
import { performance } from 'node:perf_hooks';
import { catchupScenario, measureCatchup, type Catchup } from '../sim/headless/catchup';

const ENTRIES = 1500;
const DUPLICATE = 0.5;
const REPEATS = 5;
const CAP = 500_000;
const WALL_LIMIT_MS = 60_000;

type Timed = Catchup & { readonly wallMs: number };

function timed(duplicate: number): Timed {
  const scenario = catchupScenario(ENTRIES, duplicate);
  const walls: number[] = [];
  let result: Catchup | undefined;
  for (let i = 0; i < REPEATS; i++) {
    let start = NaN;
    result = measureCatchup(scenario, ENTRIES, (sent) => {
      if (Number.isNaN(start)) start = performance.now();
      return sent < CAP && performance.now() - start < WALL_LIMIT_MS;
    });
    walls.push(Number.isNaN(start) ? 0 : performance.now() - start);
    if (!result.caughtUp) break; // one flood is enough
  }
  walls.sort((a, b) => a - b);
  return { ...result!, wallMs: Math.round(walls[Math.floor(walls.length / 2)]!) };
}

function line(label: string, r: Timed): string {
  return `${label}: ${r.appendEntries} AppendEntries sent (${r.toFollower} to S3; ${r.copies} copies delivered or dropped), ${r.virtualMs} virtual ms, ${r.wallMs} ms wall, ${r.caughtUp ? 'caught up' : 'NOT caught up'}, ${r.ok ? 'safe' : 'VIOLATION'}\n`;
}

const noDuplicate = timed(0);
process.stdout.write(line(`${ENTRIES} entries behind, no duplication`, noDuplicate));
const duplicate = timed(DUPLICATE);
process.stdout.write(line(`${ENTRIES} entries behind, ${DUPLICATE * 100}% duplicated`, duplicate));
process.stdout.write(
  `${JSON.stringify({
    entries: ENTRIES,
    noDuplicate,
    duplicate,
    ratio: Math.round((duplicate.appendEntries / noDuplicate.appendEntries) * 100) / 100,
  })}\n`,
);
