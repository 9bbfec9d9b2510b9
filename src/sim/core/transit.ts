/**
 * Messages in transit and a person's hand on them (message control). A message a node or the
 * client sends becomes one or two copies (duplication), each with its own latency and perhaps
 * marked lost (partition, cut, loss), put on the world's agenda to arrive; while Hold messages
 * is on, copies wait in the held list instead. A person may deliver a copy now, drop it or
 * duplicate it. The network carries at most MAX_IN_FLIGHT copies at once.
 *
 * A copy that meets a partition or cut on its way is lost, even if the network heals before it
 * would arrive: sent across one, or on its way (or held) when one begins between its ends. So
 * whether a copy will be dropped by the network is known, and shown, while it flies.
 *
 * Times are virtual ms. The network's random choices come from its own seeded stream.
 */
import type { Message } from '../../raft/types';
import { MAX_IN_FLIGHT } from '../scenario/limits';
import type { Delivery, Item } from './agenda';
import type { EventQueue } from './eventQueue';
import { blockedBy, type DropReason, type NetworkState } from './network';
import { freeze, thaw, type Chunked } from '../../util/chunks';
import type { Prng } from './prng';

/**
 * A message on its way. `lost` says it will be dropped on arrival, and why: it met a partition
 * or cut (`partition`, `cut`), was lost at random (`loss`) or found the network full (`overflow`).
 */
export interface InFlight {
  readonly msgId: number;
  readonly copy: number;
  readonly held: boolean;
  readonly msg: Message;
  readonly sentAt: number;
  readonly arriveAt: number;
  readonly lost: DropReason | null;
}

export interface Wire {
  /** The message's number (its copies share it), as Deliver now, Drop and Duplicate name it. */
  readonly msgId: number;
  readonly copy: number;
  readonly sentAt: number;
  readonly msg: Message;
}

/** The part of a world snapshot that Transit keeps (see snapshot.ts). */
export interface TransitSnapshot {
  readonly nextMsgId: number;
  readonly nextCopy: number;
  readonly hold: boolean;
  /** Held messages, in the order they were sent (shared chunks with the previous checkpoint). */
  readonly held: Chunked<Delivery>;
}

export class Transit {
  /** Hold messages: every new message waits in the network until a person lets it go. */
  hold = false;
  /** The copy that the event being processed delivered or dropped (the world takes it when it records the event). */
  wire: Wire | null = null;
  /**
   * Copies held by a person (Hold messages), in the order they were sent. They wait here, not
   * on the agenda: the list only grows at its end while holding, so checkpoints share it.
   */
  private held: Delivery[] = [];
  /** Copies on their way or held (not counting those lost to overflow): at most MAX_IN_FLIGHT. */
  private carried = 0;
  private nextMsgId = 1;
  private nextCopy = 1;

  /**
   * `agenda` is the world's; copies on their way go on it. `net` is the world's network state
   * (read at each send and arrival); `rng` its seeded stream for loss, duplication and latency.
   */
  constructor(
    private readonly agenda: EventQueue<Item>,
    private readonly net: NetworkState,
    readonly rng: Prng,
  ) {}

  /**
   * Sends `msg` at virtual time `now` under the network's faults: it gets the next message
   * number, one copy (two if duplicated), each with a latency drawn from the network's range
   * and lost if blocked now (partition or cut: lost even if the network heals before it would
   * arrive) or lost at random.
   */
  send(msg: Message, now: number): void {
    const msgId = this.nextMsgId++;
    const net = this.net;
    const blocked = blockedBy(net, msg.from, msg.to);
    const copies = net.duplicate > 0 && this.rng.chance(net.duplicate) ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const latency = this.rng.between(net.latency[0], net.latency[1]);
      const lost = blocked ?? (net.drop > 0 && this.rng.chance(net.drop) ? 'loss' : null);
      this.sendCopy(msg, msgId, latency, lost, now);
    }
  }

  /**
   * Puts one copy of a message on the wire, or in the held list while holding. A network that
   * already carries MAX_IN_FLIGHT copies is full: the copy is lost at once (a drop event with
   * reason `overflow` at this same instant), as a real network's full buffer drops a packet.
   */
  private sendCopy(msg: Message, msgId: number, latency: number, lost: DropReason | null, now: number): void {
    const full = this.carried >= MAX_IN_FLIGHT;
    const item: Delivery = {
      t: full ? now : this.hold ? Infinity : now + latency,
      prio: 1,
      seq: 0,
      kind: 'deliver',
      msg,
      msgId,
      copy: this.nextCopy++,
      sentAt: now,
      latency,
      held: this.hold && !full,
      lost: full ? 'overflow' : lost,
    };
    if (full) {
      this.agenda.push(item);
      return;
    }
    this.carried++;
    if (item.held) this.held.push(item);
    else this.agenda.push(item);
  }

  /**
   * A partition or cut has just begun (call after the network state changed): every copy on
   * its way or held between two servers it now separates meets the break and is lost, with
   * that reason, even if the network heals before the copy would arrive. A copy already lost
   * keeps its first reason. Agenda items are replaced, never changed (checkpoints share them).
   */
  meetBreaks(): void {
    const net = this.net;
    const broken = (item: Delivery): Delivery => {
      if (item.lost !== null) return item;
      const reason = blockedBy(net, item.msg.from, item.msg.to);
      return reason === null ? item : { ...item, lost: reason };
    };
    this.agenda.replace((item) => (item.kind === 'deliver' ? broken(item) : item));
    if (this.held.length > 0) this.held = this.held.map(broken);
  }

  /**
   * A copy comes off the wire (it arrives, or a person delivers it now): it is no longer
   * carried and becomes the event's wire. Returns why it is dropped (lost on the way, or a
   * partition or cut now between its ends, a check kept for safety: such a copy was marked
   * when the break began), or null when it reaches its destination.
   */
  arrive(item: Delivery): DropReason | null {
    if (item.lost !== 'overflow') this.carried--;
    this.wire = { msgId: item.msgId, copy: item.copy, sentAt: item.sentAt, msg: item.msg };
    return item.lost ?? blockedBy(this.net, item.msg.from, item.msg.to);
  }

  /** A person drops a copy taken with `take`: it is no longer carried and becomes the event's wire. */
  dropByPerson(item: Delivery): void {
    if (item.lost !== 'overflow') this.carried--;
    this.wire = { msgId: item.msgId, copy: item.copy, sentAt: item.sentAt, msg: item.msg };
  }

  /** Hold messages on or off at virtual time `now`; turning it off lets every held message go, each with its own latency from now. */
  setHold(on: boolean, now: number): void {
    this.hold = on;
    if (on) return;
    const held = this.held;
    this.held = [];
    for (const item of held) this.agenda.push({ ...item, t: now + item.latency, held: false });
  }

  /**
   * Another copy of message `msgId` at virtual time `now`, with its own latency (held too
   * while holding), lost if a partition or cut lies between its ends now. Returns the message
   * duplicated, or undefined when no copy is in flight.
   */
  duplicate(msgId: number, now: number): Message | undefined {
    const item = this.find(msgId);
    if (item === undefined) return undefined;
    const latency = this.rng.between(this.net.latency[0], this.net.latency[1]);
    this.sendCopy(item.msg, msgId, latency, blockedBy(this.net, item.msg.from, item.msg.to), now);
    return item.msg;
  }

  /** The copy of a message in flight that arrives first (held copies last, the first held first). */
  private find(msgId: number): Delivery | undefined {
    let found: Delivery | undefined;
    for (const item of this.agenda.items()) {
      if (
        item.kind === 'deliver' &&
        item.msgId === msgId &&
        (found === undefined || item.t < found.t || (item.t === found.t && item.copy < found.copy))
      )
        found = item;
    }
    return found ?? this.held.find((item) => item.msgId === msgId);
  }

  /**
   * Takes one copy of message `msgId` off the agenda or the held list (the earliest to arrive);
   * the caller delivers it (`arrive`) or drops it (`dropByPerson`). Undefined when none is in flight.
   */
  take(msgId: number): Delivery | undefined {
    const found = this.find(msgId);
    if (found === undefined) return undefined;
    if (found.held) this.held = this.held.filter((item) => item !== found);
    else this.agenda.filter((item) => item !== found);
    return found;
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
    for (const item of this.agenda.items()) if (item.kind === 'deliver') add(item);
    for (const item of this.held) add(item);
    return out.sort((a, b) => (a.arriveAt === b.arriveAt ? a.copy - b.copy : a.arriveAt < b.arriveAt ? -1 : 1));
  }

  /** Counters, hold and the held list as plain data, sharing unchanged chunks with `previous`. */
  save(previous?: TransitSnapshot): TransitSnapshot {
    return {
      nextMsgId: this.nextMsgId,
      nextCopy: this.nextCopy,
      hold: this.hold,
      held: freeze(this.held, previous?.held),
    };
  }

  /**
   * Puts back what `save` gave; call it after the agenda is restored (the copies carried are
   * counted from it). The network state and the random stream are restored by the caller.
   */
  load(snap: TransitSnapshot): void {
    this.nextMsgId = snap.nextMsgId;
    this.nextCopy = snap.nextCopy;
    this.hold = snap.hold;
    this.held = thaw(snap.held);
    this.carried = this.held.length;
    for (const item of this.agenda.items()) if (item.kind === 'deliver' && item.lost !== 'overflow') this.carried++;
    this.wire = null;
  }
}
