/**
 * The deterministic world: five (or so) Raft nodes as XState actors, a network, a client,
 * an agenda of future events on a virtual clock, and the safety checker watching it all.
 *
 * Time belongs to the world. A node's timer is a deadline in its context; the world keeps
 * one wake-up per node on its agenda and, when it comes due, either finds the deadline
 * moved later (and quietly re-schedules it: heartbeats cost no timer cancel) or tells the
 * node its timer fired. Every random choice comes from seeded generators owned here.
 */
import { createActor, type Actor } from 'xstate';
import type { AppliedWrite } from '../../raft/types';
import { electionTimeout } from '../../raft/logRules';
import { freshVolatileState, nodeMachine, type NodeInput } from '../../raft/nodeMachine';
import { newEntry } from '../../raft/handlers';
import {
  CLIENT,
  FIGURE_2,
  type Entry,
  type Message,
  type NodeConfig,
  type NodeContext,
  type NodeEvent,
  type NodeId,
  type Role,
  type RuleSwitches,
} from '../../raft/types';
import {
  initialClient,
  onRedirect,
  onReply,
  onRetry,
  submit,
  type ClientAction,
  type ClientState,
  type PendingWrite,
} from './client';
import { MAX_IN_FLIGHT } from '../scenario/limits';
import { EventQueue, type Scheduled } from './eventQueue';
import { describeEvent, type SimEvent } from './events';
import {
  blockedBy,
  cut,
  heal,
  initialNetwork,
  partition,
  restoreLink,
  setFaults,
  type DropReason,
  type NetworkState,
} from './network';
import { emptyLayered, layeredFreeze, layeredThaw, type FrozenLayered } from '../../raft/layeredRecord';
import { freeze, thaw, thawInto, type Chunked } from '../../util/chunks';
import { Prng, type PrngState } from './prng';
import { SafetyChecker, type CheckerSnapshot, type Moment, type ObservedNode, type Violation } from '../check/safety';
import type { Scenario, Step } from '../scenario/scenario';

type Item =
  | (Scheduled & { readonly kind: 'input'; readonly step: Step })
  | (Scheduled & {
      readonly kind: 'deliver';
      readonly msg: Message;
      readonly msgId: number;
      /** Unique per copy of a message (a duplicated message has two). */
      readonly copy: number;
      readonly sentAt: number;
      /** Time on the wire, kept so that a held message can be released with it. */
      readonly latency: number;
      /** Held by a person (Hold messages): `t` is Infinity until they let it go. */
      readonly held: boolean;
      readonly lost: DropReason | null;
    })
  | (Scheduled & { readonly kind: 'wake'; readonly node: number })
  | (Scheduled & {
      readonly kind: 'clientRetry';
      readonly id: string;
      readonly attempt: number;
      readonly pause: boolean;
    });

type Delivery = Extract<Item, { kind: 'deliver' }>;

type NodeActor = Actor<typeof nodeMachine>;

export interface NodeHost extends ObservedNode {
  readonly id: NodeId;
  readonly index: number;
  up: boolean;
  /** The role word; a crashed node keeps its last one. */
  role: Role;
  context: NodeContext;
  actor: NodeActor | null;
  /** Virtual time of this node's pending wake-up on the agenda (Infinity if none). */
  wakeAt: number;
  readonly rng: Prng;
}

/** A message on its way. `lost` says it will be dropped on arrival, and why. */
export interface InFlight {
  readonly msgId: number;
  readonly copy: number;
  readonly held: boolean;
  readonly msg: Message;
  readonly sentAt: number;
  readonly arriveAt: number;
  readonly lost: DropReason | null;
}

/** One processed event: what happened, when, and what the checker found. */
export interface Processed {
  readonly t: number;
  readonly seq: number;
  readonly event: SimEvent;
  readonly violations: readonly Violation[];
  /** For a delivery or drop: which copy of the message, and when it was sent. */
  readonly wire: Wire | null;
}

export interface Wire {
  /** The message's number (its copies share it), as Deliver now, Drop and Duplicate name it. */
  readonly msgId: number;
  readonly copy: number;
  readonly sentAt: number;
  readonly msg: Message;
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
  readonly deadline: number | null;
}

/** A node as a checkpoint keeps it: its context with the big parts frozen. */
interface HostSnapshot {
  readonly up: boolean;
  readonly role: Role;
  readonly wakeAt: number;
  readonly rng: PrngState;
  readonly context: Omit<NodeContext, 'log' | 'kv' | 'applied'>;
  readonly log: Chunked<Entry>;
  readonly kv: ReadonlyMap<string, string>;
  readonly applied: FrozenLayered<AppliedWrite>;
}

/**
 * The whole world at one moment, as plain data: restoring it gives back a world that goes
 * on exactly as this one would have. Unchanged chunks are shared with the previous snapshot.
 */
export interface WorldSnapshot {
  readonly now: number;
  readonly seq: number;
  readonly nextMsgId: number;
  readonly nextCopy: number;
  readonly nextStep: number;
  readonly hold: boolean;
  readonly rules: RuleSwitches;
  readonly netRng: PrngState;
  readonly net: NetworkState;
  readonly client: {
    readonly leaderGuess: NodeId;
    readonly suspect: NodeId | null;
    readonly pending: ReadonlyMap<string, PendingWrite>;
    readonly acked: FrozenLayered<{ readonly index: number; readonly term: number }>;
  };
  readonly queue: ReturnType<EventQueue<Item>['save']>;
  /** Held messages, in the order they were sent (shared chunks with the previous checkpoint). */
  readonly held: Chunked<Delivery>;
  readonly hosts: readonly HostSnapshot[];
  readonly checker: CheckerSnapshot;
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
  /** Hold messages: every new message waits in the network until a person lets it go. */
  hold = false;
  now = 0;
  /** Sequence number of the last processed event (the init event is 0). */
  seq = 0;
  private readonly queue = new EventQueue<Item>();
  /**
   * Copies held by a person (Hold messages), in the order they were sent. They wait here, not
   * on the agenda: the list only grows at its end while holding, so checkpoints share it.
   */
  private held: Delivery[] = [];
  /** Copies on their way or held (not counting those lost to overflow): at most MAX_IN_FLIGHT. */
  private carried = 0;
  private readonly netRng: Prng;
  private readonly config: NodeConfig;
  private nextMsgId = 1;
  private nextCopy = 1;
  /** The copy that the event being processed delivered or dropped. */
  private wire: Wire | null = null;
  private outbox: Message[] = [];
  /** The scenario's steps in time order (file order at equal times), fed in as time reaches them. */
  private readonly steps: readonly Step[];
  private nextStep = 0;
  private readonly moment = new EventMoment();

  constructor(scenario: Scenario, options: WorldOptions = {}) {
    this.scenario = scenario;
    this.seed = options.seed ?? scenario.seed;
    this.ids = scenario.nodes;
    this.rules = { ...FIGURE_2, ...scenario.options.rules };
    this.config = {
      electionTimeout: scenario.timing.electionTimeout,
      heartbeatInterval: scenario.timing.heartbeatInterval,
      leaderNoop: scenario.options.leaderNoop ?? false,
      maxBatch: 64,
      rules: this.rules,
    };
    this.netRng = Prng.of(this.seed, 'network');
    this.net = initialNetwork(scenario.timing.latency);
    this.client = initialClient(this.ids);
    this.checker = new SafetyChecker(this.ids);
    this.hosts = this.ids.map((id, index) => {
      const rng = Prng.of(this.seed, `node:${id}`);
      const initial = Object.hasOwn(scenario.initial, id) ? scenario.initial[id] : undefined;
      const host: NodeHost = {
        id,
        index,
        up: true,
        role: 'follower',
        context: undefined as unknown as NodeContext,
        actor: null,
        wakeAt: Infinity,
        rng,
      };
      this.boot(host, {
        term: initial?.term ?? 0,
        votedFor: initial?.votedFor ?? null,
        log: initial ? initial.log.map((e) => newEntry(e.term, e.command)) : [],
      });
      return host;
    });
    this.steps = [...scenario.steps].sort((a, b) => a.at - b.at || Number(a.late ?? false) - Number(b.late ?? false));
    this.checker.observe(this.hosts, this.moment);
  }

  /** Starts a node's actor (at creation or on restart) from its persistent state. */
  private boot(host: NodeHost, persistent: { term: number; votedFor: NodeId | null; log: Entry[] }): void {
    const input: NodeInput = {
      id: host.id,
      peers: this.ids.filter((p) => p !== host.id),
      config: this.config,
      ...persistent,
      deadline: this.now + electionTimeout(this.config.electionTimeout, host.rng.next()),
    };
    const actor = createActor(nodeMachine, { input });
    actor.on('send', (e) => this.outbox.push(e.msg));
    actor.start();
    host.actor = actor;
    host.up = true;
    host.role = 'follower';
    host.context = actor.getSnapshot().context;
    host.wakeAt = Infinity;
    this.syncWake(host);
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
      return !host.up || item.t !== host.wakeAt || host.context.deadline > item.t;
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
        event = this.perform(item.step);
        break;
      case 'deliver':
        event = this.deliver(item);
        break;
      case 'wake':
        event = this.wake(item.node);
        break;
      case 'clientRetry':
        event = this.retry(item);
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
    const wire = this.wire;
    this.wire = null;
    return {
      t: this.now,
      seq,
      event,
      violations: violations.length === 0 ? NOTHING : violations,
      wire,
    };
  }

  // ---- nodes ----

  private sendTo(host: NodeHost, event: NodeEvent): void {
    host.actor!.send(event);
    const snapshot = host.actor!.getSnapshot();
    host.context = snapshot.context;
    host.role = snapshot.value;
    this.syncWake(host);
    if (this.outbox.length > 0) {
      const out = this.outbox;
      this.outbox = [];
      for (const msg of out) this.transmit(msg);
    }
  }

  /** Keeps a wake-up on the agenda no later than the node's deadline. */
  private syncWake(host: NodeHost): void {
    const deadline = host.context.deadline;
    if (host.up && deadline < host.wakeAt) {
      host.wakeAt = deadline;
      this.queue.push({
        t: Math.max(deadline, this.now),
        prio: 1,
        seq: 0,
        kind: 'wake',
        node: host.index,
      });
    }
  }

  private wake(index: number): SimEvent | null {
    const host = this.hosts[index]!;
    if (!host.up || this.now !== host.wakeAt) return null; // stale
    host.wakeAt = Infinity;
    if (host.context.deadline > this.now) {
      this.syncWake(host); // the deadline moved later: just wait for it
      return null;
    }
    const kind = host.role === 'leader' ? 'heartbeat' : 'timeout';
    this.sendTo(host, { type: 'tick', now: this.now, draw: host.rng.next() });
    return { kind, node: host.id };
  }

  // ---- network ----

  private transmit(msg: Message): void {
    const msgId = this.nextMsgId++;
    const net = this.net;
    const blocked = blockedBy(net, msg.from, msg.to);
    const copies = net.duplicate > 0 && this.netRng.chance(net.duplicate) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const latency = this.netRng.between(net.latency[0], net.latency[1]);
      const lost = blocked ?? (net.drop > 0 && this.netRng.chance(net.drop) ? 'loss' : null);
      this.sendCopy(msg, msgId, latency, lost);
    }
  }

  /**
   * Puts one copy of a message on the wire, or in the held list while holding. A network that
   * already carries MAX_IN_FLIGHT copies is full: the copy is lost at once (a drop event with
   * reason `overflow` at this same instant), as a real network's full buffer drops a packet.
   */
  private sendCopy(msg: Message, msgId: number, latency: number, lost: DropReason | null): void {
    const full = this.carried >= MAX_IN_FLIGHT;
    const item: Delivery = {
      t: full ? this.now : this.hold ? Infinity : this.now + latency,
      prio: 1,
      seq: 0,
      kind: 'deliver',
      msg,
      msgId,
      copy: this.nextCopy++,
      sentAt: this.now,
      latency,
      held: this.hold && !full,
      lost: full ? 'overflow' : lost,
    };
    if (full) {
      this.queue.push(item);
      return;
    }
    this.carried++;
    if (item.held) this.held.push(item);
    else this.queue.push(item);
  }

  /** Hold messages on or off; turning it off lets every held message go, each with its own latency from now. */
  private setHold(on: boolean): void {
    this.hold = on;
    if (on) return;
    const held = this.held;
    this.held = [];
    for (const item of held) this.queue.push({ ...item, t: this.now + item.latency, held: false });
  }

  private deliver(item: Delivery): SimEvent {
    const { msg, msgId } = item;
    if (item.lost !== 'overflow') this.carried--;
    this.wire = { msgId: item.msgId, copy: item.copy, sentAt: item.sentAt, msg: item.msg };
    const from = msg.from;
    const to = msg.to;
    const reason = item.lost ?? blockedBy(this.net, from, to);
    if (reason !== null) return { kind: 'drop', from, to, msgId, msg, reason };
    if (to === CLIENT) return this.deliverToClient(item);
    const host = this.hosts[this.ids.indexOf(to)]!;
    if (!host.up) return { kind: 'drop', from, to, msgId, msg, reason: 'crashed' };
    this.sendTo(host, {
      type: msg.type,
      msg,
      now: this.now,
      draw: host.rng.next(),
    } as NodeEvent);
    return { kind: 'deliver', from, to, msgId, msg };
  }

  // ---- client ----

  private deliverToClient(item: Extract<Item, { kind: 'deliver' }>): SimEvent {
    const msg = item.msg;
    if (msg.type === 'ClientReply' && onReply(this.client, msg)) {
      return {
        kind: 'clientAck',
        id: msg.id,
        index: msg.index,
        term: msg.entryTerm,
      };
    }
    if (msg.type === 'ClientRedirect') this.carryOut(onRedirect(this.client, msg, this.ids, this.now));
    return {
      kind: 'deliver',
      from: msg.from,
      to: msg.to,
      msgId: item.msgId,
      msg,
    };
  }

  private retry(item: Extract<Item, { kind: 'clientRetry' }>): SimEvent | null {
    const action = onRetry(this.client, item.id, item.attempt, item.pause, this.ids, this.now);
    if (action.send === undefined) {
      if (action.retryAt !== undefined) this.carryOut(action);
      return null;
    }
    this.carryOut(action);
    return { kind: 'clientRetry', id: item.id, to: action.send.to };
  }

  private carryOut(action: ClientAction): void {
    if (action.send) {
      this.transmit({
        type: 'ClientRequest',
        from: CLIENT,
        to: action.send.to,
        term: 0,
        command: action.send.command,
      });
    }
    if (action.retryAt) {
      const r = action.retryAt;
      this.queue.push({
        t: r.t,
        prio: 1,
        seq: 0,
        kind: 'clientRetry',
        id: r.id,
        attempt: r.attempt,
        pause: r.pause,
      });
    }
  }

  // ---- inputs ----

  private perform(step: Step): SimEvent {
    switch (step.do) {
      case 'crash':
        return this.crash(step.node);
      case 'restart':
        return this.restart(step.node);
      case 'timeout': {
        const host = this.host(step.node);
        if (!host.up)
          return {
            kind: 'timeout',
            node: host.id,
            forced: true,
            ignored: 'crashed',
          };
        if (host.role === 'leader')
          return {
            kind: 'timeout',
            node: host.id,
            forced: true,
            ignored: 'leader',
          };
        this.sendTo(host, {
          type: 'timeout',
          now: this.now,
          draw: host.rng.next(),
        });
        return { kind: 'timeout', node: host.id, forced: true };
      }
      case 'write': {
        const command = {
          op: 'set',
          id: step.id,
          key: step.key,
          value: step.value,
        } as const;
        this.carryOut(submit(this.client, command, step.to, this.now));
        return step.to === undefined
          ? { kind: 'write', id: step.id, key: step.key, value: step.value }
          : {
              kind: 'write',
              id: step.id,
              key: step.key,
              value: step.value,
              to: step.to,
            };
      }
      case 'partition':
        partition(this.net, step.groups);
        return { kind: 'partition', groups: step.groups };
      case 'heal':
        heal(this.net);
        return { kind: 'heal' };
      case 'cut':
        cut(this.net, step.from, step.to);
        return { kind: 'cut', from: step.from, to: step.to };
      case 'network': {
        setFaults(this.net, step);
        const { at: _at, do: _do, ...faults } = step;
        return { kind: 'network', ...faults };
      }
      case 'restore':
        restoreLink(this.net, step.from, step.to);
        return { kind: 'restore', from: step.from, to: step.to };
      case 'drop':
      case 'deliverNow': {
        const item = this.takeMessage(step.msgId);
        if (item === undefined) return { kind: 'missed', msgId: step.msgId };
        if (step.do === 'drop') {
          if (item.lost !== 'overflow') this.carried--;
          this.wire = { msgId: item.msgId, copy: item.copy, sentAt: item.sentAt, msg: item.msg };
          return {
            kind: 'drop',
            from: item.msg.from,
            to: item.msg.to,
            msgId: item.msgId,
            msg: item.msg,
            reason: 'person',
          };
        }
        return this.deliver(item);
      }
      case 'spreadTimers':
      case 'alignTimers':
        this.setTimers(step.do === 'spreadTimers' ? 'spread' : 'align');
        return { kind: 'timers', mode: step.do === 'spreadTimers' ? 'spread' : 'align' };
      case 'hold':
        this.setHold(step.on);
        return { kind: 'hold', on: step.on };
      case 'duplicate':
        return this.duplicate(step.msgId);
      case 'rules':
        Object.assign(this.rules, step.rules);
        return { kind: 'rules', rules: { ...this.rules } };
    }
  }

  /** Another copy of a message in flight, with its own latency (held too while holding). */
  private duplicate(msgId: number): SimEvent {
    const item = this.findMessage(msgId);
    if (item === undefined) return { kind: 'missed', msgId };
    const latency = this.netRng.between(this.net.latency[0], this.net.latency[1]);
    this.sendCopy(item.msg, msgId, latency, null);
    return { kind: 'duplicate', from: item.msg.from, to: item.msg.to, msgId, msg: item.msg };
  }

  /** The copy of a message in flight that arrives first (held copies last, the first held first). */
  private findMessage(msgId: number): Delivery | undefined {
    let found: Delivery | undefined;
    for (const item of this.queue.items()) {
      if (
        item.kind === 'deliver' &&
        item.msgId === msgId &&
        (found === undefined || item.t < found.t || (item.t === found.t && item.copy < found.copy))
      )
        found = item;
    }
    return found ?? this.held.find((item) => item.msgId === msgId);
  }

  /** Takes one copy of a message in flight off the agenda or the held list (the earliest to arrive); the caller delivers or drops it. */
  private takeMessage(msgId: number): Delivery | undefined {
    const found = this.findMessage(msgId);
    if (found === undefined) return undefined;
    if (found.held) this.held = this.held.filter((item) => item !== found);
    else this.queue.filter((item) => item !== found);
    return found;
  }

  /**
   * Spread: followers' and candidates' election deadlines evenly across the timeout range,
   * so one clearly fires first. Align: all at the same instant, which invites a split vote.
   */
  private setTimers(mode: 'spread' | 'align'): void {
    const [min, max] = this.config.electionTimeout;
    const waiting = this.hosts.filter((h) => h.up && h.role !== 'leader');
    waiting.forEach((host, i) => {
      const offset = mode === 'align' ? min : min + (waiting.length < 2 ? 0 : (i * (max - min)) / (waiting.length - 1));
      this.sendTo(host, { type: 'setDeadline', deadline: this.now + offset, now: this.now, draw: host.rng.next() });
    });
  }

  /** The messages on their way, one item per copy, earliest arrival first (held ones last). */
  inFlight(): InFlight[] {
    const out: InFlight[] = [];
    const add = (item: Delivery) =>
      out.push({
        msgId: item.msgId,
        copy: item.copy,
        held: item.held,
        msg: item.msg,
        sentAt: item.sentAt,
        arriveAt: item.t,
        lost: item.lost,
      });
    for (const item of this.queue.items()) if (item.kind === 'deliver') add(item);
    for (const item of this.held) add(item);
    return out.sort((a, b) => (a.arriveAt === b.arriveAt ? a.copy - b.copy : a.arriveAt < b.arriveAt ? -1 : 1));
  }

  private host(id: NodeId): NodeHost {
    return this.hosts[this.ids.indexOf(id)]!;
  }

  private crash(id: NodeId): SimEvent {
    const host = this.host(id);
    if (!host.up) return { kind: 'crash', node: id, ignored: 'already crashed' };
    host.actor!.stop();
    host.actor = null;
    host.up = false;
    host.wakeAt = Infinity;
    const c = host.context;
    // Persistent state survives; everything volatile is gone.
    host.context = { ...c, ...freshVolatileState() };
    return { kind: 'crash', node: id };
  }

  private restart(id: NodeId): SimEvent {
    const host = this.host(id);
    if (host.up) return { kind: 'restart', node: id, ignored: 'not crashed' };
    const c = host.context;
    this.boot(host, {
      term: c.term,
      votedFor: this.rules.forgetVotedForOnRestart ? null : c.votedFor,
      log: c.log,
    });
    return { kind: 'restart', node: id };
  }

  // ---- views ----

  /** Every node's state, as the trace shows it. */
  nodeStates(): NodeState[] {
    return this.hosts.map((h) => {
      const c = h.context;
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
        deadline: h.up ? c.deadline : null,
      };
    });
  }

  get violations(): readonly Violation[] {
    return this.checker.violations;
  }

  // ---- checkpoints ----

  /** The whole world as plain data, sharing unchanged chunks with `previous`. */
  snapshot(previous?: WorldSnapshot): WorldSnapshot {
    const c = this.client;
    return {
      now: this.now,
      seq: this.seq,
      nextMsgId: this.nextMsgId,
      nextCopy: this.nextCopy,
      nextStep: this.nextStep,
      hold: this.hold,
      rules: { ...this.rules },
      netRng: this.netRng.state(),
      net: structuredClone(this.net),
      client: {
        leaderGuess: c.leaderGuess,
        suspect: c.suspect,
        pending: new Map([...c.pending].map(([id, w]) => [id, { ...w }])),
        acked: layeredFreeze(c.acked),
      },
      queue: this.queue.save(),
      held: freeze(this.held, previous?.held),
      hosts: this.hosts.map((h, k) => {
        const before = previous?.hosts[k];
        const { log, kv, applied, ...rest } = h.context;
        return {
          up: h.up,
          role: h.role,
          wakeAt: h.wakeAt,
          rng: h.rng.state(),
          context: rest,
          log: freeze(log, before?.log),
          kv: new Map(kv),
          applied: layeredFreeze(applied),
        };
      }),
      checker: this.checker.snapshot(previous?.checker),
    };
  }

  /** Puts the world back exactly as it was when `snap` was taken (of this world's scenario and seed). */
  restore(snap: WorldSnapshot): void {
    this.now = snap.now;
    this.seq = snap.seq;
    this.nextMsgId = snap.nextMsgId;
    this.nextCopy = snap.nextCopy;
    this.nextStep = snap.nextStep;
    this.hold = snap.hold;
    Object.assign(this.rules, snap.rules);
    this.netRng.load(snap.netRng);
    const net = structuredClone(snap.net);
    Object.assign(this.net, net);
    const c = this.client;
    c.leaderGuess = snap.client.leaderGuess;
    c.suspect = snap.client.suspect;
    c.pending = new Map([...snap.client.pending].map(([id, w]) => [id, { ...w }]));
    c.acked = layeredThaw(snap.client.acked);
    this.queue.load(snap.queue);
    this.held = thaw(snap.held);
    this.carried = this.held.length;
    for (const item of snap.queue.heap) if (item.kind === 'deliver' && item.lost !== 'overflow') this.carried++;
    this.outbox = [];
    this.wire = null;
    snap.hosts.forEach((s, k) => {
      const host = this.hosts[k]!;
      host.actor?.stop();
      host.actor = null;
      host.up = s.up;
      host.role = s.role;
      host.wakeAt = s.wakeAt;
      host.rng.load(s.rng);
      // XState walks the whole context when it restores a snapshot: the log and the applied
      // writes go in empty and are filled in place afterwards, so an hour-long log costs nothing there.
      const log: Entry[] = [];
      const applied = emptyLayered<AppliedWrite>();
      host.context = { ...s.context, log, kv: new Map(s.kv), applied };
      if (s.up) {
        const actor = createActor(nodeMachine, {
          snapshot: nodeMachine.resolveState({ value: s.role, context: host.context }),
          input: undefined as unknown as NodeInput,
        });
        actor.on('send', (e) => this.outbox.push(e.msg));
        actor.start();
        host.actor = actor;
        host.context = actor.getSnapshot().context;
      }
      thawInto(log, s.log);
      Object.assign(applied, layeredThaw(s.applied));
    });
    this.checker.restore(snap.checker);
  }
}
