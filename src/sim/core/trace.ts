/**
 * The trace (CONTRACTS.md section 2): one JSON object per event, with every node's state
 * after it. The fields section 5 added to a node (`clockRate`, `quorumContact`,
 * `transferTo`) are written only when they differ from their defaults (1, null, null), so a
 * run that uses none of section 5 writes the very bytes it wrote before.
 */
import type { SimEvent } from './events';
import type { NodeState, World } from './world';

/** A node as the trace writes it: NodeState without the section 5 fields that hold their defaults. */
function traced(n: NodeState): Omit<NodeState, 'clockRate' | 'quorumContact' | 'transferTo'> & Partial<NodeState> {
  const { clockRate, quorumContact, transferTo, ...rest } = n;
  if (clockRate === 1 && quorumContact === null && transferTo === null) return rest;
  return {
    ...rest,
    ...(clockRate === 1 ? {} : { clockRate }),
    ...(quorumContact === null ? {} : { quorumContact }),
    ...(transferTo === null ? {} : { transferTo }),
  };
}

/** One line of the trace (no newline): the event at virtual time `t` (ms), number `seq`, and every node's state after it. */
export function traceLine(t: number, seq: number, event: SimEvent, world: World): string {
  return JSON.stringify({ t, seq, event, nodes: world.nodeStates().map(traced) });
}
