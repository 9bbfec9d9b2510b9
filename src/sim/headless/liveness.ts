/**
 * The liveness check of a fuzz run: once every fault has healed (all servers up, the network
 * whole, every clock at true time), a leader must emerge and keep its term. Raft promises
 * no more than that (§5.2: elections succeed once timeouts are long against the network), and
 * PreVote and CheckQuorum must not take it away (dissertation §9.6, §6.2).
 *
 * A leader is stable from the moment it is the up leader of a term no up server has passed;
 * it stays stable while that remains so. Times are virtual ms.
 */
import type { NodeId } from '../../raft/types';
import type { NodeHost } from '../core/servers';

export interface LeaderVerdict {
  /** The stable leader at the end, or null when there is none. */
  readonly leader: NodeId | null;
  readonly term: number;
  /** Since when (virtual ms) it has been the stable leader; null when there is none. */
  readonly since: number | null;
}

/** Watches a run after its faults healed, one event at a time. */
export class LeaderWatch {
  private leader: NodeId | null = null;
  private term = -1;
  private since: number | null = null;

  /** Looks at the servers after an event at virtual time `t` (ms). Costs one pass over them. */
  observe(hosts: readonly NodeHost[], t: number): void {
    let leader: NodeHost | null = null;
    let maxTerm = -1;
    for (let k = 0; k < hosts.length; k++) {
      const h = hosts[k]!;
      if (!h.up) continue;
      const term = h.context.term;
      if (term > maxTerm) maxTerm = term;
      if (h.role === 'leader' && (leader === null || term > leader.context.term)) leader = h;
    }
    if (leader === null || leader.context.term < maxTerm) {
      this.leader = null;
      this.term = -1;
      this.since = null;
    } else if (leader.id !== this.leader || leader.context.term !== this.term) {
      this.leader = leader.id;
      this.term = leader.context.term;
      this.since = t;
    }
  }

  verdict(): LeaderVerdict {
    return { leader: this.leader, term: this.term, since: this.since };
  }
}
