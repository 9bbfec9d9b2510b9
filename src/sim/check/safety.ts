/**
 * The safety checker: the Raft paper's Figure 3 properties, plus the commit rules and
 * acknowledged writes, checked after every event. It watches the nodes from the outside and
 * keeps its own record (a shadow of every log as prefix ids), so each check costs what the
 * event changed, not the length of the logs.
 *
 * Prefix ids are exact. The id of a log prefix is a 53-bit hash of its parent prefix's id and
 * its last entry, kept in a table of every prefix seen (id -> parent id and entry); a hash
 * already taken by another prefix (another parent, or an entry with other content) moves on to
 * the next free id. So two prefixes have one id exactly when their entries are equal, term and
 * command, index by index: a hash collision costs a probe, never a missed difference.
 *
 * It relies on two facts about logs, which every Raft log operation respects: a log only
 * changes at its tail (entries are appended, or a suffix is deleted and replaced), and entries
 * are never mutated (they are frozen where they are made: `newEntry` in handlers.ts).
 * `verifyShadows` checks both from scratch, for tests.
 */
import type { Entry, NodeContext, NodeId, Role } from '../../raft/types';
import {
  emptyLayered,
  layeredAdd,
  layeredFreeze,
  layeredGet,
  layeredThaw,
  type FrozenLayered,
  type LayeredRecord,
} from '../../util/layeredRecord';
import { isMajority } from '../../raft/quorum';
import { freeze, thaw, type Chunked } from '../../util/chunks';

export interface ObservedNode {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly context: NodeContext;
}

export type Property =
  | 'Election Safety'
  | 'Leader Append-Only'
  | 'Log Matching'
  | 'Leader Completeness'
  | 'State Machine Safety'
  | 'Current-term commit rule'
  | 'Acknowledged write';

export interface Violation {
  readonly property: Property;
  readonly message: string;
  readonly nodes: readonly NodeId[];
  readonly index?: number;
  readonly t: number;
  readonly seq: number;
  readonly event: string;
}

/** Where and when: the event the checker is looking at. */
export interface Moment {
  readonly t: number;
  readonly seq: number;
  /** A plain description of the event, computed only when a violation needs it. */
  describe(): string;
}

interface Shadow {
  refs: Entry[];
  /** prefixes[i] is the id of the log's prefix through index i; prefixes[0] = 0, the empty log. */
  prefixes: number[];
  up: boolean;
  role: Role;
  term: number;
  commitIndex: number;
}

interface ShadowSnapshot {
  readonly refs: Chunked<Entry>;
  readonly prefixes: Chunked<number>;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly commitIndex: number;
}

/** A leader as it was elected: its log then, as a length and a prefix id (Leader Completeness, §5.4). */
interface Election {
  readonly term: number;
  readonly node: NodeId;
  readonly length: number;
  readonly prefix: number;
}

/**
 * The checker's whole record at one moment (see World.snapshot). Restore it into the checker
 * that took it: the table of prefix ids only grows and is kept, not copied.
 */
export interface CheckerSnapshot {
  readonly leaders: Readonly<Record<string, NodeId>>;
  readonly violations: readonly Violation[];
  readonly shadows: readonly ShadowSnapshot[];
  readonly committedPrefixes: Chunked<number>;
  readonly committedEntries: Chunked<Entry>;
  readonly committedBy: Chunked<NodeId>;
  readonly commitTerms: Chunked<number>;
  readonly elections: Chunked<Election>;
  readonly seen: FrozenLayered<{ readonly prefix: number; readonly node: NodeId }>;
}

/** A prefix in the table: the prefix it extends and its last entry (null for the empty log). */
interface Interned {
  readonly parent: number;
  readonly entry: Entry | null;
}

/** What the checker remembers of one entry object: its hash, and the last prefix it extended. */
interface EntryNote {
  readonly hash: number;
  parent: number;
  id: number;
}

const NONE: Violation[] = [];
const EMPTY_LOG: Interned = { parent: -1, entry: null };
const ID_LIMIT = 2 ** 53;

function hashString(s: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A 32-bit hash of an entry's term and command. Only a starting point for a prefix id (see
 * the top of this file); exported for tests that need two entries whose hashes collide.
 */
export function entryHash(entry: Entry): number {
  const c = entry.command;
  const text = c.op === 'set' ? `set\u0000${c.id}\u0000${c.key}\u0000${c.value}` : c.op;
  return hashString(`${entry.term}\u0001${text}`, 0x9747b28c);
}

/** Whether two entries are equal: the same term and the same command. */
function sameEntry(a: Entry, b: Entry): boolean {
  if (a === b) return true;
  if (a.term !== b.term) return false;
  const x = a.command;
  const y = b.command;
  if (x.op !== y.op) return false;
  if (x.op === 'set' && y.op === 'set') return x.id === y.id && x.key === y.key && x.value === y.value;
  return true;
}

/** A 53-bit hash of a prefix, from the previous prefix's id and the next entry's hash. */
function extend(prefix: number, hash: number): number {
  const hi = Math.floor(prefix / 2097152) >>> 0;
  const lo = prefix % 2097152;
  const a = Math.imul(hi ^ hash, 0x85ebca6b) ^ Math.imul(lo + 0x165667b1, 0xc2b2ae35);
  const b = Math.imul(lo ^ (hash >>> 11) ^ (hi << 5), 0x27d4eb2f) ^ Math.imul(hash, 0x9e3779b1);
  return ((a >>> 0) % 4294967296) * 2097152 + ((b >>> 0) & 0x1fffff);
}

function label(entry: Entry | undefined): string {
  if (entry === undefined) return 'nothing';
  const c = entry.command;
  return c.op === 'set' ? `term ${entry.term} (${c.id}: ${c.key}=${c.value})` : `term ${entry.term} (${c.op})`;
}

export class SafetyChecker {
  /** The leader of each term, as elections happened. */
  readonly leaders: Record<string, NodeId> = {};
  readonly violations: Violation[] = [];

  private readonly shadows: Shadow[];
  private readonly ids: readonly NodeId[];
  /** The committed prefix as the cluster has announced it: index -> prefix id, entry, who, in which term. */
  private committedPrefixes: number[] = [0];
  private committedEntries: Entry[] = [];
  private committedBy: NodeId[] = [];
  private commitTerms: number[] = [];
  /** Every election, as the leader's log was then, in order of term. */
  private elections: Election[] = [];
  /** (index, term) -> prefix id and the node that first had it, for Log Matching. */
  private seen: LayeredRecord<{ readonly prefix: number; readonly node: NodeId }> = emptyLayered();
  /** Every prefix seen, by id (only grows: a restore keeps it). */
  private readonly table = new Map<number, Interned>([[0, EMPTY_LOG]]);
  private readonly notes = new WeakMap<Entry, EntryNote>();

  constructor(ids: readonly NodeId[]) {
    this.ids = ids;
    this.shadows = ids.map(() => ({
      refs: [],
      prefixes: [0],
      up: true,
      role: 'follower',
      term: 0,
      commitIndex: 0,
    }));
  }

  /** Number of entries known to be committed. */
  get committed(): number {
    return this.committedEntries.length;
  }

  committedEntry(index: number): Entry | undefined {
    return this.committedEntries[index - 1];
  }

  private report(at: Moment, property: Property, nodes: NodeId[], message: string, index?: number): void {
    const v: Violation = {
      property,
      message: `${property}: ${message} (t=${Number.isInteger(at.t) ? at.t : at.t.toFixed(1)}, seq ${at.seq}: ${at.describe()})`,
      nodes,
      ...(index === undefined ? {} : { index }),
      t: at.t,
      seq: at.seq,
      event: at.describe(),
    };
    this.violations.push(v);
    if (this.fresh === NONE) this.fresh = [];
    this.fresh.push(v);
  }

  /** Violations found while checking the current event (the shared empty array when none). */
  private fresh: Violation[] = NONE;

  /**
   * Checks the cluster after one event: `nodes` in the order of the ids given to the
   * constructor, `at` the event. Returns the violations this event caused (also kept in
   * `violations`); never throws on a broken cluster.
   */
  observe(nodes: readonly ObservedNode[], at: Moment): readonly Violation[] {
    this.fresh = NONE;
    // First every log, so that counting replicas below sees this event's appends on all nodes.
    for (let k = 0; k < nodes.length; k++) this.observeLog(nodes[k]!, this.shadows[k]!, at);
    for (let k = 0; k < nodes.length; k++) this.observeRoleAndCommit(nodes, k, at);
    return this.fresh;
  }

  /** The id of `parent`'s prefix extended by `entry` (exact: see the top of this file). */
  private extendPrefix(parent: number, entry: Entry): number {
    let note = this.notes.get(entry);
    if (note === undefined) {
      note = { hash: entryHash(entry), parent: -1, id: 0 };
      this.notes.set(entry, note);
    } else if (note.parent === parent) return note.id;
    const id = this.probe(parent, entry, note.hash, true);
    note.parent = parent;
    note.id = id;
    return id;
  }

  /**
   * Looks up the prefix `parent` + `entry` in the table from the entry's `hash`, moving on
   * past ids taken by other prefixes; adds it if absent and `add`, else returns -1 for it.
   */
  private probe(parent: number, entry: Entry, hash: number, add: boolean): number {
    let id = extend(parent, hash);
    for (;;) {
      const found = this.table.get(id);
      if (found === undefined) {
        if (!add) return -1;
        this.table.set(id, { parent, entry });
        return id;
      }
      if (found.parent === parent && found.entry !== null && sameEntry(found.entry, entry)) return id;
      id = id + 1 < ID_LIMIT ? id + 1 : 1;
    }
  }

  /** The id of the prefix through `index` of the log whose prefix through `length` is `prefix`. */
  private prefixAt(prefix: number, length: number, index: number): number {
    let id = prefix;
    for (let i = length; i > index; i--) id = this.table.get(id)!.parent;
    return id;
  }

  private observeLog(node: ObservedNode, sh: Shadow, at: Moment): void {
    const ctx = node.context;
    const log = ctx.log;
    // Find where the log departs from the shadow (only ever at the tail).
    const oldLength = sh.refs.length;
    let keep = Math.min(oldLength, log.length);
    while (keep > 0 && sh.refs[keep - 1] !== log[keep - 1]) keep--;
    if (keep === oldLength && log.length === oldLength) return;
    // An entry replaced by an equal one is no change; `same` entries are unchanged in content.
    const shared = Math.min(oldLength, log.length);
    let same = keep;
    while (same < shared && sameEntry(sh.refs[same]!, log[same]!)) same++;
    if (same < oldLength) this.checkRemoval(node, sh, same, at);
    sh.refs.length = keep;
    sh.prefixes.length = keep + 1;
    for (let i = keep; i < log.length; i++) {
      const entry = log[i]!;
      const prefix = this.extendPrefix(sh.prefixes[i]!, entry);
      sh.refs.push(entry);
      sh.prefixes.push(prefix);
      this.checkLogMatching(node.id, i + 1, entry.term, prefix, at);
    }
  }

  /**
   * A log lost or changed its entries from index `same + 1` on: a leader must only append
   * (Leader Append-Only), and no server may lose an entry it has committed (it has applied
   * it, so State Machine Safety is at stake), whether or not its commitIndex moves later.
   */
  private checkRemoval(node: ObservedNode, sh: Shadow, same: number, at: Moment): void {
    const ctx = node.context;
    const index = same + 1;
    const what = `its entry at index ${index} from ${label(sh.refs[same])} to ${label(ctx.log[same])}`;
    const stillLeader = sh.up && sh.role === 'leader' && node.up && node.role === 'leader' && sh.term === ctx.term;
    if (stillLeader) {
      this.report(
        at,
        'Leader Append-Only',
        [node.id],
        `${node.id}, leader of term ${ctx.term}, changed ${what}`,
        index,
      );
    }
    if (same < sh.commitIndex) {
      this.report(
        at,
        'State Machine Safety',
        [node.id],
        `${node.id} changed ${what}, an entry it had committed (commitIndex ${sh.commitIndex})`,
        index,
      );
    }
  }

  private observeRoleAndCommit(nodes: readonly ObservedNode[], k: number, at: Moment): void {
    const node = nodes[k]!;
    const sh = this.shadows[k]!;
    const ctx = node.context;
    const sameLeadership = sh.up && sh.role === 'leader' && node.up && node.role === 'leader' && sh.term === ctx.term;

    if (node.up && node.role === 'leader' && !sameLeadership) {
      const term = ctx.term;
      const other = this.leaders[term];
      if (other !== undefined && other !== node.id) {
        this.report(
          at,
          'Election Safety',
          [other, node.id],
          `${other} and ${node.id} were both elected leader of term ${term}`,
        );
      } else {
        this.leaders[term] = node.id;
      }
      this.checkLeaderCompleteness(node.id, term, sh, at);
      this.recordElection(node.id, term, sh);
    }

    if (node.up && ctx.commitIndex > sh.commitIndex) this.checkCommit(nodes, node, sh, sameLeadership, at);

    sh.up = node.up;
    sh.role = node.role;
    sh.term = ctx.term;
    sh.commitIndex = ctx.commitIndex;
  }

  private recordElection(node: NodeId, term: number, sh: Shadow): void {
    const length = sh.refs.length;
    const election: Election = { term, node, length, prefix: sh.prefixes[length]! };
    const all = this.elections;
    let i = all.length;
    while (i > 0 && all[i - 1]!.term > term) i--;
    all.splice(i, 0, election);
  }

  private checkLogMatching(id: NodeId, index: number, term: number, prefix: number, at: Moment): void {
    const key = `${index}:${term}`;
    const first = layeredGet(this.seen, key);
    if (first === undefined) layeredAdd(this.seen, key, { prefix, node: id });
    else if (first.prefix !== prefix) {
      this.report(
        at,
        'Log Matching',
        [first.node, id],
        `${first.node} and ${id} both have an entry of term ${term} at index ${index}, but their logs differ at or before it`,
        index,
      );
    }
  }

  /** Leader Completeness, backwards: a new leader holds every entry committed in an earlier term. */
  private checkLeaderCompleteness(id: NodeId, term: number, sh: Shadow, at: Moment): void {
    let i = this.committedEntries.length;
    while (i > 0 && this.commitTerms[i - 1]! >= term) i--;
    if (i === 0) return;
    if (sh.prefixes.length <= i || sh.prefixes[i] !== this.committedPrefixes[i]) {
      const missing = this.firstDifference(sh, i);
      this.report(
        at,
        'Leader Completeness',
        [id, this.committedBy[missing - 1]!],
        `${id} became leader of term ${term} without the committed entry at index ${missing}, ${label(this.committedEntries[missing - 1])} (committed by ${this.committedBy[missing - 1]!} in term ${this.commitTerms[missing - 1]!}); it has ${label(sh.refs[missing - 1])}`,
        missing,
      );
    }
  }

  /** The first index at which a shadow's log departs from the committed prefix (up to `limit`). */
  private firstDifference(sh: Shadow, limit: number): number {
    let lo = 1;
    let hi = limit;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sh.prefixes.length > mid && sh.prefixes[mid] === this.committedPrefixes[mid]) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private checkCommit(
    nodes: readonly ObservedNode[],
    node: ObservedNode,
    sh: Shadow,
    sameLeadership: boolean,
    at: Moment,
  ): void {
    const ctx = node.context;
    const c = ctx.commitIndex;
    const known = this.committedEntries.length;
    if (c > ctx.log.length) {
      this.report(
        at,
        'State Machine Safety',
        [node.id],
        `${node.id} has commitIndex ${c} beyond its last entry ${ctx.log.length}`,
        c,
      );
      return;
    }
    if (sameLeadership) {
      // Figure 2, Rules for Leaders: only an entry of the current term is committed by counting replicas.
      const entry = ctx.log[c - 1]!;
      if (entry.term !== ctx.term) {
        this.report(
          at,
          'Current-term commit rule',
          [node.id],
          `${node.id}, leader of term ${ctx.term}, advanced commitIndex to ${c}, an entry of term ${entry.term}, by counting replicas`,
          c,
        );
      }
      let holders = 0;
      for (let k = 0; k < nodes.length; k++) {
        const prefixes = this.shadows[k]!.prefixes;
        if (prefixes.length > c && prefixes[c] === sh.prefixes[c]) holders++;
      }
      if (!isMajority(holders, nodes.length)) {
        this.report(
          at,
          'Current-term commit rule',
          [node.id],
          `${node.id}, leader of term ${ctx.term}, committed index ${c} held by only ${holders} of ${nodes.length} servers`,
          c,
        );
      }
    } else if (c > known) {
      // Figure 2, AppendEntries rule 5: any other server only learns a commit from a leader,
      // which has made it (and been checked) at an earlier event.
      this.report(
        at,
        'Current-term commit rule',
        [node.id],
        `${node.id}, ${node.role === 'leader' ? 'just elected leader' : `a ${node.role}`} of term ${ctx.term}, advanced commitIndex to ${c}, past index ${known}, the last any leader has committed`,
        c,
      );
    }
    // State Machine Safety: what this node commits agrees with everything committed before.
    const overlap = Math.min(c, known);
    if (overlap > 0 && sh.prefixes[overlap] !== this.committedPrefixes[overlap]) {
      const i = this.firstDifference(sh, overlap);
      this.report(
        at,
        'State Machine Safety',
        [node.id, this.committedBy[i - 1]!],
        `${node.id} committed ${label(sh.refs[i - 1])} at index ${i}, where ${this.committedBy[i - 1]!} committed ${label(this.committedEntries[i - 1])}`,
        i,
      );
      return;
    }
    if (c <= known) return;
    for (let i = known + 1; i <= c; i++) {
      this.committedPrefixes.push(sh.prefixes[i]!);
      this.committedEntries.push(sh.refs[i - 1]!);
      this.committedBy.push(node.id);
      this.commitTerms.push(ctx.term);
    }
    this.checkLaterLeaders(node.id, c, ctx.term, at);
  }

  /**
   * Leader Completeness, forwards: the leader of every later term, whether or not it still
   * leads (or is up), was elected holding what has now been committed through index `c`.
   */
  private checkLaterLeaders(id: NodeId, c: number, term: number, at: Moment): void {
    const want = this.committedPrefixes[c]!;
    for (let e = this.elections.length - 1; e >= 0; e--) {
      const leader = this.elections[e]!;
      if (leader.term <= term) break;
      if (leader.length >= c && this.prefixAt(leader.prefix, leader.length, c) === want) continue;
      this.report(
        at,
        'Leader Completeness',
        [leader.node, id],
        `${id} committed index ${c} in term ${term}, which ${leader.node} did not hold when it was elected leader of the later term ${leader.term}`,
        c,
      );
    }
  }

  /** A client was told its write `id` is committed at (index, term): it must be. */
  checkAck(id: string, index: number, term: number, at: Moment): readonly Violation[] {
    this.fresh = NONE;
    const entry = this.committedEntries[index - 1];
    const ok = entry !== undefined && entry.term === term && entry.command.op === 'set' && entry.command.id === id;
    if (!ok) {
      this.report(
        at,
        'Acknowledged write',
        [],
        `the client was told ${id} is committed at index ${index} in term ${term}, but the committed entry there is ${label(entry)}`,
        index,
      );
    }
    return this.fresh;
  }

  /** Everything the checker knows, sharing unchanged chunks with `previous`. */
  snapshot(previous?: CheckerSnapshot): CheckerSnapshot {
    return {
      leaders: { ...this.leaders },
      violations: this.violations.slice(),
      shadows: this.shadows.map((sh, k) => ({
        refs: freeze(sh.refs, previous?.shadows[k]?.refs),
        prefixes: freeze(sh.prefixes, previous?.shadows[k]?.prefixes),
        up: sh.up,
        role: sh.role,
        term: sh.term,
        commitIndex: sh.commitIndex,
      })),
      committedPrefixes: freeze(this.committedPrefixes, previous?.committedPrefixes),
      committedEntries: freeze(this.committedEntries, previous?.committedEntries),
      committedBy: freeze(this.committedBy, previous?.committedBy),
      commitTerms: freeze(this.commitTerms, previous?.commitTerms),
      elections: freeze(this.elections, previous?.elections),
      seen: layeredFreeze(this.seen),
    };
  }

  restore(snap: CheckerSnapshot): void {
    for (const term of Object.keys(this.leaders)) delete this.leaders[term];
    Object.assign(this.leaders, snap.leaders);
    this.violations.length = 0;
    for (const v of snap.violations) this.violations.push(v);
    snap.shadows.forEach((s, k) => {
      const sh = this.shadows[k]!;
      sh.refs = thaw(s.refs);
      sh.prefixes = thaw(s.prefixes);
      sh.up = s.up;
      sh.role = s.role;
      sh.term = s.term;
      sh.commitIndex = s.commitIndex;
    });
    this.committedPrefixes = thaw(snap.committedPrefixes);
    this.committedEntries = thaw(snap.committedEntries);
    this.committedBy = thaw(snap.committedBy);
    this.commitTerms = thaw(snap.commitTerms);
    this.elections = thaw(snap.elections);
    this.seen = layeredThaw(snap.seen);
    this.fresh = NONE;
  }

  /**
   * Recomputes every shadow from scratch and compares (for tests): the log changed only at
   * its tail, and no entry was mutated, since the shadow last looked. Returns the problems found.
   */
  verifyShadows(nodes: readonly ObservedNode[]): string[] {
    const problems: string[] = [];
    nodes.forEach((node, k) => {
      const sh = this.shadows[k]!;
      const log = node.context.log;
      if (sh.refs.length !== log.length)
        problems.push(`${this.ids[k]!}: shadow length ${sh.refs.length}, log ${log.length}`);
      let prefix = 0;
      for (let i = 0; i < log.length; i++) {
        const entry = log[i]!;
        if (!Object.isFrozen(entry) || !Object.isFrozen(entry.command))
          problems.push(`${this.ids[k]!}: entry ${i + 1} is not frozen`);
        // From the entry's content as it is now, not from what the checker remembers of it.
        prefix = this.probe(prefix, entry, entryHash(entry), false);
        if (sh.prefixes[i + 1] !== prefix) {
          problems.push(`${this.ids[k]!}: shadow differs at index ${i + 1}`);
          break;
        }
      }
    });
    return problems;
  }
}
