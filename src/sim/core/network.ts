/**
 * The simulated network's rules: partitions, one-way cuts, loss, duplication and the
 * latency range. Its state is plain data. Clients stand outside partitions and cuts.
 */
import { CLIENT, type NodeId } from '../../raft/types';
import { dict } from '../../util/dict';
import { apart, cutKey, isCut } from '../scenario/linkRules';

/** Why a message was lost; `overflow`: the network already carried MAX_IN_FLIGHT copies. */
export type DropReason = 'loss' | 'partition' | 'cut' | 'crashed' | 'person' | 'overflow';

export interface NetworkState {
  /** Group number per node while a partition holds; a node in no group is isolated. */
  groupOf: Record<NodeId, number> | null;
  /** One-way cuts as "from>to". */
  cuts: string[];
  drop: number;
  duplicate: number;
  latency: [number, number];
}

export function initialNetwork(latency: readonly [number, number]): NetworkState {
  return {
    groupOf: null,
    cuts: [],
    drop: 0,
    duplicate: 0,
    latency: [latency[0], latency[1]],
  };
}

/** Why a message from `from` to `to` cannot pass now, or null when it can. */
export function blockedBy(net: NetworkState, from: NodeId, to: NodeId): 'partition' | 'cut' | null {
  if (from === CLIENT || to === CLIENT || from === to) return null;
  if (isCut(net.cuts, from, to)) return 'cut';
  if (net.groupOf !== null && apart(net.groupOf[from], net.groupOf[to])) return 'partition';
  return null;
}

export function partition(net: NetworkState, groups: readonly (readonly NodeId[])[]): void {
  const groupOf: Record<NodeId, number> = dict();
  groups.forEach((group, i) => {
    for (const id of group) groupOf[id] = i;
  });
  net.groupOf = groupOf;
}

export function heal(net: NetworkState): void {
  net.groupOf = null;
  net.cuts = [];
}

export function cut(net: NetworkState, from: NodeId, to: NodeId): void {
  if (from === to) return;
  const key = cutKey(from, to);
  if (!net.cuts.includes(key)) net.cuts.push(key);
}

export function restoreLink(net: NetworkState, from: NodeId, to: NodeId): void {
  net.cuts = net.cuts.filter((k) => k !== cutKey(from, to));
}

export function setFaults(
  net: NetworkState,
  faults: {
    readonly drop?: number;
    readonly duplicate?: number;
    readonly latency?: readonly [number, number];
  },
): void {
  if (faults.drop !== undefined) net.drop = faults.drop;
  if (faults.duplicate !== undefined) net.duplicate = faults.duplicate;
  if (faults.latency !== undefined) net.latency = [faults.latency[0], faults.latency[1]];
}
