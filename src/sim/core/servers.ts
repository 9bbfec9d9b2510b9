/**
 * Node hosting: each server of the cluster as an XState actor the world drives, its wake-up
 * on the world's agenda, and crash and restart (Raft paper section 5: persistent state —
 * currentTerm, votedFor, log — survives a crash, volatile state does not).
 *
 * A node's timer is a deadline in its context; the world keeps one wake-up per node on its
 * agenda and, when it comes due, either finds the deadline moved later (and quietly
 * re-schedules it: heartbeats cost no timer cancel) or tells the node its timer fired.
 * Times are virtual ms.
 */
import { createActor, type Actor } from 'xstate';
import { electionTimeout } from '../../raft/logRules';
import { freshVolatileState, nodeMachine, type NodeInput } from '../../raft/nodeMachine';
import { newEntry } from '../../raft/handlers';
import type { Entry, Message, NodeConfig, NodeContext, NodeEvent, NodeId, Role } from '../../raft/types';
import type { ObservedNode } from '../check/safety';
import type { Scenario } from '../scenario/scenario';
import type { Item } from './agenda';
import type { EventQueue } from './eventQueue';
import type { SimEvent } from './events';
import { Prng } from './prng';
import type { Transit } from './transit';

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

/** A server's persistent state (Figure 2), as it boots with it. */
interface Persistent {
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly log: Entry[];
}

export class Servers {
  /** One host per node of the scenario, in its order (a host's `index`). */
  readonly hosts: NodeHost[];
  private readonly ids: readonly NodeId[];
  /** Messages the actors emitted while the world was telling them something, not yet sent. */
  private readonly outbox: Message[] = [];

  /**
   * Boots every node of `scenario` at virtual time 0 from its initial state (term, votedFor,
   * log; empty if not given), each with its own seeded stream from `seed`. Wake-ups go on
   * `agenda`; what the nodes send goes to `transit`.
   */
  constructor(
    scenario: Scenario,
    seed: number,
    private readonly config: NodeConfig,
    private readonly agenda: EventQueue<Item>,
    private readonly transit: Transit,
  ) {
    const ids = scenario.nodes;
    this.ids = ids;
    this.hosts = ids.map((id, index) => {
      const rng = Prng.of(seed, `node:${id}`);
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
      this.boot(
        host,
        {
          term: initial?.term ?? 0,
          votedFor: initial?.votedFor ?? null,
          log: initial ? initial.log.map((e) => newEntry(e.term, e.command)) : [],
        },
        0,
      );
      return host;
    });
  }

  /** The host of node `id` (one of the scenario's nodes). */
  byId(id: NodeId): NodeHost {
    return this.hosts[this.ids.indexOf(id)]!;
  }

  /**
   * Starts a node's actor (at creation or on restart, at virtual time `now`) from its
   * persistent state, as a follower with a fresh election deadline.
   */
  private boot(host: NodeHost, persistent: Persistent, now: number): void {
    const input: NodeInput = {
      id: host.id,
      peers: this.ids.filter((p) => p !== host.id),
      config: this.config,
      ...persistent,
      deadline: now + electionTimeout(this.config.electionTimeout, host.rng.next()),
    };
    const actor = createActor(nodeMachine, { input });
    actor.on('send', (e) => this.outbox.push(e.msg));
    actor.start();
    host.actor = actor;
    host.up = true;
    host.role = 'follower';
    host.context = actor.getSnapshot().context;
    host.wakeAt = Infinity;
    this.syncWake(host, now);
  }

  /**
   * Gives a running node an event (its `now` is the current virtual time), takes in its new
   * context and role, keeps its wake-up on the agenda, and sends what it emitted.
   */
  tell(host: NodeHost, event: NodeEvent, now: number): void {
    host.actor!.send(event);
    const snapshot = host.actor!.getSnapshot();
    host.context = snapshot.context;
    host.role = snapshot.value;
    this.syncWake(host, now);
    const out = this.outbox;
    if (out.length > 0) {
      // Sending only puts copies on the agenda (no actor runs), so the outbox cannot grow meanwhile.
      for (let i = 0; i < out.length; i++) this.transit.send(out[i]!, now);
      out.length = 0;
    }
  }

  /** Keeps a wake-up on the agenda no later than the node's deadline (and not before `now`). */
  private syncWake(host: NodeHost, now: number): void {
    const deadline = host.context.deadline;
    if (host.up && deadline < host.wakeAt) {
      host.wakeAt = deadline;
      this.agenda.push({
        t: Math.max(deadline, now),
        prio: 1,
        seq: 0,
        kind: 'wake',
        node: host.index,
      });
    }
  }

  /**
   * Node number `index`'s wake-up came due at `now`: a heartbeat (leader) or an election
   * timeout (section 5.2) if its deadline has come; null (nothing visible) if the wake-up is
   * stale or the deadline moved later, in which case it is re-scheduled.
   */
  wake(index: number, now: number): SimEvent | null {
    const host = this.hosts[index]!;
    if (!host.up || now !== host.wakeAt) return null; // stale
    host.wakeAt = Infinity;
    if (host.context.deadline > now) {
      this.syncWake(host, now); // the deadline moved later: just wait for it
      return null;
    }
    const kind = host.role === 'leader' ? 'heartbeat' : 'timeout';
    this.tell(host, { type: 'tick', now, draw: host.rng.next() }, now);
    return { kind, node: host.id };
  }

  /** Crashes node `id`: its actor stops and its volatile state is gone; its persistent state stays. */
  crash(id: NodeId): SimEvent {
    const host = this.byId(id);
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

  /**
   * Restarts crashed node `id` at virtual time `now` from its persistent state (forgetting its
   * vote if the teaching switch `forgetVotedForOnRestart` is on).
   */
  restart(id: NodeId, now: number): SimEvent {
    const host = this.byId(id);
    if (host.up) return { kind: 'restart', node: id, ignored: 'not crashed' };
    const c = host.context;
    this.boot(
      host,
      {
        term: c.term,
        votedFor: this.config.rules.forgetVotedForOnRestart ? null : c.votedFor,
        log: c.log,
      },
      now,
    );
    return { kind: 'restart', node: id };
  }

  /**
   * Restarts a running host's actor in `host.role` with `host.context` as they stand (a
   * checkpoint being restored; no wake-up is scheduled: the agenda comes from the checkpoint).
   * `host.context` becomes the actor's own copy.
   */
  resume(host: NodeHost): void {
    const actor = createActor(nodeMachine, {
      snapshot: nodeMachine.resolveState({ value: host.role, context: host.context }),
      input: undefined as unknown as NodeInput,
    });
    actor.on('send', (e) => this.outbox.push(e.msg));
    actor.start();
    host.actor = actor;
    host.context = actor.getSnapshot().context;
  }

  /** Forgets messages emitted and not yet sent (a checkpoint being restored has none). */
  clearOutbox(): void {
    this.outbox.length = 0;
  }
}
