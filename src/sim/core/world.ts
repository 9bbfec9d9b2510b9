/**
 * The deterministic world: five (or so) Raft nodes as XState actors, a network, a client,
 * an agenda of future events on a virtual clock (ms), and the safety checker watching it all.
 *
 * Time belongs to the world. Its step loop takes the next item off the agenda (or the next
 * scenario step), processes it, records the event with what the checker found, and settles
 * the silent bookkeeping due at that instant. The jobs it hands out, one module each:
 * servers.ts hosts the nodes (actors, wake-ups, crash and restart), transit.ts carries the
 * messages (and a person's hand on them), clientHost.ts is the client's side, inputs.ts
 * carries out scenario steps and a person's actions, snapshot.ts takes and restores
 * checkpoints. Every random choice comes from seeded streams of the world's seed (one per
 * node, one for the network).
 *
 * Each server has its own clock (clock.ts, the `clock` step): a node is told the time on its
 * own clock and sets its deadlines on it; the world, its agenda and everything it shows
 * (NodeState, the trace) are in virtual ms.
 */
import {
  CLIENT,
  FIGURE_2,
  NO_EXTENSIONS,
  type Entry,
  type Extensions,
  type NodeConfig,
  type NodeEvent,
  type NodeId,
  type Role,
  type RuleSwitches,
} from '../../raft/types';
import { quorumContact, transferTarget } from '../../raft/leadership';
import { initialClient, type ClientState } from './client';
import type { Delivery, Item } from './agenda';
import { ClientHost } from './clientHost';
import { EventQueue } from './eventQueue';
import { describeEvent, type SimEvent } from './events';
import { perform, type InputScope } from './inputs';
import { initialNetwork, type NetworkState } from './network';
import { Prng } from './prng';
import { Servers, type NodeHost } from './servers';
import { restoreSnapshot, takeSnapshot, type WorldParts, type WorldSnapshot } from './snapshot';
import { Transit, type InFlight, type Wire } from './transit';
import { SafetyChecker, type Moment, type Violation } from '../check/safety';
import type { Scenario, Step } from '../scenario/scenario';

export type { NodeHost } from './servers';
export type { InFlight, Wire } from './transit';
export type { WorldSnapshot } from './snapshot';

/** One processed event: what happened, when, and what the checker found. */
export interface Processed {
  readonly t: number;
  readonly seq: number;
  readonly event: SimEvent;
  readonly violations: readonly Violation[];
  /** For a delivery or drop: which copy of the message, and when it was sent. */
  readonly wire: Wire | null;
}

/** A node's state as the trace shows it (CONTRACTS.md section 2). */
export interface NodeState {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
  readonly log: readonly Entry[];
  readonly lastApplied: number;
  readonly leaderId: NodeId | null;
  /** Virtual ms of the node's next timer (its own clock's deadline, converted); null when crashed. */
  readonly deadline: number | null;
  /** How fast the server's clock runs against virtual time (1: true time; the `clock` step). */
  readonly clockRate: number;
  /**
   * A leader with checkQuorum on: the servers that answered it within the CheckQuorum window,
   * itself included (dissertation §6.2). Null for every other node, or with checkQuorum off.
   */
  readonly quorumContact: readonly NodeId[] | null;
  /** A leader handing leadership over (§3.10): the target; null otherwise. */
  readonly transferTo: NodeId | null;
}

export interface WorldOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
}

const NOTHING: readonly Violation[] = [];

/** The event being checked; described in words only if a violation needs it. */
class EventMoment implements Moment {
  t = 0;
  seq = 0;
  event: SimEvent = { kind: 'init' };
  describe(): string {
    return describeEvent(this.event);
  }
}

export class World {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly ids: readonly NodeId[];
  readonly hosts: NodeHost[];
  readonly checker: SafetyChecker;
  readonly client: ClientState;
  readonly net: NetworkState;
  /** The teaching switches in force (changed in place by a `rules` input; every node reads this object). */
  readonly rules: { -readonly [K in keyof RuleSwitches]: RuleSwitches[K] };
  /** PreVote and CheckQuorum in force (changed in place by an `options` input; every node reads this object). */
  readonly extensions: { -readonly [K in keyof Extensions]: Extensions[K] };
  now = 0;
  /** Sequence number of the last processed event (the init event is 0). */
  seq = 0;
  private readonly queue = new EventQueue<Item>();
  private readonly transit: Transit;
  private readonly servers: Servers;
  private readonly clientHost: ClientHost;
  /** What inputs work on (made once: carrying out an input allocates no scope). */
  private readonly scope: InputScope;
  /** The scenario's steps in time order (file order at equal times), fed in as time reaches them. */
  private readonly steps: readonly Step[];
  private nextStep = 0;
  private readonly moment = new EventMoment();

  constructor(scenario: Scenario, options: WorldOptions = {}) {
    this.scenario = scenario;
    this.seed = options.seed ?? scenario.seed;
    this.ids = scenario.nodes;
    this.rules = { ...FIGURE_2, ...scenario.options.rules };
    this.extensions = this.scenarioExtensions(); // no step taken yet: the scenario's options
    const config: NodeConfig = {
      electionTimeout: scenario.timing.electionTimeout,
      heartbeatInterval: scenario.timing.heartbeatInterval,
      leaderNoop: scenario.options.leaderNoop ?? false,
      maxBatch: 64,
      rules: this.rules,
      extensions: this.extensions,
    };
    this.net = initialNetwork(scenario.timing.latency);
    this.transit = new Transit(this.queue, this.net, Prng.of(this.seed, 'network'));
    this.client = initialClient(this.ids);
    this.clientHost = new ClientHost(this.client, this.ids, this.queue, this.transit);
    this.checker = new SafetyChecker(this.ids);
    this.servers = new Servers(scenario, this.seed, config, this.queue, this.transit);
    this.hosts = this.servers.hosts;
    this.scope = {
      servers: this.servers,
      transit: this.transit,
      clientHost: this.clientHost,
      net: this.net,
      rules: this.rules,
      extensions: this.extensions,
      electionTimeout: config.electionTimeout,
      deliver: (item) => this.deliver(item),
    };
    this.steps = [...scenario.steps].sort((a, b) => a.at - b.at || Number(a.late ?? false) - Number(b.late ?? false));
    this.checker.observe(this.hosts, this.moment);
  }

  /** Hold messages: every new message waits in the network until a person lets it go. */
  get hold(): boolean {
    return this.transit.hold;
  }

  /** The time of the next pending item, or Infinity. */
  nextTime(): number {
    const step = this.steps[this.nextStep];
    const item = this.queue.peek();
    return Math.min(step?.at ?? Infinity, item?.t ?? Infinity);
  }

  /** Takes the next item off the agenda: a scenario step wins a tie with anything else, unless it is a late one. */
  private take(limit: number): Item | null {
    const step = this.steps[this.nextStep];
    const item = this.queue.peek();
    if (
      step !== undefined &&
      step.at <= limit &&
      (item === undefined || step.at < item.t || (step.at === item.t && item.prio === 1 && step.late !== true))
    ) {
      this.nextStep++;
      return { t: step.at, prio: 0, seq: 0, kind: 'input', step };
    }
    if (item === undefined || item.t > limit) return null;
    return this.queue.pop()!;
  }

  /** Runs every event up to and including virtual time `until`, then sets the clock to it. */
  runUntil(until: number, onEvent?: (p: Processed) => void): void {
    for (;;) {
      const p = this.step(until);
      if (p === null) break;
      if (onEvent) onEvent(p);
    }
    if (until > this.now && Number.isFinite(until)) this.now = until;
  }

  /**
   * Processes the next visible event at or before `limit` (skipping silent bookkeeping such
   * as a wake-up whose deadline moved); null when there is none.
   */
  step(limit = Infinity): Processed | null {
    for (;;) {
      const item = this.take(limit);
      if (item === null) return null;
      const p = this.process(item);
      if (p !== null) {
        this.settle();
        return p;
      }
    }
  }

  /** Carries out a person's action now, as the very next event. */
  apply(step: Step): Processed {
    const p = this.process({ t: this.now, prio: 0, seq: 0, kind: 'input', step: { ...step, at: this.now } })!;
    this.settle();
    return p;
  }

  /**
   * Clears the silent bookkeeping (stale wake-ups and retries) due at this same instant,
   * so that the world after an event is the same however it got there, one step at a time
   * or running through: a checkpoint, a step and a seek all land on exactly one state.
   */
  private settle(): void {
    for (;;) {
      const item = this.queue.peek();
      if (item === undefined || item.t !== this.now || !this.isSilent(item)) return;
      if (this.steps[this.nextStep]?.at === this.now) return; // a scenario step goes first
      this.queue.pop();
      this.process(item);
    }
  }

  /** Whether processing this item would change nothing anyone can see (exactly when process returns null). */
  private isSilent(item: Item): boolean {
    if (item.kind === 'wake') {
      const host = this.hosts[item.node]!;
      return !host.up || item.t !== host.wakeAt || this.servers.virtualDeadline(host) > item.t;
    }
    if (item.kind === 'clientRetry') {
      const write = this.client.pending.get(item.id);
      return write === undefined || write.fixed || write.attempt !== item.attempt;
    }
    return false;
  }

  private process(item: Item): Processed | null {
    this.now = item.t;
    let event: SimEvent | null;
    switch (item.kind) {
      case 'input':
        event = perform(this.scope, item.step, this.now);
        break;
      case 'deliver':
        event = this.deliver(item);
        break;
      case 'wake':
        event = this.servers.wake(item.node, this.now);
        break;
      case 'clientRetry':
        event = this.clientHost.retry(item, this.now);
        break;
    }
    if (event === null) return null;
    return this.record(event);
  }

  private record(event: SimEvent): Processed {
    const seq = ++this.seq;
    const at = this.moment;
    at.t = this.now;
    at.seq = seq;
    at.event = event;
    let violations = this.checker.observe(this.hosts, at);
    if (event.kind === 'clientAck') {
      const more = this.checker.checkAck(event.id, event.index, event.term, at);
      if (more.length > 0) violations = [...violations, ...more];
    }
    const wire = this.transit.wire;
    this.transit.wire = null;
    return {
      t: this.now,
      seq,
      event,
      violations: violations.length === 0 ? NOTHING : violations,
      wire,
    };
  }

  /** A copy arrives (or is delivered now): dropped, handed to the client, or given to its node. */
  private deliver(item: Delivery): SimEvent {
    const { msg, msgId } = item;
    const from = msg.from;
    const to = msg.to;
    const reason = this.transit.arrive(item);
    if (reason !== null) return { kind: 'drop', from, to, msgId, msg, reason };
    if (to === CLIENT) return this.clientHost.receive(item, this.now);
    const host = this.hosts[this.ids.indexOf(to)]!;
    if (!host.up) return { kind: 'drop', from, to, msgId, msg, reason: 'crashed' };
    this.servers.tell(
      host,
      {
        type: msg.type,
        msg,
        now: this.servers.local(host, this.now),
        draw: host.rng.next(),
      } as NodeEvent,
      this.now,
    );
    return { kind: 'deliver', from, to, msgId, msg };
  }

  // ---- views ----

  /** The messages on their way, one item per copy, earliest arrival first (held ones last). */
  inFlight(): InFlight[] {
    return this.transit.inFlight();
  }

  /** Every node's state, as the trace shows it. */
  nodeStates(): NodeState[] {
    return this.hosts.map((h) => this.nodeState(h));
  }

  /**
   * One node's state now (`host` is one of `hosts`). Its quorum contact depends on the time as
   * well as on the node's context, so it may change while the context does not.
   */
  nodeState(h: NodeHost): NodeState {
    const c = h.context;
    const leads = h.up && h.role === 'leader';
    return {
      id: h.id,
      up: h.up,
      role: h.role,
      term: c.term,
      votedFor: c.votedFor,
      commitIndex: c.commitIndex,
      log: c.log,
      lastApplied: c.lastApplied,
      leaderId: c.leaderId,
      deadline: h.up ? this.servers.virtualDeadline(h) : null,
      clockRate: h.clock.rate,
      quorumContact: this.quorumContactOf(h),
      transferTo: leads ? transferTarget(c) : null,
    };
  }

  /**
   * A leader's quorum contact now (the servers it heard from within the CheckQuorum window, on
   * its own clock), with checkQuorum on; null for any other node, or with checkQuorum off.
   */
  quorumContactOf(h: NodeHost): readonly NodeId[] | null {
    if (!h.up || h.role !== 'leader' || !this.extensions.checkQuorum) return null;
    return quorumContact(h.context, this.servers.local(h, this.now));
  }

  /** Virtual ms at which `host`'s next timer fires (its deadline is on its own clock); Infinity for none. */
  deadlineOf(host: NodeHost): number {
    return this.servers.virtualDeadline(host);
  }

  get violations(): readonly Violation[] {
    return this.checker.violations;
  }

  /**
   * PreVote and CheckQuorum as the scenario alone has set them by now: its `options`, then its
   * own `options` steps taken so far. A person's switches (and the page's `preVote=`,
   * `checkQuorum=`) are not counted, so where this differs from `extensions` the run is no
   * longer the one the scenario (and its narration) describes.
   */
  scenarioExtensions(): Extensions {
    const x = {
      preVote: this.scenario.options.preVote ?? NO_EXTENSIONS.preVote,
      checkQuorum: this.scenario.options.checkQuorum ?? NO_EXTENSIONS.checkQuorum,
    };
    for (let i = 0; i < this.nextStep; i++) {
      const step = this.steps[i]!;
      if (step.do !== 'options') continue;
      if (step.preVote !== undefined) x.preVote = step.preVote;
      if (step.checkQuorum !== undefined) x.checkQuorum = step.checkQuorum;
    }
    return x;
  }

  // ---- checkpoints ----

  /** The world's parts and clock, for snapshot.ts. */
  private parts(): WorldParts {
    return {
      now: this.now,
      seq: this.seq,
      nextStep: this.nextStep,
      rules: this.rules,
      extensions: this.extensions,
      net: this.net,
      client: this.client,
      agenda: this.queue,
      transit: this.transit,
      servers: this.servers,
      checker: this.checker,
    };
  }

  /** The whole world as plain data, sharing unchanged chunks with `previous`. */
  snapshot(previous?: WorldSnapshot): WorldSnapshot {
    return takeSnapshot(this.parts(), previous);
  }

  /** Puts the world back exactly as it was when `snap` was taken (of this world's scenario and seed). */
  restore(snap: WorldSnapshot): void {
    this.now = snap.now;
    this.seq = snap.seq;
    this.nextStep = snap.nextStep;
    restoreSnapshot(this.parts(), snap);
  }
}
