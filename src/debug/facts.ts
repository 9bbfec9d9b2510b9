/**
 * What an event changed that a person may want to stop at or see on the timeline: a new
 * leader, a term change, a commit, a crash, a violation. Seen from outside the nodes, by
 * comparing the cluster with how it was before the event.
 */
import type { NodeId } from '../raft/types';
import type { Processed, World } from '../sim/core/world';

export interface Facts {
  /** A node elected leader by this event. */
  readonly elected: { readonly node: NodeId; readonly term: number } | null;
  /** Some node moved to a later term. */
  readonly termChanged: boolean;
  /** The cluster's committed prefix grew to this many entries. */
  readonly committed: number | null;
}

export type MarkerKind = 'election' | 'crash' | 'restart' | 'partition' | 'heal' | 'commit' | 'violation' | 'action';

/** A point on the timeline worth a mark. */
export interface Marker {
  readonly t: number;
  readonly seq: number;
  readonly kind: MarkerKind;
  readonly label: string;
}

export class FactWatcher {
  private roles: string[] = [];
  private terms: number[] = [];
  private committed = 0;

  /** Takes the cluster as it is now as the baseline (after creation or a restore). */
  reset(world: World): void {
    this.roles = world.hosts.map((h) => (h.up ? h.role : 'down'));
    this.terms = world.hosts.map((h) => h.context.term);
    this.committed = world.checker.committed;
  }

  observe(world: World): Facts {
    let elected: Facts['elected'] = null;
    let termChanged = false;
    const hosts = world.hosts;
    for (let k = 0; k < hosts.length; k++) {
      const h = hosts[k]!;
      const role = h.up ? h.role : 'down';
      const term = h.context.term;
      if (role === 'leader' && (this.roles[k] !== 'leader' || this.terms[k] !== term)) elected = { node: h.id, term };
      if (term > this.terms[k]!) termChanged = true;
      this.roles[k] = role;
      this.terms[k] = term;
    }
    const c = world.checker.committed;
    const committed = c > this.committed ? c : null;
    this.committed = c;
    return { elected, termChanged, committed };
  }
}

/** The timeline markers for one event (most events have none). */
export function markersOf(p: Processed, facts: Facts): Marker[] {
  const out: Marker[] = [];
  const at = (kind: MarkerKind, label: string) => out.push({ t: p.t, seq: p.seq, kind, label });
  const e = p.event;
  if (facts.elected) at('election', `${facts.elected.node} elected leader of term ${facts.elected.term}`);
  if (e.kind === 'crash' && !e.ignored) at('crash', `${e.node} crashed`);
  if (e.kind === 'restart' && !e.ignored) at('restart', `${e.node} restarted`);
  if (e.kind === 'partition') at('partition', `partition ${e.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`);
  if (e.kind === 'cut') at('partition', `link ${e.from} → ${e.to} cut`);
  if (e.kind === 'heal') at('heal', 'network healed');
  if (facts.committed !== null) at('commit', `committed through index ${facts.committed}`);
  for (const v of p.violations) at('violation', v.message);
  return out;
}
