/**
 * The world's side of the client (Raft paper section 8; its decisions are client.ts's): its
 * requests go on the wire, its retry timers on the agenda, and the replies and redirects that
 * reach it are handed to its rules. Times are virtual ms.
 */
import { CLIENT, type NodeId, type SetCommand } from '../../raft/types';
import { onRedirect, onReply, onRetry, submit, type ClientAction, type ClientState } from './client';
import type { ClientRetry, Delivery, Item } from './agenda';
import type { EventQueue } from './eventQueue';
import type { SimEvent } from './events';
import type { Transit } from './transit';

export class ClientHost {
  /** `client` is the world's client state; `ids` the cluster's nodes, in order (the client tries them in turn). */
  constructor(
    private readonly client: ClientState,
    private readonly ids: readonly NodeId[],
    private readonly agenda: EventQueue<Item>,
    private readonly transit: Transit,
  ) {}

  /** The client submits `command` at `now`, to its guess of the leader or only to node `to`. */
  submit(command: SetCommand, to: NodeId | undefined, now: number): void {
    this.carryOut(submit(this.client, command, to, now), now);
  }

  /**
   * A copy addressed to the client arrived at `now` (not lost): a first acknowledgement of a
   * write is a `clientAck` event; a redirect makes the client try elsewhere.
   */
  receive(item: Delivery, now: number): SimEvent {
    const msg = item.msg;
    if (msg.type === 'ClientReply' && onReply(this.client, msg)) {
      return {
        kind: 'clientAck',
        id: msg.id,
        index: msg.index,
        term: msg.entryTerm,
      };
    }
    if (msg.type === 'ClientRedirect') this.carryOut(onRedirect(this.client, msg, this.ids, now), now);
    return {
      kind: 'deliver',
      from: msg.from,
      to: msg.to,
      msgId: item.msgId,
      msg,
    };
  }

  /**
   * A retry timer came due at `now`: a `clientRetry` event if the client sent the write
   * again, null if the timer was stale or the client only waits longer.
   */
  retry(item: ClientRetry, now: number): SimEvent | null {
    const action = onRetry(this.client, item.id, item.attempt, item.pause, this.ids, now);
    if (action.send === undefined) {
      if (action.retryAt !== undefined) this.carryOut(action, now);
      return null;
    }
    this.carryOut(action, now);
    return { kind: 'clientRetry', id: item.id, to: action.send.to };
  }

  /** Does what the client decided: sends its request now, and puts its retry timer on the agenda. */
  private carryOut(action: ClientAction, now: number): void {
    if (action.send) {
      this.transit.send(
        {
          type: 'ClientRequest',
          from: CLIENT,
          to: action.send.to,
          term: 0,
          command: action.send.command,
        },
        now,
      );
    }
    if (action.retryAt) {
      const r = action.retryAt;
      this.agenda.push({
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
}
