/**
 * A server's state in words, as every part of the page says it: its role ("pre-candidate" for
 * the PreVote role, dissertation §9.6), its clock when skewed, a leadership transfer (§3.10)
 * and a leader's quorum contact (CheckQuorum, §6.2).
 */
import type { NodeId, Role } from '../../raft/types';

const ROLE_WORDS: Readonly<Record<Role, string>> = {
  follower: 'follower',
  precandidate: 'pre-candidate',
  candidate: 'candidate',
  leader: 'leader',
};

/** "follower", "pre-candidate", "candidate", "leader", or "crashed" for a server that is down. */
export function roleWord(n: { readonly up: boolean; readonly role: Role }): string {
  return n.up ? ROLE_WORDS[n.role] : 'crashed';
}

/** A clock rate as people write it: "2×", "0.5×", "1.5×". */
export function rateText(rate: number): string {
  return `${Number(rate.toFixed(3))}×`;
}

/** A skewed clock in words ("clock runs 2× fast"), or null at true time (rate 1). */
export function clockWords(rate: number): string | null {
  if (rate === 1) return null;
  return `clock runs ${rateText(rate)} ${rate > 1 ? 'fast' : 'slow'}`;
}

/** "3 of 5": how many servers a leader heard from, itself included, out of the cluster. */
export function contactCount(contact: readonly NodeId[], size: number): string {
  return `${contact.length} of ${size}`;
}

/** What these helpers read of a server (a NodeView has these fields). */
export interface LeadNode {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly quorumContact: readonly NodeId[] | null;
  readonly transferTo: NodeId | null;
}

/**
 * The leader the page speaks of: the up leader of the highest term (an older one that has not
 * heard of the newer term may linger), or null when none is up.
 */
export function currentLeader<N extends LeadNode>(
  ids: readonly NodeId[],
  nodes: Readonly<Record<NodeId, N | undefined>>,
): N | null {
  let best: N | null = null;
  for (const id of ids) {
    const n = nodes[id];
    if (n?.up && n.role === 'leader' && (best === null || n.term > best.term)) best = n;
  }
  return best;
}

/** The up leader handing leadership to `id` (§3.10), or null; null too while `id` is down (it takes nothing over). */
export function handingTo(
  id: NodeId,
  ids: readonly NodeId[],
  nodes: Readonly<Record<NodeId, LeadNode | undefined>>,
): NodeId | null {
  if (nodes[id]?.up !== true) return null;
  for (const other of ids) {
    const n = nodes[other];
    if (n?.up && n.role === 'leader' && n.transferTo === id) return other;
  }
  return null;
}

/**
 * With CheckQuorum: whether the current leader heard from `id` within the window (§6.2);
 * null when no leader checks (CheckQuorum off, no leader) or `id` is that leader.
 */
export function heardByLeader(
  id: NodeId,
  ids: readonly NodeId[],
  nodes: Readonly<Record<NodeId, LeadNode | undefined>>,
): boolean | null {
  const leader = currentLeader(ids, nodes);
  if (leader === null || leader.quorumContact === null || leader.id === id) return null;
  return leader.quorumContact.includes(id);
}
