/**
 * The trace (CONTRACTS.md section 2): one JSON object per event, with every node's state
 * after it.
 */
import type { SimEvent } from './events';
import type { World } from './world';

export function traceLine(t: number, seq: number, event: SimEvent, world: World): string {
  return JSON.stringify({ t, seq, event, nodes: world.nodeStates() });
}
