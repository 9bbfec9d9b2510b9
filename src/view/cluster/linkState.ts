/**
 * A link's state between two servers, as the network view says it: up, cut both ways, cut
 * one way, or across a partition. Shared by the live link layer and the exported picture.
 */
import type { NodeId } from '../../raft/types';
import type { NetworkView } from '../../worker/protocol';
import { apart, isCut } from '../../sim/scenario/linkRules';

export type LinkState = 'up' | 'cut' | 'one-way' | 'partitioned';

export function linkState(net: NetworkView, a: NodeId, b: NodeId): LinkState {
  if (net.groups !== null && apart(groupIndex(net.groups, a), groupIndex(net.groups, b))) return 'partitioned';
  const { ab, ba } = cutsOf(net, a, b);
  if (ab && ba) return 'cut';
  if (ab || ba) return 'one-way';
  return 'up';
}

/** Which directions of the link between a and b are cut (`cut` steps, CONTRACTS.md section 1). */
export interface LinkCuts {
  /** Messages from a to b are dropped. */
  readonly ab: boolean;
  /** Messages from b to a are dropped. */
  readonly ba: boolean;
}

export function cutsOf(net: NetworkView, a: NodeId, b: NodeId): LinkCuts {
  return { ab: isCut(net.cuts, a, b), ba: isCut(net.cuts, b, a) };
}

/** The number of the group that holds `id`, or undefined if none does (it is isolated). */
function groupIndex(groups: readonly (readonly NodeId[])[], id: NodeId): number | undefined {
  const i = groups.findIndex((g) => g.includes(id));
  return i < 0 ? undefined : i;
}
