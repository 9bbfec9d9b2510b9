/**
 * The cluster's caption in words, from the servers as they are at the moment shown (never
 * from the last headline event): who leads in which term (or that nobody does), a leadership
 * transfer in progress, who is asking for pre-votes, who is crashed, and how far the log is
 * committed. For example "S5 is leader in term 5; S1 crashed; entry 1 committed".
 */
import type { NodeId } from '../../raft/types';

/** What the caption reads of a server (a NodeView has these fields). */
export interface CaptionNode {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: string;
  readonly term: number;
  readonly commitIndex: number;
  /** A leader handing leadership over (§3.10): to whom; absent or null otherwise. */
  readonly transferTo?: NodeId | null;
}

/** "S1", "S1 and S5", "S1, S2 and S5". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "S2 is a candidate in term 5", "S2 and S4 are pre-candidates in terms 1 and 2". */
function standing(group: readonly CaptionNode[], one: string, many: string): string {
  const terms = [...new Set(group.map((n) => String(n.term)))];
  const are = group.length === 1 ? `is a ${one}` : `are ${many}`;
  return `${listOf(group.map((n) => n.id))} ${are} in term${terms.length > 1 ? 's' : ''} ${listOf(terms)}`;
}

/**
 * The state of the servers `ids` (in the page's order) as one line: leaders that are up, by
 * term from the latest (an older one "still believes it leads"), each with a leadership
 * transfer it is making; else "No leader", with the candidates; servers asking for pre-votes
 * (PreVote, their own term); the crashed servers; the highest commitIndex among servers that
 * are up. Servers missing from `nodes` are left out.
 */
export function describeMoment(
  ids: readonly NodeId[],
  nodes: Readonly<Record<NodeId, CaptionNode | undefined>>,
): string {
  const known = ids.map((id) => nodes[id]).filter((n): n is CaptionNode => n !== undefined);
  if (known.length === 0) return '';
  const up = known.filter((n) => n.up);
  const parts: string[] = [];
  const leaders = up.filter((n) => n.role === 'leader').sort((a, b) => b.term - a.term);
  const [first, ...others] = leaders;
  const handing = (n: CaptionNode) =>
    n.transferTo !== undefined && n.transferTo !== null ? `, handing leadership to ${n.transferTo}` : '';
  if (first === undefined) {
    const candidates = up.filter((n) => n.role === 'candidate');
    parts.push(candidates.length === 0 ? 'No leader' : `No leader; ${standing(candidates, 'candidate', 'candidates')}`);
  } else {
    parts.push(`${first.id} is leader in term ${first.term}${handing(first)}`);
    for (const n of others)
      parts.push(
        n.term < first.term
          ? `${n.id} still believes it leads term ${n.term}`
          : `${n.id} is leader in term ${n.term} too${handing(n)}`,
      );
  }
  const precandidates = up.filter((n) => n.role === 'precandidate');
  if (precandidates.length > 0) parts.push(standing(precandidates, 'pre-candidate', 'pre-candidates'));
  const crashed = known.filter((n) => !n.up).map((n) => n.id);
  if (crashed.length > 0) parts.push(`${listOf(crashed)} crashed`);
  const committed = Math.max(0, ...up.map((n) => n.commitIndex));
  if (committed === 1) parts.push('entry 1 committed');
  else if (committed > 1) parts.push(`entries 1 to ${committed} committed`);
  return parts.join('; ');
}
