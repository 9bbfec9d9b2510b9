/**
 * Node hosting: each server of the cluster as an XState actor the world drives, its wake-up
 * on the world's agenda, and crash and restart (Raft paper section 5: persistent state —
 * currentTerm, votedFor, log — survives a crash, volatile state does not).
 *
 * A node's timer is a deadline in its context; the world keeps one wake-up per node on its
 * agenda and, when it comes due, either finds the deadline moved later (and quietly
 * re-schedules it: heartbeats cost no timer cancel) or tells the node its timer fired.
 *
 * Each server has its own clock (clock.ts): what a node is told (`now`) and the deadline it
 * sets are its local time; the agenda, `wakeAt` and the `now` this module is given are
 * virtual ms. With every clock true (the default) the two are the same numbers.
 */
import { createActor, type Actor } from 'xstate';
import { electionTimeout } from '../../raft/logRules';
import { freshVolatileState, nodeMachine, type NodeInput } from '../../raft/nodeMachine';
import { newEntry } from '../../raft/handlers';
import { transferTarget } from '../../raft/leadershipTransfer';
import type { Entry, Message, NodeConfig, NodeContext, NodeEvent, NodeId, Role } from '../../raft/types';
import type { ObservedNode } from '../check/safety';
import type { Scenario } from '../scenario/scenario';
import type { Item } from './agenda';
import type { EventQueue } from './eventQueue';
import type { SimEvent } from './events';
import { localTime, setRate, TRUE_CLOCK, virtualTime, type Clock } from './clock';
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
  /** The server's own clock (TRUE_CLOCK unless a `clock` step changed it; kept across crashes). */
  clock: Clock;
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
        clock: TRUE_CLOCK,
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

  /** What `host`'s own clock reads at virtual time `now` (ms): the `now` of the events it is given. */
  local(host: NodeHost, now: number): number {
    return localTime(host.clock, now);
  }

  /** The virtual time (ms) at which `host`'s clock reaches its deadline (Infinity for none). */
  virtualDeadline(host: NodeHost): number {
    return virtualTime(host.clock, host.context.deadline);
  }

  /**
   * From virtual time `now` on, node `id`'s clock runs at `rate` times virtual time (its
   * reading does not jump). A running node's wake-up moves to where its deadline now falls.
   */
  setClock(id: NodeId, rate: number, now: number): SimEvent {
    const host = this.byId(id);
    host.clock = setRate(host.clock, now, rate);
    if (host.up) {
      host.wakeAt = Infinity; // the wake-up on the agenda is stale now
      this.syncWake(host, now);
    }
    return { kind: 'clock', node: id, rate };
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
      deadline: this.local(host, now) + electionTimeout(this.config.electionTimeout, host.rng.next()),
    };
    const actor = createActor(nodeMachine, { input });
    actor.on('send', (e) => this.outbox.push(...e.msgs));
    actor.start();
    host.actor = actor;
    host.up = true;
    host.role = 'follower';
    host.context = actor.getSnapshot().context;
    host.wakeAt = Infinity;
    this.syncWake(host, now);
  }

  /**
   * Gives a running node an event (its `now` is the node's local time at virtual time `now`:
   * `local(host, now)`), takes in its new context and role, keeps its wake-up on the agenda,
   * and sends what it emitted.
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

  /** Keeps a wake-up on the agenda no later than the node's deadline (and not before `now`), in virtual ms. */
  private syncWake(host: NodeHost, now: number): void {
    const deadline = virtualTime(host.clock, host.context.deadline);
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
   * Node number `index`'s wake-up came due at `now` (virtual ms): if its deadline has come, a
   * heartbeat (a leader; `checkQuorum` when the leader steps down instead, dissertation §6.2;
   * `transferExpired` when it gave up a leadership transfer that ran out of time, §3.10)
   * or an election timeout (section 5.2); null (nothing visible) if the wake-up is stale or
   * the deadline moved later, in which case it is re-scheduled.
   */
  wake(index: number, now: number): SimEvent | null {
    const host = this.hosts[index]!;
    if (!host.up || now !== host.wakeAt) return null; // stale
    host.wakeAt = Infinity;
    const deadline = host.context.deadline;
    if (virtualTime(host.clock, deadline) > now) {
      this.syncWake(host, now); // the deadline moved later: just wait for it
      return null;
    }
    const leads = host.role === 'leader';
    const handingTo = leads ? transferTarget(host.context) : null;
    // On a skewed clock, local and virtual time round-trip to within a float's last bit: the
    // node's clock has reached its deadline when its wake-up comes due.
    const local = Math.max(this.local(host, now), deadline);
    this.tell(host, { type: 'tick', now: local, draw: host.rng.next() }, now);
    // A leader's timer is its heartbeat, or (with checkQuorum) the end of its majority's contact (§6.2).
    if (leads && host.role !== 'leader') return { kind: 'checkQuorum', node: host.id };
    // A transfer not done within its time is given up at the leader's tick (§3.10): say so.
    if (handingTo !== null && transferTarget(host.context) === null) {
      return { kind: 'transferExpired', node: host.id, to: handingTo };
    }
    return { kind: leads ? 'heartbeat' : 'timeout', node: host.id };
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
    actor.on('send', (e) => this.outbox.push(...e.msgs));
    actor.start();
    host.actor = actor;
    host.context = actor.getSnapshot().context;
  }

  /** Forgets messages emitted and not yet sent (a checkpoint being restored has none). */
  clearOutbox(): void {
    this.outbox.length = 0;
  }
}
