/**
 * The rules of `partition` and `cut` (CONTRACTS.md section 1), in one place for the simulator,
 * which drops the messages they stop (sim/core/network.ts), and for the page, which draws each
 * link's state (view/cluster/linkState.ts): a partition lets only servers of the same group
 * exchange messages, a server in no group being isolated; a cut drops messages one way.
 */
import type { NodeId } from '../../raft/types';

/** The key of the one-way cut from `from` to `to`, as networks list them: "from>to". */
export function cutKey(from: NodeId, to: NodeId): string {
  return `${from}>${to}`;
}

/** Whether messages from `from` to `to` meet a cut, `cuts` being cut keys. */
export function isCut(cuts: readonly string[], from: NodeId, to: NodeId): boolean {
  return cuts.length > 0 && cuts.includes(cutKey(from, to));
}

/**
 * Whether a partition keeps apart two servers in groups `a` and `b` (a group's number, or
 * undefined for a server in no group, which is isolated).
 */
export function apart(a: number | undefined, b: number | undefined): boolean {
  return a === undefined || b === undefined || a !== b;
}
