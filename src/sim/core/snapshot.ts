/**
 * Checkpoints of the whole world as plain data (DESIGN.md, "History is data"): taking one and
 * putting the world back from one. Big parts (logs, the held list, the checker's records) are
 * frozen into chunks shared with the previous checkpoint, so a checkpoint costs what changed.
 */
import type { AppliedWrite, Entry, Extensions, NodeContext, NodeId, Role, RuleSwitches } from '../../raft/types';
import { emptyLayered, layeredFreeze, layeredThaw, type FrozenLayered } from '../../util/layeredRecord';
import { freeze, thawInto, type Chunked } from '../../util/chunks';
import type { CheckerSnapshot, SafetyChecker } from '../check/safety';
import type { Item } from './agenda';
import type { Clock } from './clock';
import type { ClientState, PendingWrite } from './client';
import type { EventQueue } from './eventQueue';
import type { NetworkState } from './network';
import type { PrngState } from './prng';
import type { NodeHost, Servers } from './servers';
import type { Transit, TransitSnapshot } from './transit';

/** A node as a checkpoint keeps it: its context with the big parts frozen. */
export interface HostSnapshot {
  readonly up: boolean;
  readonly role: Role;
  readonly wakeAt: number;
  readonly rng: PrngState;
  /** The server's own clock (plain data, never changed in place). */
  readonly clock: Clock;
  readonly context: Omit<NodeContext, 'log' | 'kv' | 'applied'>;
  readonly log: Chunked<Entry>;
  readonly kv: ReadonlyMap<string, string>;
  readonly applied: FrozenLayered<AppliedWrite>;
}

/**
 * The whole world at one moment, as plain data: restoring it gives back a world that goes
 * on exactly as this one would have. Unchanged chunks are shared with the previous snapshot.
 * `now` is virtual ms; `seq` the last event's sequence number; `nextStep` the index of the
 * next scenario step (in time order) not yet carried out.
 */
export interface WorldSnapshot extends TransitSnapshot {
  readonly now: number;
  readonly seq: number;
  readonly nextStep: number;
  readonly rules: RuleSwitches;
  readonly extensions: Extensions;
  readonly netRng: PrngState;
  readonly net: NetworkState;
  readonly client: {
    readonly leaderGuess: NodeId;
    readonly suspect: NodeId | null;
    readonly pending: ReadonlyMap<string, PendingWrite>;
    readonly acked: FrozenLayered<{ readonly index: number; readonly term: number }>;
  };
  readonly queue: ReturnType<EventQueue<Item>['save']>;
  readonly hosts: readonly HostSnapshot[];
  readonly checker: CheckerSnapshot;
}

/** The world's parts a checkpoint covers, as the world owns them, and its clock. */
export interface WorldParts {
  readonly now: number;
  readonly seq: number;
  readonly nextStep: number;
  readonly rules: RuleSwitches;
  readonly extensions: Extensions;
  readonly net: NetworkState;
  readonly client: ClientState;
  readonly agenda: EventQueue<Item>;
  readonly transit: Transit;
  readonly servers: Servers;
  readonly checker: SafetyChecker;
}

/** The whole world as plain data, sharing unchanged chunks with `previous` (a snapshot of the same world). */
export function takeSnapshot(w: WorldParts, previous?: WorldSnapshot): WorldSnapshot {
  const c = w.client;
  const transit = w.transit.save(previous);
  return {
    now: w.now,
    seq: w.seq,
    nextMsgId: transit.nextMsgId,
    nextCopy: transit.nextCopy,
    nextStep: w.nextStep,
    hold: transit.hold,
    rules: { ...w.rules },
    extensions: { ...w.extensions },
    netRng: w.transit.rng.state(),
    net: structuredClone(w.net),
    client: {
      leaderGuess: c.leaderGuess,
      suspect: c.suspect,
      pending: new Map([...c.pending].map(([id, pw]) => [id, { ...pw }])),
      acked: layeredFreeze(c.acked),
    },
    queue: w.agenda.save(),
    held: transit.held,
    hosts: w.servers.hosts.map((h, k) => saveHost(h, previous?.hosts[k])),
    checker: w.checker.snapshot(previous?.checker),
  };
}

function saveHost(h: NodeHost, before: HostSnapshot | undefined): HostSnapshot {
  const { log, kv, applied, ...rest } = h.context;
  return {
    up: h.up,
    role: h.role,
    wakeAt: h.wakeAt,
    rng: h.rng.state(),
    clock: h.clock,
    context: rest,
    log: freeze(log, before?.log),
    kv: new Map(kv),
    applied: layeredFreeze(applied),
  };
}

/**
 * Puts the world's parts back exactly as they were when `snap` was taken (of this world's
 * scenario and seed). The world's own clock (`now`, `seq`, `nextStep`) is the caller's to set.
 */
export function restoreSnapshot(w: WorldParts, snap: WorldSnapshot): void {
  Object.assign(w.rules, snap.rules);
  Object.assign(w.extensions, snap.extensions);
  w.transit.rng.load(snap.netRng);
  const net = structuredClone(snap.net);
  Object.assign(w.net, net);
  const c = w.client;
  c.leaderGuess = snap.client.leaderGuess;
  c.suspect = snap.client.suspect;
  c.pending = new Map([...snap.client.pending].map(([id, pw]) => [id, { ...pw }]));
  c.acked = layeredThaw(snap.client.acked);
  w.agenda.load(snap.queue);
  w.transit.load(snap);
  w.servers.clearOutbox();
  snap.hosts.forEach((s, k) => restoreHost(w.servers, w.servers.hosts[k]!, s));
  w.checker.restore(snap.checker);
}

function restoreHost(servers: Servers, host: NodeHost, s: HostSnapshot): void {
  host.actor?.stop();
  host.actor = null;
  host.up = s.up;
  host.role = s.role;
  host.wakeAt = s.wakeAt;
  host.rng.load(s.rng);
  host.clock = s.clock;
  // XState walks the whole context when it restores a snapshot: the log and the applied
  // writes go in empty and are filled in place afterwards, so an hour-long log costs nothing there.
  const log: Entry[] = [];
  const applied = emptyLayered<AppliedWrite>();
  host.context = { ...s.context, log, kv: new Map(s.kv), applied };
  if (s.up) servers.resume(host);
  thawInto(log, s.log);
  Object.assign(applied, layeredThaw(s.applied));
}
