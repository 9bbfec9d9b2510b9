/**
 * Majorities, the one definition used everywhere (the nodes, the safety checker, the
 * debugger's explanations and the pictures). Raft decides by majority: a candidate wins an
 * election with votes from a majority of the servers (§5.2), and a leader commits an entry
 * once a majority stores it (§5.3). Any two majorities of one cluster share a server, which is
 * what Election Safety and Leader Completeness rest on (§5.2, §5.4).
 */

/**
 * The fewest servers that are a majority of a cluster of `clusterSize` servers: ⌊n / 2⌋ + 1
 * (1 of 1, 2 of 3, 3 of 5; 2 of 2 and 3 of 4, as an even split is no majority). §5.2, §5.3.
 * Throws a RangeError when `clusterSize` is not a whole number ≥ 0 (0 gives 1: none is reached).
 */
export function majorityOf(clusterSize: number): number {
  if (!Number.isSafeInteger(clusterSize) || clusterSize < 0) {
    throw new RangeError(`a cluster has a whole number of servers, not ${clusterSize}`);
  }
  return Math.floor(clusterSize / 2) + 1;
}

/**
 * Whether `count` servers (votes, or copies of an entry) are a majority of a cluster of
 * `clusterSize` servers (§5.2: winning an election; §5.3: committing an entry). Throws as
 * `majorityOf`.
 */
export function isMajority(count: number, clusterSize: number): boolean {
  return count >= majorityOf(clusterSize);
}

/**
 * The highest log index that a majority of the cluster holds (Figure 2, Rules for Leaders,
 * last bullet, without its term condition; §5.3), counting the leader, which holds its whole
 * log up to `leaderLastIndex`, and each follower up to its matchIndex (`followerMatchIndexes`,
 * one per follower; a follower not listed counts as holding nothing, index 0). Never above
 * `leaderLastIndex`. Throws as `majorityOf`.
 *
 * It is the (majority − 1)-th largest follower matchIndex, found by a sort of the followers
 * (O(followers · log followers)); counting copies from the log's end down instead would cost the
 * whole uncommitted tail on every reply, which a burst of writes makes thousands long.
 */
export function majorityMatchIndex(
  leaderLastIndex: number,
  followerMatchIndexes: readonly number[],
  clusterSize: number,
): number {
  const others = majorityOf(clusterSize) - 1; // followers needed besides the leader
  if (others === 0) return leaderLastIndex;
  const sorted = [...followerMatchIndexes].sort((a, b) => b - a);
  return Math.min(leaderLastIndex, sorted[others - 1] ?? 0);
}
