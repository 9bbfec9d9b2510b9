/**
 * Majorities (§5.2, §5.3): the size of a majority for clusters of 1 to 9 servers, what makes a
 * majority one (any two share a server; one server fewer is not one), and the highest index a
 * majority holds, against a count of copies index by index.
 */
import { describe, expect, it } from 'vitest';
import { isMajority, majorityMatchIndex, majorityOf } from './quorum';

const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('majorityOf: the fewest servers that are a majority', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [6, 4],
    [7, 4],
    [8, 5],
    [9, 5],
  ])('%i servers: %i', (size, majority) => {
    expect(majorityOf(size)).toBe(majority);
  });

  it.each(SIZES)('%i servers: any two majorities share a server, and one server fewer is no majority', (size) => {
    const m = majorityOf(size);
    expect(m).toBeLessThanOrEqual(size);
    expect(m + m).toBeGreaterThan(size);
    expect(2 * (m - 1)).toBeLessThanOrEqual(size);
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a cluster of %d servers', (size) => {
    expect(() => majorityOf(size)).toThrow(RangeError);
  });
});

describe('isMajority', () => {
  it.each(SIZES)('%i servers: counts from 0 to the whole cluster', (size) => {
    for (let count = 0; count <= size; count++) expect(isMajority(count, size)).toBe(2 * count > size);
  });
});

/** The highest N ≤ leaderLast that the leader and the followers with matchIndex ≥ N make a majority of, by counting. */
function countedMajorityIndex(leaderLast: number, followers: readonly number[], size: number): number {
  for (let n = leaderLast; n > 0; n--) {
    const copies = 1 + followers.filter((m) => m >= n).length;
    if (2 * copies > size) return n;
  }
  return 0;
}

/** Every list of `length` match indexes, each from 0 to `top`. */
function* matchIndexLists(length: number, top: number): Generator<number[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const rest of matchIndexLists(length - 1, top)) for (let m = 0; m <= top; m++) yield [m, ...rest];
}

describe('majorityMatchIndex: the highest index a majority holds (Figure 2, Rules for Leaders)', () => {
  it.each(SIZES)('%i servers: agrees with counting copies, for every follower state up to index 2', (size) => {
    let cases = 0;
    for (let leaderLast = 0; leaderLast <= 2; leaderLast++) {
      for (const followers of matchIndexLists(size - 1, 2)) {
        const expected = countedMajorityIndex(leaderLast, followers, size);
        expect(majorityMatchIndex(leaderLast, followers, size), `${leaderLast} ${followers.join(',')}`).toBe(expected);
        cases++;
      }
    }
    expect(cases).toBe(3 ** size);
  });

  it('counts a follower not listed as holding nothing', () => {
    expect(majorityMatchIndex(5, [5], 5)).toBe(0);
    expect(majorityMatchIndex(5, [5, 4], 5)).toBe(4);
  });

  it('never goes past the leader’s own log', () => {
    expect(majorityMatchIndex(2, [7, 7], 3)).toBe(2);
  });
});
