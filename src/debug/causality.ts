/**
 * "Why did this happen?": the chain of recorded messages and lane marks that put a log
 * entry on a node (and committed it there), or that made a node vote for a candidate.
 *
 * Pure functions of the page's MessageTracks and LaneMarks, looking only at what had
 * happened by `now`. A message counts from its first delivery (a duplicate copy arriving
 * later changes nothing); a dropped copy never counts. The records may cover only a recent
 * window: a link that is not in them is never guessed at, and the last step says which
 * links the window leaves out.
 */
import { majorityOf } from '../raft/quorum';
import { CLIENT } from '../raft/types';
import type { LaneMark, MessageTrack } from './trackTypes';

export interface Explanation {
  /** MessageTrack keys in the chain (to highlight arrows). */
  readonly tracks: ReadonlySet<string>;
  /** Lane marks in the chain (reference-equal to the inputs). */
  readonly marks: readonly LaneMark[];
  /** The chain in plain words, in time order, one sentence each, e.g. "t=1203: the client sent w3 (x=3) to S1." */
  readonly steps: readonly string[];
  /** Nodes involved, for highlighting (servers only, not the client). */
  readonly nodes: readonly string[];
}

export interface EntryQuery {
  readonly node: string;
  readonly index: number;
  readonly term: number;
  readonly writeId: string | null;
  readonly now: number;
  readonly committed: boolean;
  /** Servers in the cluster; by default the distinct nodes seen in the records. */
  readonly clusterSize?: number;
}

export interface VoteQuery {
  readonly voter: string;
  readonly candidate: string;
  readonly term: number;
  readonly now: number;
  /** Servers in the cluster; by default the distinct nodes seen in the records. */
  readonly clusterSize?: number;
}

/** Why `node` has this entry at `index` (of term `term`), and why it is committed there if it is. */
export function explainEntry(tracks: readonly MessageTrack[], marks: readonly LaneMark[], q: EntryQuery): Explanation {
  const r = recordsAt(tracks, marks, q.now, q.clusterSize);
  const chain = new Chain(q.now);
  const { node, index, term, writeId } = q;
  const what = writeId === null ? 'the no-op' : nameOf(r, writeId);
  const leader = leaderOf(r, term);

  // How the entry came to be: a client's write appended by the leader, or a new leader's no-op.
  if (writeId === null) {
    const elected = r.marks.find((m) => m.kind === 'leader' && m.term === term);
    if (elected)
      chain.mark(elected, `${elected.node} became leader of term ${term} and appended a no-op at index ${index}`);
    else chain.lack(`the election of the leader of term ${term}, which appended the no-op`);
  } else {
    const appended = r.marks.find((m) => m.kind === 'append' && m.term === term && m.index === index);
    const at = appended?.node ?? leader;
    const request = at === undefined ? undefined : requestTo(r, at, writeId, term, appended);
    if (request) {
      for (const redirect of r.delivered) {
        if (redirect.type !== 'ClientRedirect' || redirect.detail.writeId !== writeId) continue;
        if (redirect.endAt > request.sentAt) break;
        const asked = r.delivered.find(
          (t) =>
            t.type === 'ClientRequest' &&
            t.detail.writeId === writeId &&
            t.to === redirect.from &&
            t.endAt === redirect.sentAt,
        );
        if (asked) chain.message(asked, `the client sent ${what} to ${asked.to}`);
        const hint = /: (.+)$/.exec(redirect.summary)?.[1];
        chain.message(redirect, `${redirect.from} redirected the client${hint ? ` (${hint})` : ''}`);
      }
      chain.message(request, `the client sent ${what} to ${request.to}`);
    } else chain.lack(`the client's request ${what}`);
    if (appended) {
      chain.mark(appended, `${appended.node}, leader of term ${term}, appended ${what} to its log at index ${index}`);
    } else chain.lack(`${at ?? 'the leader'} appending ${what} at index ${index}`);
  }

  // How it reached the node, or, on the leader, the followers.
  if (node === leader) {
    for (const follower of r.nodes) {
      const carrier = follower === node ? undefined : carrierTo(r, follower, index, term);
      if (carrier) chain.message(carrier, carried(carrier, index));
    }
  } else {
    const carrier = carrierTo(r, node, index, term);
    if (carrier) chain.message(carrier, carried(carrier, index));
    else chain.lack(`how ${node} got index ${index}`);
  }

  if (q.committed) {
    // The leader commits once a majority (itself included) holds the entry.
    const commit = r.marks.find(
      (m) => m.kind === 'commit' && (m.index ?? 0) >= index && leaderOf(r, m.term) === m.node,
    );
    if (commit) {
      const through = commit.index ?? index;
      const acks = firstFromEach(
        r.delivered.filter(
          (t) =>
            t.type === 'AppendEntriesReply' &&
            t.to === commit.node &&
            t.from !== commit.node &&
            t.term === commit.term &&
            t.detail.success === true &&
            (t.detail.matchIndex ?? 0) >= through &&
            t.endAt <= commit.t,
        ),
        r.majority - 1,
      );
      for (const ack of acks) {
        const carrier = carrierTo(r, ack.from, index, term);
        if (carrier) chain.message(carrier, carried(carrier, index));
        const match = ack.detail.matchIndex ?? through;
        chain.message(ack, `${ack.from} told ${ack.to} its log matches through index ${match}`);
      }
      const holders = [commit.node, ...acks.map((a) => a.from)];
      const why = acks.length < r.majority - 1 ? '' : `: ${words(holders)} hold it, a majority of ${r.size}`;
      const earlier =
        term < commit.term ? `; index ${index}, of the earlier term ${term}, is committed along with it` : '';
      chain.mark(commit, `${commit.node} committed through index ${through}${why}${earlier}`);
      if (acks.length < r.majority - 1) chain.lack(`some of the acknowledgements that made a majority`);
    } else chain.lack(`the leader committing index ${index}`);

    // A follower learns of the commit from a later AppendEntries' leaderCommit.
    if (node !== (commit?.node ?? leader)) learnedBy(r, chain, node, index);

    if (writeId !== null) {
      const reply = r.delivered.find(
        (t) =>
          t.type === 'ClientReply' &&
          t.detail.writeId === writeId &&
          (t.detail.index === undefined || t.detail.index === index),
      );
      if (reply) chain.message(reply, `${reply.from} told the client that ${what} is committed at index ${index}`);
    }
  }
  return chain.explain(r);
}

/** Why `voter` voted for `candidate` in `term` (and, if the candidate won, the votes that made it leader). */
export function explainVote(tracks: readonly MessageTrack[], marks: readonly LaneMark[], q: VoteQuery): Explanation {
  const r = recordsAt(tracks, marks, q.now, q.clusterSize);
  const chain = new Chain(q.now);
  const { voter, candidate, term } = q;

  const stood = r.marks.find((m) => m.kind === 'candidate' && m.node === candidate && m.term === term);
  if (stood) {
    chain.mark(
      stood,
      `${candidate}'s election timer ran out: it became a candidate for term ${term} and voted for itself`,
    );
  } else chain.lack(`${candidate} becoming a candidate for term ${term}`);

  if (voter !== candidate) {
    const request = r.delivered.find(
      (t) => t.type === 'RequestVote' && t.from === candidate && t.to === voter && t.term === term,
    );
    if (request) {
      const { lastLogIndex: i, lastLogTerm: lt } = request.detail;
      const log = i === undefined ? '' : `, its log ending at index ${i}${lt === undefined ? '' : ` of term ${lt}`}`;
      chain.message(request, `${candidate} asked ${voter} for its vote in term ${term}${log}`);
    } else chain.lack(`${candidate}'s request for ${voter}'s vote`);
    const grants = r.sent.filter((t) => isGrant(t, term) && t.from === voter && t.to === candidate);
    const grant = grants.find((t) => t.sentAt === request?.endAt) ?? grants[0];
    if (grant) chain.message(grant, `${voter} granted its vote to ${candidate}`);
    else chain.lack(`${voter}'s vote for ${candidate}`);
  }

  const won = r.marks.find((m) => m.kind === 'leader' && m.node === candidate && m.term === term);
  if (won) {
    const votes = firstFromEach(
      r.delivered.filter((t) => isGrant(t, term) && t.to === candidate && t.from !== candidate && t.endAt <= won.t),
      r.majority - 1,
    );
    for (const v of votes) chain.message(v, `${v.from} granted its vote to ${candidate}`);
    const why =
      votes.length < r.majority - 1
        ? ''
        : `with votes from ${words([candidate, ...votes.map((v) => v.from)])}, a majority of ${r.size}, `;
    chain.mark(won, `${why}${candidate} became leader of term ${term}`);
    if (votes.length < r.majority - 1) chain.lack(`some of the votes that made ${candidate} leader`);
  }
  return chain.explain(r);
}

/** What the records hold by `now`. */
interface Records {
  /** The first copy of each message to arrive by now, in order of arrival. */
  readonly delivered: readonly MessageTrack[];
  /** One copy of each message sent by now (the first to arrive, if any has), in order of sending. */
  readonly sent: readonly MessageTrack[];
  /** Marks by now, in time order. */
  readonly marks: readonly LaneMark[];
  /** Every server in the records. */
  readonly nodes: readonly string[];
  readonly size: number;
  readonly majority: number;
  /** The earliest recorded time, or null when nothing is recorded. */
  readonly start: number | null;
}

function recordsAt(
  tracks: readonly MessageTrack[],
  marks: readonly LaneMark[],
  now: number,
  clusterSize: number | undefined,
): Records {
  const arrived = (t: MessageTrack): boolean => t.outcome === 'delivered' && t.endAt <= now;
  const copies = new Map<number, MessageTrack>();
  for (const t of tracks) {
    if (t.sentAt > now) continue;
    const kept = copies.get(t.msgId);
    if (kept === undefined || (arrived(t) && (!arrived(kept) || t.endAt < kept.endAt))) copies.set(t.msgId, t);
  }
  const sent = [...copies.values()].sort((a, b) => a.sentAt - b.sentAt);
  const delivered = sent.filter(arrived).sort((a, b) => a.endAt - b.endAt);

  const ids = new Set<string>();
  for (const t of tracks) ids.add(t.from).add(t.to);
  for (const m of marks) ids.add(m.node);
  ids.delete(CLIENT);
  const nodes = [...ids].sort(byId);
  const size = clusterSize ?? Math.max(1, nodes.length);

  const times = [...tracks.map((t) => t.sentAt), ...marks.map((m) => m.t)];
  return {
    delivered,
    sent,
    marks: marks.filter((m) => m.t <= now).sort((a, b) => a.t - b.t || a.seq - b.seq),
    nodes,
    size,
    majority: majorityOf(size),
    start: times.length === 0 ? null : Math.min(...times),
  };
}

/** The chain being built: links in the order found (causal order), sorted by time at the end. */
class Chain {
  private readonly links: { t: number; text: string; of: MessageTrack | LaneMark }[] = [];
  private readonly missing: string[] = [];
  private readonly seen = new Set<MessageTrack | LaneMark>();

  constructor(private readonly now: number) {}

  message(track: MessageTrack, text: string): void {
    if (this.seen.has(track)) return;
    this.seen.add(track);
    this.links.push({ t: track.sentAt, text: `t=${ms(track.sentAt)}: ${text}${fate(track, this.now)}.`, of: track });
  }

  mark(mark: LaneMark, text: string): void {
    if (this.seen.has(mark)) return;
    this.seen.add(mark);
    this.links.push({ t: mark.t, text: `t=${ms(mark.t)}: ${text}.`, of: mark });
  }

  /** A link the records do not show. */
  lack(what: string): void {
    this.missing.push(what);
  }

  explain(r: Records): Explanation {
    const links = this.links.slice().sort((a, b) => a.t - b.t); // stable: ties keep causal order
    const tracks = new Set<string>();
    const marks: LaneMark[] = [];
    const nodes = new Set<string>();
    for (const { of } of links) {
      if ('key' in of) {
        tracks.add(of.key);
        nodes.add(of.from).add(of.to);
      } else {
        marks.push(of);
        nodes.add(of.node);
      }
    }
    nodes.delete(CLIENT);
    const steps = links.map((l) => l.text);
    if (this.missing.length > 0) {
      const window =
        r.start === null
          ? 'Nothing is recorded'
          : `Earlier history is not in the recorded window (it starts at t=${ms(r.start)})`;
      steps.push(`${window}, so this chain leaves out ${words(this.missing)}.`);
    }
    return { tracks, marks, steps, nodes: [...nodes].sort(byId) };
  }
}

/** What became of a message by `now`, as the end of its sentence. */
function fate(t: MessageTrack, now: number): string {
  if (t.endAt <= now && t.outcome === 'delivered') return `, arriving at t=${ms(t.endAt)}`;
  if (t.endAt <= now && t.outcome === 'dropped')
    return `, but it was dropped${t.dropReason ? ` (${t.dropReason})` : ''}`;
  return t.outcome === 'held' ? ', and it is being held' : ', and it is still on its way';
}

function carried(t: MessageTrack, index: number): string {
  return `${t.from} sent ${t.to} AppendEntries of term ${t.term} carrying index ${index} (leader commit ${t.detail.leaderCommit ?? 0})`;
}

/** "w3 (x=3)", from the client's request if it is recorded. */
function nameOf(r: Records, writeId: string): string {
  const request = r.sent.find((t) => t.type === 'ClientRequest' && t.detail.writeId === writeId);
  const command = request && /\(([^()]*)\)\s*$/.exec(request.summary)?.[1];
  return command ? `${writeId} (${command})` : writeId;
}

/** The leader of `term`, as far as the records tell. */
function leaderOf(r: Records, term: number): string | undefined {
  return (
    r.marks.find((m) => (m.kind === 'leader' || m.kind === 'append') && m.term === term)?.node ??
    r.sent.find((t) => t.type === 'AppendEntries' && t.term === term)?.from
  );
}

/** The client request that `leader` appended: the last to reach it by the append, or else the first in its term. */
function requestTo(
  r: Records,
  leader: string,
  writeId: string,
  term: number,
  appended: LaneMark | undefined,
): MessageTrack | undefined {
  const requests = r.delivered.filter(
    (t) => t.type === 'ClientRequest' && t.to === leader && t.detail.writeId === writeId,
  );
  if (appended) return requests.filter((t) => t.endAt <= appended.t).pop();
  const elected = r.marks.find((m) => m.kind === 'leader' && m.node === leader && m.term === term);
  return requests.find((t) => elected === undefined || t.endAt >= elected.t);
}

/** The first AppendEntries that brought the entry (index, term) to `node` and was accepted. */
function carrierTo(r: Records, node: string, index: number, term: number): MessageTrack | undefined {
  return r.delivered.find(
    (t) => t.type === 'AppendEntries' && t.to === node && carries(t, index, term) && accepted(r, t),
  );
}

function carries(t: MessageTrack, index: number, term: number): boolean {
  const { prevLogIndex, entries } = t.detail;
  if (prevLogIndex === undefined || entries === undefined) return false;
  return entries[index - prevLogIndex - 1]?.term === term;
}

/** Whether the receiver's reply (sent the instant the request arrived) was a success; true if it is not recorded. */
function accepted(r: Records, request: MessageTrack): boolean {
  const reply = r.sent.find(
    (t) =>
      t.type === 'AppendEntriesReply' &&
      t.from === request.to &&
      t.to === request.from &&
      t.sentAt === request.endAt &&
      (t.detail.prevLogIndex === undefined || t.detail.prevLogIndex === request.detail.prevLogIndex),
  );
  return reply === undefined || reply.detail.success === true;
}

/** The follower's commit mark for `index` (since its last restart) and the AppendEntries that caused it. */
function learnedBy(r: Records, chain: Chain, node: string, index: number): void {
  let since = -Infinity;
  for (const m of r.marks) if (m.node === node && (m.kind === 'crash' || m.kind === 'restart')) since = m.t;
  const learned = r.marks.find(
    (m) => m.kind === 'commit' && m.node === node && (m.index ?? 0) >= index && m.t >= since,
  );
  if (learned === undefined) {
    chain.lack(`${node} learning that index ${index} is committed`);
    return;
  }
  const tells = r.delivered.filter(
    (t) => t.type === 'AppendEntries' && t.to === node && (t.detail.leaderCommit ?? 0) >= index && t.endAt <= learned.t,
  );
  const told = tells.find((t) => t.endAt === learned.t) ?? tells.pop();
  if (told) {
    chain.message(
      told,
      `${told.from} sent ${node} AppendEntries of term ${told.term} with leader commit ${told.detail.leaderCommit}`,
    );
  } else chain.lack(`the AppendEntries that told ${node} of the commit`);
  chain.mark(learned, `${node}'s commit index rose to ${learned.index}, so index ${index} is committed there`);
}

function isGrant(t: MessageTrack, term: number): boolean {
  return t.type === 'RequestVoteReply' && t.term === term && t.detail.voteGranted === true;
}

/** The first `count` tracks from distinct senders. */
function firstFromEach(tracks: readonly MessageTrack[], count: number): MessageTrack[] {
  const out: MessageTrack[] = [];
  for (const t of tracks) {
    if (out.length >= count) break;
    if (!out.some((o) => o.from === t.from)) out.push(t);
  }
  return out;
}

function words(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function byId(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** A time for a sentence: whole milliseconds when it is one, else one decimal. */
function ms(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(1);
}
