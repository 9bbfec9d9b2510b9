/**
 * The Raft paper's log rules (Figure 2) as small pure functions. Indexes are 1-based,
 * as in the paper: `log[i - 1]` is the entry at index i, and index 0 is the empty prefix.
 */
import { majorityMatchIndex } from './quorum';
import type { Entry } from './types';

export function lastLogIndex(log: readonly Entry[]): number {
  return log.length;
}

export function lastLogTerm(log: readonly Entry[]): number {
  return log.length === 0 ? 0 : log[log.length - 1]!.term;
}

/** The term of the entry at `index`, 0 for index 0, undefined past the end. */
export function termAt(log: readonly Entry[], index: number): number | undefined {
  if (index === 0) return 0;
  return log[index - 1]?.term;
}

/**
 * RequestVote, receiver rule 2 (§5.4.1): the candidate's log is at least as up-to-date
 * as the voter's: a later last term wins; with equal last terms, the longer log wins.
 */
export function isAtLeastAsUpToDate(
  candidateLastTerm: number,
  candidateLastIndex: number,
  voterLastTerm: number,
  voterLastIndex: number,
): boolean {
  if (candidateLastTerm !== voterLastTerm) return candidateLastTerm > voterLastTerm;
  return candidateLastIndex >= voterLastIndex;
}

/** AppendEntries, receiver rule 2: the log has an entry at prevLogIndex whose term is prevLogTerm. */
export function matchesPrev(log: readonly Entry[], prevLogIndex: number, prevLogTerm: number): boolean {
  return termAt(log, prevLogIndex) === prevLogTerm;
}

/**
 * AppendEntries, receiver rules 3 and 4, on a log that already matches at prevLogIndex:
 * an existing entry that conflicts with a new one (same index, different term) is deleted
 * with all that follow it; entries not already in the log are appended. Nothing is
 * truncated when nothing conflicts, so a late or duplicated request is harmless.
 *
 * The log is changed in place (it is owned by one node) and only ever at its tail: the
 * entries before the first conflict keep their identity. Returns whether it changed.
 */
export function appendFromLeader(log: Entry[], prevLogIndex: number, entries: readonly Entry[]): boolean {
  let changed = false;
  for (let k = 0; k < entries.length; k++) {
    const index = prevLogIndex + 1 + k;
    const entry = entries[k]!;
    if (index <= log.length) {
      if (log[index - 1]!.term === entry.term) continue;
      log.length = index - 1; // conflict: delete this entry and all that follow it
    }
    log.push(entry);
    changed = true;
  }
  return changed;
}

/**
 * AppendEntries, receiver rule 5: if leaderCommit > commitIndex, set commitIndex to
 * min(leaderCommit, index of last new entry). The last new entry is the last one this
 * request vouched for (prevLogIndex + its entries), not the end of the follower's log,
 * whose tail may not match the leader's.
 */
export function followerCommitIndex(
  commitIndex: number,
  leaderCommit: number,
  prevLogIndex: number,
  entryCount: number,
): number {
  if (leaderCommit <= commitIndex) return commitIndex;
  return Math.max(commitIndex, Math.min(leaderCommit, prevLogIndex + entryCount));
}

/**
 * Rules for leaders, last bullet: the highest N > commitIndex such that a majority of
 * matchIndex[i] >= N (the leader counting itself) and log[N].term == currentTerm.
 * With `countOldTerms` (a teaching switch reproducing the Figure 8 bug) the term
 * condition is dropped.
 */
export function leaderCommitIndex(
  log: readonly Entry[],
  commitIndex: number,
  currentTerm: number,
  followerMatchIndexes: readonly number[],
  clusterSize: number,
  countOldTerms = false,
): number {
  const n = majorityMatchIndex(log.length, followerMatchIndexes, clusterSize);
  if (n <= commitIndex) return commitIndex;
  if (countOldTerms) return n;
  // Terms never decrease along a log: if entry n is not of the current term, none below is.
  return log[n - 1]!.term === currentTerm ? n : commitIndex;
}

/** The randomized election timeout for a uniform draw in [0, 1). */
export function electionTimeout(range: readonly [number, number], draw: number): number {
  return range[0] + draw * (range[1] - range[0]);
}
