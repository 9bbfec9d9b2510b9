/**
 * The cluster's caption in words, from the servers as they are at the moment shown (never
 * from the last headline event): who leads in which term (or that nobody does), who is
 * crashed, and how far the log is committed. For example
 * "S5 is leader in term 5; S1 crashed; entry 1 committed".
 */
import type { NodeId } from '../../raft/types';

/** What the caption reads of a server (a NodeView has these fields). */
export interface CaptionNode {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: string;
  readonly term: number;
  readonly commitIndex: number;
}

/** "S1", "S1 and S5", "S1, S2 and S5". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The state of the servers `ids` (in the page's order) as one line: leaders that are up, by
 * term from the latest (an older one "still believes it leads"); else "No leader", with the
 * candidates; the crashed servers; the highest commitIndex among servers that are up.
 * Servers missing from `nodes` are left out.
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
  if (first === undefined) {
    const candidates = up.filter((n) => n.role === 'candidate');
    const terms = [...new Set(candidates.map((n) => String(n.term)))];
    const who = listOf(candidates.map((n) => n.id));
    const are = candidates.length === 1 ? 'is a candidate' : 'are candidates';
    parts.push(
      candidates.length === 0
        ? 'No leader'
        : `No leader; ${who} ${are} in term${terms.length > 1 ? 's' : ''} ${listOf(terms)}`,
    );
  } else {
    parts.push(`${first.id} is leader in term ${first.term}`);
    for (const n of others)
      parts.push(
        n.term < first.term
          ? `${n.id} still believes it leads term ${n.term}`
          : `${n.id} is leader in term ${n.term} too`,
      );
  }
  const crashed = known.filter((n) => !n.up).map((n) => n.id);
  if (crashed.length > 0) parts.push(`${listOf(crashed)} crashed`);
  const committed = Math.max(0, ...up.map((n) => n.commitIndex));
  if (committed === 1) parts.push('entry 1 committed');
  else if (committed > 1) parts.push(`entries 1 to ${committed} committed`);
  return parts.join('; ');
}
