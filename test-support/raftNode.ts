/**
 * Test-only harnesses for src/raft: one node as an XState actor driven event by event, and a
 * tiny deterministic cluster of such actors on an in-memory network (in the spirit of etcd's
 * raft tests: `isolate`, `deafen`, `heal`). Times are virtual ms; every node's clock runs at
 * rate 1. Nothing here is used outside tests.
 */
import { createActor } from 'xstate';
import { nodeMachine, type NodeInput } from '../src/raft/nodeMachine';
import {
  FIGURE_2,
  NO_EXTENSIONS,
  type Extensions,
  type Message,
  type NodeConfig,
  type NodeEvent,
  type NodeId,
  type RuleSwitches,
} from '../src/raft/types';

/** Timing as the tests assume it: election timeout 150–300 ms, heartbeat every 50 ms. */
export function testConfig(extensions: Partial<Extensions> = {}, rules: RuleSwitches = FIGURE_2): NodeConfig {
  return {
    electionTimeout: [150, 300],
    heartbeatInterval: 50,
    leaderNoop: false,
    maxBatch: 64,
    rules,
    extensions: { ...NO_EXTENSIONS, ...extensions },
  };
}

/** Wraps a message in the event the world would deliver at `now` with `draw`. */
export function deliver(msg: Message, now: number, draw = 0.5): NodeEvent {
  switch (msg.type) {
    case 'RequestVote':
      return { type: 'RequestVote', msg, now, draw };
    case 'RequestVoteReply':
      return { type: 'RequestVoteReply', msg, now, draw };
    case 'AppendEntries':
      return { type: 'AppendEntries', msg, now, draw };
    case 'AppendEntriesReply':
      return { type: 'AppendEntriesReply', msg, now, draw };
    case 'ClientRequest':
      return { type: 'ClientRequest', msg, now, draw };
    case 'PreVote':
      return { type: 'PreVote', msg, now, draw };
    case 'PreVoteReply':
      return { type: 'PreVoteReply', msg, now, draw };
    case 'TimeoutNow':
      return { type: 'TimeoutNow', msg, now, draw };
    default:
      throw new Error(`a node is never sent a ${msg.type}`);
  }
}

/** Starts one node (default n1 of n1..n5, a follower in term 1 with deadline 1000) and records what it sends. */
export function testNode(input: Partial<NodeInput> = {}) {
  const actor = createActor(nodeMachine, {
    input: {
      id: 'n1',
      peers: ['n2', 'n3', 'n4', 'n5'],
      config: testConfig(),
      term: 1,
      votedFor: null,
      log: [],
      deadline: 1000,
      ...input,
    },
  });
  const sent: Message[] = [];
  actor.on('send', (e) => sent.push(...e.msgs));
  actor.start();
  return {
    actor,
    sent,
    state: () => actor.getSnapshot().value,
    ctx: () => actor.getSnapshot().context,
    send: (msg: Message, now = 10, draw = 0.5) => actor.send(deliver(msg, now, draw)),
    tick: (now: number, draw = 0.5) => actor.send({ type: 'tick', now, draw }),
    /** Returns what was sent since the last call, and forgets it. */
    take: () => sent.splice(0),
  };
}

export type TestNode = ReturnType<typeof testNode>;

/** A small seeded generator (mulberry32), so a test cluster's timers are varied but repeatable. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A node event without its stamp (the cluster adds its time and a draw). */
export type Unstamped = NodeEvent extends infer E ? (E extends NodeEvent ? Omit<E, 'now' | 'draw'> : never) : never;

interface InFlight {
  readonly at: number;
  readonly seq: number;
  readonly msg: Message;
}

/**
 * A cluster of `ids` on a network with a fixed `latency` (ms), run in virtual time: messages
 * and timers fire in time order (messages first at equal times). `isolate(id)` drops every
 * message to or from a server, `deafen(id)` only those to it; `heal()` undoes both. Messages
 * to the client are kept in `toClient`.
 */
export class TestCluster {
  readonly nodes = new Map<NodeId, TestNode>();
  now = 0;
  readonly toClient: Message[] = [];
  private readonly draws = new Map<NodeId, () => number>();
  private readonly inFlight: InFlight[] = [];
  private seq = 0;
  private readonly isolated = new Set<NodeId>();
  private readonly deaf = new Set<NodeId>();

  constructor(
    readonly ids: readonly NodeId[],
    config: NodeConfig,
    private readonly latency = 5,
    seed = 1,
  ) {
    ids.forEach((id, i) => {
      const draw = generator(seed * 1000 + i);
      this.draws.set(id, draw);
      const node = testNode({
        id,
        peers: ids.filter((p) => p !== id),
        config,
        term: 0,
        deadline: 150 + draw() * 150,
      });
      this.nodes.set(id, node);
    });
  }

  node(id: NodeId): TestNode {
    return this.nodes.get(id)!;
  }

  isolate(id: NodeId): void {
    this.isolated.add(id);
  }

  deafen(id: NodeId): void {
    this.deaf.add(id);
  }

  heal(): void {
    this.isolated.clear();
    this.deaf.clear();
  }

  /** The servers that are leaders now. */
  leaders(): NodeId[] {
    return this.ids.filter((id) => this.node(id).state() === 'leader');
  }

  /** Gives node `id` an event at the current time (its draw from the node's own generator) and routes what it sends. */
  tell(id: NodeId, event: Unstamped): void {
    const node = this.node(id);
    node.actor.send({ ...event, now: this.now, draw: this.draws.get(id)!() });
    this.route(node);
  }

  private route(node: TestNode): void {
    for (const msg of node.take()) {
      if (msg.to === 'client') this.toClient.push(msg);
      else this.inFlight.push({ at: this.now + this.latency, seq: this.seq++, msg });
    }
  }

  private dropped(msg: Message): boolean {
    return this.isolated.has(msg.from) || this.isolated.has(msg.to) || this.deaf.has(msg.to);
  }

  /** Runs events in time order up to and including `until` (virtual ms); `each` is called after every event. */
  runUntil(until: number, each: () => void = () => {}): void {
    for (let steps = 0; ; steps++) {
      if (steps > 200_000) throw new Error(`no progress at ${this.now}: a timer that never moves?`);
      let first = -1;
      for (let i = 0; i < this.inFlight.length; i++) {
        const m = this.inFlight[i]!;
        const best = first < 0 ? undefined : this.inFlight[first]!;
        if (best === undefined || m.at < best.at || (m.at === best.at && m.seq < best.seq)) first = i;
      }
      let timer: NodeId | null = null;
      for (const id of this.ids) {
        if (timer === null || this.node(id).ctx().deadline < this.node(timer).ctx().deadline) timer = id;
      }
      const msgAt = first < 0 ? Infinity : this.inFlight[first]!.at;
      const timerAt = timer === null ? Infinity : this.node(timer).ctx().deadline;
      const t = Math.min(msgAt, timerAt);
      if (t > until) break;
      this.now = Math.max(this.now, t);
      if (msgAt <= timerAt) {
        const { msg } = this.inFlight.splice(first, 1)[0]!;
        if (!this.dropped(msg)) {
          const node = this.node(msg.to);
          node.actor.send(deliver(msg, this.now, this.draws.get(msg.to)!()));
          this.route(node);
        }
      } else {
        this.tell(timer!, { type: 'tick' });
      }
      each();
    }
    this.now = Math.max(this.now, until);
  }
}
