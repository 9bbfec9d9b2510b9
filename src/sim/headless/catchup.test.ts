/**
 * Issue 10, item 4, end to end: a follower that restarts 1,500 entries behind is caught up
 * in about as many AppendEntries when half the messages arrive twice as when none do (the
 * numbers `npm run bench:catchup` prints). Before the fix the duplicated run sent hundreds
 * of thousands; here a run is stopped after 2,000.
 */
import { describe, expect, it } from 'vitest';
import { catchupScenario, measureCatchup } from './catchup';

const ENTRIES = 1500;
const STOP_AT = 2000;

describe('catch-up under duplication', () => {
  it('a follower 1,500 entries behind: AppendEntries with 50% duplication stay within those without, plus a tenth', () => {
    const batches = Math.ceil(ENTRIES / 64);
    const without = measureCatchup(catchupScenario(ENTRIES, 0), ENTRIES, (sent) => sent < STOP_AT);
    const withDuplicates = measureCatchup(catchupScenario(ENTRIES, 0.5), ENTRIES, (sent) => sent < STOP_AT);
    for (const run of [without, withDuplicates]) {
      expect(run).toMatchObject({ caughtUp: true, ok: true });
      // One batch per request, plus the heartbeat that finds the follower back.
      expect(run.toFollower).toBeLessThanOrEqual(batches + 3);
    }
    expect(withDuplicates.copies).toBeGreaterThan(withDuplicates.appendEntries); // duplication did happen
    expect(withDuplicates.appendEntries).toBeLessThanOrEqual(Math.ceil(without.appendEntries * 1.1));
  });
});
