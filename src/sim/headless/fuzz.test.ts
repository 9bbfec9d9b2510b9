/**
 * The fuzzer (`npm run sim -- --fuzz`) under every combination of PreVote and CheckQuorum:
 * its schedules make leadership transfers and clock skew too and always end healed, every
 * run is safe and live, and a run that is not live is called a stall.
 */
import { describe, expect, it } from 'vitest';
import type { Extensions } from '../../raft/types';
import { fuzzCampaign, fuzzOne, fuzzScenario, healTime, stallOf } from './fuzz';

const COMBINATIONS: readonly Extensions[] = [
  { preVote: false, checkQuorum: false },
  { preVote: true, checkQuorum: false },
  { preVote: false, checkQuorum: true },
  { preVote: true, checkQuorum: true },
];

describe('fuzz schedules', () => {
  it('make leadership transfers and clock skew, in clusters of one to nine, and end healed at true time', () => {
    const kinds = new Set<string>();
    const sizes = new Set<number>();
    for (let seed = 1; seed <= 60; seed++) {
      const s = fuzzScenario(seed, 20000);
      sizes.add(s.nodes.length);
      const healAt = healTime(20000);
      for (const step of s.steps) kinds.add(step.do);
      const skewed = new Set(
        s.steps.filter((st) => st.do === 'clock' && st.at < healAt).map((st) => st.do === 'clock' && st.node),
      );
      const reset = s.steps.filter((st) => st.do === 'clock' && st.at === healAt);
      expect(reset.map((st) => st.do === 'clock' && [st.node, st.rate]).sort()).toEqual(
        [...skewed].map((n) => [n, 1]).sort(),
      );
      expect(s.steps.filter((st) => st.at === healAt && st.do === 'restart').length).toBe(s.nodes.length);
      expect(s.steps.every((st) => st.do !== 'clock' || (st.rate >= 0.25 && st.rate <= 4))).toBe(true);
    }
    expect(kinds).toContain('transferLeadership');
    expect(kinds).toContain('clock');
    expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
  });

  it('are the same faults under every combination of options, which only the options field tells apart', () => {
    const plain = fuzzScenario(7, 20000);
    expect(plain.options).toEqual({});
    const both = fuzzScenario(7, 20000, { preVote: true, checkQuorum: true });
    expect(both.steps).toEqual(plain.steps);
    expect(both.options).toEqual({ preVote: true, checkQuorum: true });
  });

  it('heal at 60% of a run, leaving at least ten election timeouts healed', () => {
    expect(healTime(20000)).toBe(12000);
    expect(healTime(5000)).toBe(2000);
    expect(healTime(2000)).toBe(0);
  });
});

describe.each(COMBINATIONS)('fuzzing with preVote $preVote and checkQuorum $checkQuorum', (extensions) => {
  it('20 runs of 5 s: no violation and no stall', () => {
    const result = fuzzCampaign({ runs: 20, seed: 1, until: 5000, extensions });
    expect(result.violations).toEqual([]);
    expect(result.stalledSeeds).toEqual([]);
    expect(result).toMatchObject({ ok: true, runs: 20, failedSeeds: [], stalls: 0 });
  });
});

describe('a stall', () => {
  const live = { leader: 'S1', term: 3, since: 13000 };
  it.each([
    [
      'no leader at the end',
      { leader: null, term: -1, since: null },
      true,
      'no stable leader at the end, 8000 ms after faults healed',
    ],
    [
      'a leader of under three election timeouts',
      { ...live, since: 19500 },
      true,
      'leader S1 of term 3 held its term only 500 ms (less than 3 election timeouts) by the end',
    ],
    ['no progress', live, false, 'the write submitted after faults healed was never acknowledged'],
    ['none: a leader that kept its term, and progress', live, true, null],
  ] as const)('%s', (_, verdict, progressed, stall) => {
    expect(stallOf(verdict, progressed, 12000, 20000, 300)).toBe(stall);
  });

  it('comes with the command that replays its seed under the same options', () => {
    expect(fuzzOne(4, 3000, { preVote: true, checkQuorum: true }).replay).toBe(
      'npm run sim -- --fuzz 1 --seed 4 --until 3000 --preVote --checkQuorum',
    );
    expect(fuzzOne(4, 3000).replay).toBe('npm run sim -- --fuzz 1 --seed 4 --until 3000');
  });

  it('is not judged in a run too short to show liveness', () => {
    expect(stallOf({ leader: null, term: -1, since: null }, false, 0, 2000, 300)).toBeNull();
  });
});
