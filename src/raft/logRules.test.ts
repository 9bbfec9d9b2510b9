/**
 * The Raft paper as a test suite: each test checks one claim of Figure 2 (or of the
 * figures that illustrate it, 7 and 8) against the pure log rules in logRules.ts.
 * Indexes are 1-based, as in the paper.
 */
import { describe, expect, it } from 'vitest';
import {
  appendFromLeader,
  electionTimeout,
  followerCommitIndex,
  isAtLeastAsUpToDate,
  lastLogIndex,
  lastLogTerm,
  leaderCommitIndex,
  matchesPrev,
  termAt,
} from './logRules';
import type { Entry } from './types';

/** One entry per term given; entry i (1-based) sets x=i under an id naming its index and term. */
const log = (...terms: number[]): Entry[] =>
  terms.map((term, i) => ({ term, command: { op: 'set', id: `i${i + 1}t${term}`, key: 'x', value: String(i + 1) } }));

/** The entry a log of `log(...)` would hold at `index` with `term`. */
const entryAt = (index: number, term: number): Entry => ({
  term,
  command: { op: 'set', id: `i${index}t${term}`, key: 'x', value: String(index) },
});

const terms = (entries: readonly Entry[]) => entries.map((e) => e.term);

describe('RequestVote receiver rule 2: the candidate’s log is at least as up-to-date (§5.4.1)', () => {
  it.each([
    { candidate: [3, 1], voter: [2, 9], claim: 'a later last term wins even with a much shorter log' },
    { candidate: [3, 5], voter: [2, 5], claim: 'a later last term wins with an equally long log' },
    { candidate: [3, 9], voter: [2, 5], claim: 'a later last term wins with a longer log' },
    { candidate: [1, 0], voter: [0, 0], claim: 'any entry beats an empty log' },
  ])('RequestVote: $claim', ({ candidate, voter }) => {
    expect(isAtLeastAsUpToDate(candidate[0]!, candidate[1]!, voter[0]!, voter[1]!)).toBe(true);
  });

  it.each([
    { candidate: [2, 6], voter: [2, 5], expected: true, claim: 'a longer log wins' },
    { candidate: [2, 5], voter: [2, 5], expected: true, claim: 'an equally long log is up-to-date (ties grant)' },
    { candidate: [0, 0], voter: [0, 0], expected: true, claim: 'two empty logs are equally up-to-date' },
    { candidate: [2, 4], voter: [2, 5], expected: false, claim: 'a shorter log loses' },
  ])('RequestVote: with equal last terms, $claim', ({ candidate, voter, expected }) => {
    expect(isAtLeastAsUpToDate(candidate[0]!, candidate[1]!, voter[0]!, voter[1]!)).toBe(expected);
  });

  it.each([
    { candidate: [2, 9], voter: [3, 1], claim: 'even with a much longer log' },
    { candidate: [2, 5], voter: [3, 5], claim: 'with an equally long log' },
    { candidate: [0, 0], voter: [1, 1], claim: 'an empty log loses to any entry' },
  ])('RequestVote: a candidate whose last term is earlier is not up-to-date, $claim', ({ candidate, voter }) => {
    expect(isAtLeastAsUpToDate(candidate[0]!, candidate[1]!, voter[0]!, voter[1]!)).toBe(false);
  });
});

describe('lastLogIndex / lastLogTerm / termAt', () => {
  it('an empty log has last index 0 and last term 0', () => {
    expect([lastLogIndex([]), lastLogTerm([])]).toEqual([0, 0]);
  });

  it('the last index is the log length and the last term is the term of the last entry', () => {
    expect([lastLogIndex(log(1, 1, 3)), lastLogTerm(log(1, 1, 3))]).toEqual([3, 3]);
  });

  it.each([
    { index: 0, expected: 0, claim: 'index 0 (the empty prefix) has term 0' },
    { index: 1, expected: 1, claim: 'index 1 is the first entry' },
    { index: 3, expected: 3, claim: 'the last index is the last entry' },
    { index: 4, expected: undefined, claim: 'an index past the end has no term' },
  ])('termAt: $claim', ({ index, expected }) => {
    expect(termAt(log(1, 2, 3), index)).toBe(expected);
  });
});

describe('AppendEntries receiver rule 2: reply false if the log has no entry at prevLogIndex whose term is prevLogTerm', () => {
  it.each([
    { entries: [], prev: [0, 0], expected: true, claim: 'index 0 with term 0 always matches, even an empty log' },
    { entries: [1, 2], prev: [0, 0], expected: true, claim: 'index 0 with term 0 always matches a non-empty log' },
    { entries: [1, 2], prev: [2, 2], expected: true, claim: 'the same index and term match' },
    { entries: [1, 2], prev: [1, 1], expected: true, claim: 'a match need not be at the end of the log' },
    { entries: [1, 2], prev: [3, 2], expected: false, claim: 'an index past the end does not match' },
    { entries: [], prev: [1, 1], expected: false, claim: 'an empty log matches nothing but index 0' },
    { entries: [1, 2], prev: [2, 3], expected: false, claim: 'a different term at that index does not match' },
    { entries: [1, 2], prev: [0, 1], expected: false, claim: 'index 0 only matches term 0' },
  ])('AppendEntries: $claim', ({ entries, prev, expected }) => {
    expect(matchesPrev(log(...entries), prev[0]!, prev[1]!)).toBe(expected);
  });
});

describe('AppendEntries receiver rules 3 and 4: delete conflicting entries, append new ones', () => {
  it.each([
    { before: [], prev: 0, incoming: [1, 1], after: [1, 1], claim: 'new entries are appended to an empty log' },
    { before: [1, 1], prev: 2, incoming: [2], after: [1, 1, 2], claim: 'new entries are appended at the end' },
    { before: [1, 1], prev: 1, incoming: [1, 2], after: [1, 1, 2], claim: 'entries already present are skipped' },
    {
      before: [1, 1, 2, 2],
      prev: 1,
      incoming: [1, 3],
      after: [1, 1, 3],
      claim: 'a conflicting entry (same index, different term) and all that follow it are deleted',
    },
    {
      before: [1, 2, 2, 2],
      prev: 1,
      incoming: [3],
      after: [1, 3],
      claim: 'a conflict at the first new index deletes the whole tail after prevLogIndex',
    },
    {
      before: [1, 1, 1, 1],
      prev: 1,
      incoming: [1],
      after: [1, 1, 1, 1],
      claim: 'a late shorter request that matches does not truncate the entries after it',
    },
    {
      before: [1, 1, 1, 1],
      prev: 4,
      incoming: [],
      after: [1, 1, 1, 1],
      claim: 'a heartbeat (no entries) changes nothing',
    },
    {
      before: [1, 1, 1, 1],
      prev: 0,
      incoming: [],
      after: [1, 1, 1, 1],
      claim: 'a heartbeat at index 0 does not truncate anything',
    },
  ])('AppendEntries: $claim', ({ before, prev, incoming, after }) => {
    const follower = log(...before);
    const sent = incoming.map((term, k) => entryAt(prev + 1 + k, term));
    appendFromLeader(follower, prev, sent);
    expect(terms(follower)).toEqual(after);
    // Every entry the follower now holds at a sent index is the leader's entry.
    sent.forEach((e, k) => expect(follower[prev + k]).toEqual(e));
  });

  it('AppendEntries: a late, duplicated or reordered shorter request does not remove entries a newer one added', () => {
    const follower = log(1);
    const newer = [entryAt(2, 2), entryAt(3, 2), entryAt(4, 2)];
    const older = [entryAt(2, 2)];
    expect(appendFromLeader(follower, 1, newer)).toBe(true);
    expect(appendFromLeader(follower, 1, older)).toBe(false); // arrives after the newer one
    expect(appendFromLeader(follower, 1, newer)).toBe(false); // duplicated
    expect(terms(follower)).toEqual([1, 2, 2, 2]);
    expect(follower.slice(1)).toEqual(newer);
  });

  it('AppendEntries: the log is changed in place and only at its tail: entries before the conflict keep their identity', () => {
    const follower = log(1, 1, 2, 2, 2);
    const kept = follower.slice(0, 3);
    const replacement = [entryAt(3, 2), entryAt(4, 3)];
    const same = follower;
    appendFromLeader(follower, 2, replacement);
    expect(follower).toBe(same);
    expect(terms(follower)).toEqual([1, 1, 2, 3]);
    kept.forEach((e, i) => expect(follower[i]).toBe(e)); // including index 3, which matched
    expect(follower[3]).toBe(replacement[1]); // the new entry is the leader's object
  });

  it.each([
    { before: [1], prev: 1, incoming: [[2, 1]], changed: true, claim: 'an append changes the log' },
    { before: [1, 2], prev: 1, incoming: [[2, 3]], changed: true, claim: 'a conflicting replacement changes the log' },
    { before: [1, 2], prev: 1, incoming: [[2, 2]], changed: false, claim: 'entries already present change nothing' },
    { before: [1, 2], prev: 2, incoming: [], changed: false, claim: 'a heartbeat changes nothing' },
  ])('AppendEntries: the return value says whether the log changed: $claim', ({ before, prev, incoming, changed }) => {
    const follower = log(...before);
    const snapshot = [...follower];
    const result = appendFromLeader(
      follower,
      prev,
      incoming.map(([index, term]) => entryAt(index!, term!)),
    );
    expect(result).toBe(changed);
    if (!changed) expect(follower).toEqual(snapshot);
    else expect(follower).not.toEqual(snapshot);
  });
});

describe('AppendEntries receiver rule 5: commitIndex = min(leaderCommit, index of last new entry)', () => {
  it.each([
    { commit: 0, leaderCommit: 5, prev: 0, count: 3, expected: 3, claim: 'capped by the last new entry' },
    { commit: 0, leaderCommit: 2, prev: 0, count: 3, expected: 2, claim: 'capped by leaderCommit' },
    { commit: 1, leaderCommit: 4, prev: 2, count: 2, expected: 4, claim: 'both equal: leaderCommit' },
    {
      commit: 0,
      leaderCommit: 7,
      prev: 3,
      count: 0,
      expected: 3,
      claim: 'a heartbeat (0 entries) with a higher leaderCommit only commits up to prevLogIndex',
    },
    {
      commit: 0,
      leaderCommit: 7,
      prev: 0,
      count: 0,
      expected: 0,
      claim: 'a heartbeat at index 0 commits nothing',
    },
    { commit: 4, leaderCommit: 2, prev: 5, count: 1, expected: 4, claim: 'never decreases below a lower leaderCommit' },
    {
      commit: 4,
      leaderCommit: 6,
      prev: 1,
      count: 1,
      expected: 4,
      claim: 'never decreases when a late request vouches for fewer entries',
    },
    { commit: 3, leaderCommit: 3, prev: 5, count: 2, expected: 3, claim: 'unchanged when leaderCommit is not higher' },
  ])('AppendEntries: commitIndex is $claim', ({ commit, leaderCommit, prev, count, expected }) => {
    expect(followerCommitIndex(commit, leaderCommit, prev, count)).toBe(expected);
  });
});

describe('Rules for leaders: commit N if a majority has matchIndex >= N and log[N].term == currentTerm', () => {
  it.each([
    { size: 3, entries: [1, 1, 1], match: [0, 0], expected: 0, claim: '3 nodes: the leader alone is no majority' },
    { size: 3, entries: [1, 1, 1], match: [2, 0], expected: 2, claim: '3 nodes: the leader and one follower commit' },
    { size: 3, entries: [1, 1, 1], match: [3, 1], expected: 3, claim: '3 nodes: the highest majority index wins' },
    { size: 5, entries: [1, 1, 1], match: [3, 0, 0, 0], expected: 0, claim: '5 nodes: 2 of 5 is no majority' },
    { size: 5, entries: [1, 1, 1], match: [3, 3, 0, 0], expected: 3, claim: '5 nodes: the leader and 2 followers' },
    { size: 5, entries: [1, 1, 1], match: [3, 2, 1, 0], expected: 2, claim: '5 nodes: the third-highest index' },
    { size: 5, entries: [1, 1, 1], match: [1, 1, 1, 1], expected: 1, claim: '5 nodes: all followers at index 1' },
    { size: 1, entries: [1, 1], match: [], expected: 2, claim: '1 node: the leader alone is a majority' },
  ])('Leader: $claim', ({ size, entries, match, expected }) => {
    expect(leaderCommitIndex(log(...entries), 0, 1, match, size)).toBe(expected);
  });

  it('Leader: commitIndex never decreases, even when fewer replicas are known', () => {
    expect(leaderCommitIndex(log(1, 1, 1), 2, 1, [1, 0, 0, 0], 5)).toBe(2);
  });

  it('Leader: a current-term entry beyond the majority does not block committing the one below it', () => {
    // log 1 2 2 in term 2: index 3 is on the leader only, index 2 on a majority of 5.
    expect(leaderCommitIndex(log(1, 2, 2), 0, 2, [2, 2, 0, 0], 5)).toBe(2);
  });

  // Figure 8: S1 is leader in term 4 with log 1 2 (and later 1 2 4); index 2 (term 2) reaches S2 and S3.
  const figure8 = [
    {
      claim: 'an entry of an earlier term is not committed by counting replicas, even on a majority of 5',
      entries: [1, 2],
      match: [2, 2, 1, 1],
      size: 5,
      commitIndex: 1,
      expected: 1,
      withCountOldTerms: 2,
    },
    {
      claim: 'an entry of an earlier term stays uncommitted while the current-term entry is on a minority',
      entries: [1, 2, 4],
      match: [2, 2, 1, 1],
      size: 5,
      commitIndex: 1,
      expected: 1,
      withCountOldTerms: 2,
    },
    {
      claim: 'an entry of an earlier term is committed together with a later current-term entry on a majority',
      entries: [1, 2, 4],
      match: [3, 3, 1, 1],
      size: 5,
      commitIndex: 1,
      expected: 3,
      withCountOldTerms: 3,
    },
    {
      claim: 'an entry of an earlier term is not committed on a majority of 3 either',
      entries: [1, 1, 2],
      match: [3, 0],
      size: 3,
      commitIndex: 0,
      expected: 0,
      withCountOldTerms: 3,
    },
    {
      claim: 'no entry of an earlier term is committed when the log has none of the current term',
      entries: [1, 2, 2],
      match: [3, 3, 3, 3],
      size: 5,
      commitIndex: 0,
      expected: 0,
      withCountOldTerms: 3,
    },
  ];

  it.each(figure8)('Leader (Figure 8): $claim', ({ entries, match, size, commitIndex, expected }) => {
    expect(leaderCommitIndex(log(...entries), commitIndex, 4, match, size)).toBe(expected);
  });

  it.each(figure8)(
    'Leader (teaching switch countOldTerms, the Figure 8 bug): $claim → commits $withCountOldTerms instead',
    ({ entries, match, size, commitIndex, withCountOldTerms }) => {
      expect(leaderCommitIndex(log(...entries), commitIndex, 4, match, size, true)).toBe(withCountOldTerms);
    },
  );
});

describe('Figure 7: a term-8 leader brings followers a–f into line', () => {
  const leader = () => log(1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
  const followers = {
    a: { terms: [1, 1, 1, 4, 4, 5, 5, 6, 6], matchAt: 9, grantsVote: true },
    b: { terms: [1, 1, 1, 4], matchAt: 4, grantsVote: true },
    c: { terms: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6], matchAt: 10, grantsVote: false },
    d: { terms: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7], matchAt: 10, grantsVote: false },
    e: { terms: [1, 1, 1, 4, 4, 4, 4], matchAt: 5, grantsVote: true },
    f: { terms: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3], matchAt: 3, grantsVote: true },
  };
  const table = Object.entries(followers).map(([name, f]) => ({ name, ...f }));

  /** nextIndex backoff (§5.3): start after the leader's last entry and step back one per rejection. */
  function backoff(
    leaderLog: readonly Entry[],
    followerLog: readonly Entry[],
  ): { prevLogIndex: number; rejections: number } {
    let nextIndex = leaderLog.length + 1;
    let rejections = 0;
    for (;;) {
      const prevLogIndex = nextIndex - 1;
      if (matchesPrev(followerLog, prevLogIndex, termAt(leaderLog, prevLogIndex)!)) return { prevLogIndex, rejections };
      rejections++;
      nextIndex--;
    }
  }

  it.each(table)(
    'Figure 7 ($name): nextIndex backoff from 11 first matches at prevLogIndex $matchAt',
    ({ terms: t, matchAt }) => {
      const { prevLogIndex, rejections } = backoff(leader(), log(...t));
      expect(prevLogIndex).toBe(matchAt);
      expect(rejections).toBe(10 - matchAt);
    },
  );

  it.each(table)(
    'Figure 7 ($name): after appending the leader’s entries from the match, the log holds the leader’s log as a prefix',
    ({ name, terms: t, matchAt }) => {
      const leaderLog = leader();
      const follower = log(...t);
      const { prevLogIndex } = backoff(leaderLog, follower);
      expect(prevLogIndex).toBe(matchAt);
      appendFromLeader(follower, prevLogIndex, leaderLog.slice(prevLogIndex));
      expect(follower.slice(0, 10)).toEqual(leaderLog);
      // The leader's entries after the match are now the very same objects in the follower's log.
      for (let i = prevLogIndex; i < 10; i++) expect(follower[i]).toBe(leaderLog[i]);
      // c and d keep their extra (uncommitted, conflicting-later) tail until the leader sends entry 11.
      const extras = { c: [6], d: [7, 7] }[name] ?? [];
      expect(terms(follower.slice(10))).toEqual(extras);
    },
  );

  it.each(table)(
    'Figure 7 ($name): the leader’s entry 11 of term 8 makes the log equal the leader’s, truncating any extra tail',
    ({ terms: t }) => {
      const leaderLog = leader();
      const follower = log(...t);
      const { prevLogIndex } = backoff(leaderLog, follower);
      appendFromLeader(follower, prevLogIndex, leaderLog.slice(prevLogIndex));
      leaderLog.push(entryAt(11, 8));
      expect(appendFromLeader(follower, 10, leaderLog.slice(10))).toBe(true);
      expect(follower).toEqual(leaderLog);
      expect(terms(follower)).toEqual([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8]);
    },
  );

  it.each(table)(
    'Figure 7 ($name): grants the term-8 leader (last term 6, last index 10) a vote: $grantsVote',
    ({ terms: t, grantsVote }) => {
      const voter = log(...t);
      const candidate = leader();
      expect(
        isAtLeastAsUpToDate(lastLogTerm(candidate), lastLogIndex(candidate), lastLogTerm(voter), lastLogIndex(voter)),
      ).toBe(grantsVote);
    },
  );
});

describe('Randomized election timeout (§5.2)', () => {
  it.each([
    { draw: 0, expected: 150, claim: 'a draw of 0 gives the lower end' },
    { draw: 0.5, expected: 225, claim: 'a draw of 0.5 gives the middle' },
    { draw: 1 - 2 ** -53, expected: 300, claim: 'the largest draw below 1 gives the upper end' },
    { draw: 0.999999, expected: 299.99985, claim: 'a draw just below 1 gives just below the upper end' },
  ])('electionTimeout: $claim', ({ draw, expected }) => {
    const timeout = electionTimeout([150, 300], draw);
    expect(timeout).toBeCloseTo(expected, 9);
    expect(timeout).toBeGreaterThanOrEqual(150);
    expect(timeout).toBeLessThanOrEqual(300);
  });

  it('electionTimeout: spans a different range proportionally', () => {
    expect(electionTimeout([10, 20], 0)).toBe(10);
    expect(electionTimeout([10, 20], 0.25)).toBe(12.5);
  });
});
