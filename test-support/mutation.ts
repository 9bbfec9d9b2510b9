/**
 * Test-only: corrupting one server's state between two events, as a bug in the node would,
 * to show that the safety checker notices. Nothing under src/ imports this module, so it is
 * out of reach of the page and the CLI.
 */
import { becomeLeader, newEntry, stepDownFromLeader } from '../src/raft/handlers';
import type { Entry, NodeContext, NodeId, Role } from '../src/raft/types';
import { freeze, thaw } from '../src/util/chunks';
import { entryHash, type Violation } from '../src/sim/check/safety';
import type { World } from '../src/sim/core/world';

/** The parts of one server's state a corruption may change. */
export interface ServerState {
  role: Role;
  term: number;
  votedFor: NodeId | null;
  commitIndex: number;
  /** A copy of the log: change it freely, but make new entries with `newEntry` (entries are frozen). */
  log: Entry[];
}

/**
 * Corrupts server `id` now, between two events: `change` gets its role, term, votedFor,
 * commitIndex and log and changes them, and the world goes on from that state (through
 * World.snapshot and restore, so the node's XState actor resumes in its new role). A node made
 * leader gets a new leader's bookkeeping (nextIndex, matchIndex...) but sends nothing yet; a
 * leader made follower gets a follower's. As Raft logs only ever change at their tail, a log is
 * rewritten from the first entry changed: the unchanged entries after it are appended again, as
 * equal copies. The checker sees the result at the next event (or at `look`).
 */
export function corrupt(world: World, id: NodeId, change: (state: ServerState) => void): void {
  const snap = world.snapshot();
  const k = world.ids.indexOf(id);
  const host = snap.hosts[k];
  if (host === undefined) throw new Error(`no server ${id}`);
  const before = thaw(host.log);
  const state: ServerState = {
    role: host.role,
    term: host.context.term,
    votedFor: host.context.votedFor,
    commitIndex: host.context.commitIndex,
    log: before.slice(),
  };
  change(state);
  const log = tailOnly(before, state.log);
  let context = { ...host.context, term: state.term, votedFor: state.votedFor, commitIndex: state.commitIndex };
  const stamp = { now: world.now, draw: 0.5 };
  // The handlers read only the id, peers, config, term, log and leader bookkeeping of a context.
  const full = (): NodeContext => ({ ...context, log: log.slice() }) as unknown as NodeContext;
  if (state.role === 'leader' && host.role !== 'leader') context = { ...context, ...becomeLeader(full(), stamp).patch };
  if (state.role !== 'leader' && host.role === 'leader')
    context = { ...context, ...stepDownFromLeader(full(), stamp).patch, leaderId: null };
  const changed = { ...host, role: state.role, context, log: freeze(log) };
  world.restore({ ...snap, hosts: snap.hosts.map((h, i) => (i === k ? changed : h)) });
}

/** `after`, with every entry from the first changed one on a new object, as if appended again. */
function tailOnly(before: readonly Entry[], after: readonly Entry[]): Entry[] {
  let same = 0;
  while (same < before.length && same < after.length && before[same] === after[same]) same++;
  const old = new Set(before);
  return [...after.slice(0, same), ...after.slice(same).map((e) => (old.has(e) ? newEntry(e.term, e.command) : e))];
}

/**
 * Lets the checker look at the world now, through an event that changes nothing (a `rules`
 * step with no switch in it). Returns the violations it found.
 */
export function look(world: World): readonly Violation[] {
  return world.apply({ at: world.now, do: 'rules', rules: {} }).violations;
}

/**
 * Two different entries of one term whose 32-bit entry hashes are equal, found by a birthday
 * search over values (tens of thousands of tries). Throws if the hash has become too
 * wide for that.
 */
export function collidingEntries(term: number): readonly [Entry, Entry] {
  // Distinct values (an odd multiplier is a bijection mod 2^32), scattered: FNV-1a collides
  // late on counting strings.
  const value = (n: number) => (Math.imul(n, 0x9e3779b1) >>> 0).toString(36);
  const make = (n: number) => newEntry(term, { op: 'set', id: 'collide', key: 'x', value: value(n) });
  // One entry-shaped object, changed in place: the search allocates only its strings.
  const command = { op: 'set' as const, id: 'collide', key: 'x', value: '' };
  const probe = { term, command };
  const byHash = new Map<number, number>();
  for (let n = 0; n < 1 << 22; n++) {
    command.value = value(n);
    const h = entryHash(probe);
    const other = byHash.get(h);
    if (other !== undefined) return [make(other), make(n)];
    byHash.set(h, n);
  }
  throw new Error('no two entries with equal hashes in 2^22 tries: is the entry hash wider than 32 bits now?');
}
