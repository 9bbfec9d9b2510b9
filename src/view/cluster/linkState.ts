/**
 * A link's state between two servers, as the network view says it: up, cut both ways, cut
 * one way, or across a partition. Shared by the live link layer and the exported picture.
 */
import type { NodeId } from '../../raft/types';
import type { NetworkView } from '../../worker/protocol';

export type LinkState = 'up' | 'cut' | 'one-way' | 'partitioned';

export function linkState(net: NetworkView, a: NodeId, b: NodeId): LinkState {
  if (net.groups !== null) {
    const ga = net.groups.findIndex((g) => g.includes(a));
    const gb = net.groups.findIndex((g) => g.includes(b));
    if (ga !== gb) return 'partitioned';
  }
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
  return { ab: net.cuts.includes(`${a}>${b}`), ba: net.cuts.includes(`${b}>${a}`) };
}
