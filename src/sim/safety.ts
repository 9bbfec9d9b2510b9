/**
 * The safety checker: the Raft paper's Figure 3 properties, plus the current-term commit
 * rule and acknowledged writes, checked after every event. It watches the nodes from the
 * outside and keeps its own record (a shadow of every log as prefix hashes), so each check
 * costs what the event changed, not the length of the logs.
 *
 * It relies on one fact about logs, which every Raft log operation respects: a log only
 * changes at its tail (entries are appended, or a suffix is deleted and replaced), and
 * entries are never mutated. `verifyShadows` checks that fact from scratch, for tests.
 */
import type { Entry, NodeContext, NodeId, Role } from '../raft/types';
import {
  emptyLayered,
  layeredAdd,
  layeredFreeze,
  layeredGet,
  layeredThaw,
  type FrozenLayered,
  type LayeredRecord,
} from '../raft/layeredRecord';
import { freeze, thaw, type Chunked } from './chunks';

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
  /** hashes[i] is the hash of the log's prefix through index i; hashes[0] = 0. */
  hashes: number[];
  up: boolean;
  role: Role;
  term: number;
  commitIndex: number;
}

interface ShadowSnapshot {
  readonly refs: Chunked<Entry>;
  readonly hashes: Chunked<number>;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly commitIndex: number;
}

/** The checker's whole record at one moment (see World.snapshot). */
export interface CheckerSnapshot {
  readonly leaders: Readonly<Record<string, NodeId>>;
  readonly violations: readonly Violation[];
  readonly shadows: readonly ShadowSnapshot[];
  readonly committedHashes: Chunked<number>;
  readonly committedEntries: Chunked<Entry>;
  readonly committedBy: Chunked<NodeId>;
  readonly commitTerms: Chunked<number>;
  readonly seen: FrozenLayered<{ readonly hash: number; readonly node: NodeId }>;
}

const entryHashes = new WeakMap<Entry, number>();
const NONE: Violation[] = [];

function hashString(s: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function entryHash(entry: Entry): number {
  let h = entryHashes.get(entry);
  if (h === undefined) {
    const c = entry.command;
    const text = c.op === 'set' ? `set\u0000${c.id}\u0000${c.key}\u0000${c.value}` : c.op;
    h = hashString(`${entry.term}\u0001${text}`, 0x9747b28c);
    entryHashes.set(entry, h);
  }
  return h;
}

/** A 53-bit hash of a prefix, from the previous prefix's hash and the next entry. */
function extend(prefix: number, entry: Entry): number {
  const hi = Math.floor(prefix / 2097152) >>> 0;
  const lo = prefix % 2097152;
  const e = entryHash(entry);
  const a = Math.imul(hi ^ e, 0x85ebca6b) ^ Math.imul(lo + 0x165667b1, 0xc2b2ae35);
  const b = Math.imul(lo ^ (e >>> 11) ^ (hi << 5), 0x27d4eb2f) ^ Math.imul(e, 0x9e3779b1);
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
  /** The committed prefix as the cluster has announced it: index -> prefix hash, entry, who, in which term. */
  private committedHashes: number[] = [0];
  private committedEntries: Entry[] = [];
  private committedBy: NodeId[] = [];
  private commitTerms: number[] = [];
  /** (index, term) -> prefix hash and the node that first had it, for Log Matching. */
  private seen: LayeredRecord<{ readonly hash: number; readonly node: NodeId }> = emptyLayered();

  constructor(ids: readonly NodeId[]) {
    this.ids = ids;
    this.shadows = ids.map(() => ({
      refs: [],
      hashes: [0],
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

  /** Checks the cluster after one event. Returns the violations this event caused. */
  observe(nodes: readonly ObservedNode[], at: Moment): readonly Violation[] {
    this.fresh = NONE;
    // First every log, so that counting replicas below sees this event's appends on all nodes.
    for (let k = 0; k < nodes.length; k++) this.observeLog(nodes[k]!, this.shadows[k]!, at);
    for (let k = 0; k < nodes.length; k++) this.observeRoleAndCommit(nodes, k, at);
    return this.fresh;
  }

  private observeLog(node: ObservedNode, sh: Shadow, at: Moment): void {
    const ctx = node.context;
    const log = ctx.log;
    // Find where the log departs from the shadow (only ever at the tail).
    const oldLength = sh.refs.length;
    let keep = Math.min(oldLength, log.length);
    while (keep > 0 && sh.refs[keep - 1] !== log[keep - 1]) keep--;
    if (keep === oldLength && log.length === oldLength) return;
    const stillLeader = sh.up && sh.role === 'leader' && node.up && node.role === 'leader' && sh.term === ctx.term;
    if (stillLeader && keep < oldLength) {
      this.report(
        at,
        'Leader Append-Only',
        [node.id],
        `${node.id}, leader of term ${ctx.term}, changed its entry at index ${keep + 1} from ${label(sh.refs[keep])} to ${label(log[keep])}`,
        keep + 1,
      );
    }
    sh.refs.length = keep;
    sh.hashes.length = keep + 1;
    for (let i = keep; i < log.length; i++) {
      const entry = log[i]!;
      const hash = extend(sh.hashes[i]!, entry);
      sh.refs.push(entry);
      sh.hashes.push(hash);
      this.checkLogMatching(node.id, i + 1, entry.term, hash, at);
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
    }

    if (node.up && ctx.commitIndex > sh.commitIndex) this.checkCommit(nodes, node, sh, sameLeadership, at);

    sh.up = node.up;
    sh.role = node.role;
    sh.term = ctx.term;
    sh.commitIndex = ctx.commitIndex;
  }

  private checkLogMatching(id: NodeId, index: number, term: number, hash: number, at: Moment): void {
    const key = `${index}:${term}`;
    const first = layeredGet(this.seen, key);
    if (first === undefined) layeredAdd(this.seen, key, { hash, node: id });
    else if (first.hash !== hash) {
      this.report(
        at,
        'Log Matching',
        [first.node, id],
        `${first.node} and ${id} both have an entry of term ${term} at index ${index}, but their logs differ at or before it`,
        index,
      );
    }
  }

  private checkLeaderCompleteness(id: NodeId, term: number, sh: Shadow, at: Moment): void {
    // Every entry committed in an earlier term must be in the new leader's log.
    let i = this.committedEntries.length;
    while (i > 0 && this.commitTerms[i - 1]! >= term) i--;
    if (i === 0) return;
    if (sh.hashes.length <= i || sh.hashes[i] !== this.committedHashes[i]) {
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
      if (sh.hashes.length > mid && sh.hashes[mid] === this.committedHashes[mid]) lo = mid + 1;
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
    // Figure 2, Rules for Leaders: only an entry of the current term is committed by counting replicas.
    if (sameLeadership) {
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
        const hashes = this.shadows[k]!.hashes;
        if (hashes.length > c && hashes[c] === sh.hashes[c]) holders++;
      }
      if (holders < Math.floor(nodes.length / 2) + 1) {
        this.report(
          at,
          'Current-term commit rule',
          [node.id],
          `${node.id}, leader of term ${ctx.term}, committed index ${c} held by only ${holders} of ${nodes.length} servers`,
          c,
        );
      }
    }
    // State Machine Safety: what this node commits agrees with everything committed before.
    const known = this.committedEntries.length;
    const overlap = Math.min(c, known);
    if (overlap > 0 && sh.hashes[overlap] !== this.committedHashes[overlap]) {
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
      this.committedHashes.push(sh.hashes[i]!);
      this.committedEntries.push(sh.refs[i - 1]!);
      this.committedBy.push(node.id);
      this.commitTerms.push(ctx.term);
    }
    // Leader Completeness, forwards: leaders of later terms already hold what is now committed.
    for (let k = 0; k < nodes.length; k++) {
      const other = nodes[k]!;
      if (!other.up || other.role !== 'leader' || other.context.term <= ctx.term) continue;
      const hashes = this.shadows[k]!.hashes;
      if (hashes.length <= c || hashes[c] !== this.committedHashes[c]) {
        this.report(
          at,
          'Leader Completeness',
          [other.id, node.id],
          `${node.id} committed index ${c} in term ${ctx.term}, which ${other.id}, leader of the later term ${other.context.term}, does not hold`,
          c,
        );
      }
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
        hashes: freeze(sh.hashes, previous?.shadows[k]?.hashes),
        up: sh.up,
        role: sh.role,
        term: sh.term,
        commitIndex: sh.commitIndex,
      })),
      committedHashes: freeze(this.committedHashes, previous?.committedHashes),
      committedEntries: freeze(this.committedEntries, previous?.committedEntries),
      committedBy: freeze(this.committedBy, previous?.committedBy),
      commitTerms: freeze(this.commitTerms, previous?.commitTerms),
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
      sh.hashes = thaw(s.hashes);
      sh.up = s.up;
      sh.role = s.role;
      sh.term = s.term;
      sh.commitIndex = s.commitIndex;
    });
    this.committedHashes = thaw(snap.committedHashes);
    this.committedEntries = thaw(snap.committedEntries);
    this.committedBy = thaw(snap.committedBy);
    this.commitTerms = thaw(snap.commitTerms);
    this.seen = layeredThaw(snap.seen);
    this.fresh = NONE;
  }

  /** Recomputes every shadow from scratch and compares (for tests): the tail-only assumption holds. */
  verifyShadows(nodes: readonly ObservedNode[]): string[] {
    const problems: string[] = [];
    nodes.forEach((node, k) => {
      const sh = this.shadows[k]!;
      const log = node.context.log;
      if (sh.refs.length !== log.length)
        problems.push(`${this.ids[k]!}: shadow length ${sh.refs.length}, log ${log.length}`);
      let h = 0;
      for (let i = 0; i < log.length; i++) {
        h = extend(h, log[i]!);
        if (sh.hashes[i + 1] !== h) {
          problems.push(`${this.ids[k]!}: shadow differs at index ${i + 1}`);
          break;
        }
      }
    });
    return problems;
  }
}
