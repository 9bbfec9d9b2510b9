/**
 * What the world's agenda (its EventQueue, ordered by virtual time in ms) holds: a scenario
 * step or a person's action, one copy of a message on the wire, a node's wake-up, a client's
 * retry. Items are never changed once pushed, so a checkpoint may share them.
 */
import type { Message } from '../../raft/types';
import type { Scheduled } from './eventQueue';
import type { DropReason } from './network';
import type { Step } from '../scenario/scenario';

/** A scenario step or a person's action, carried out at `t` (always taken before it is queued). */
export type InputItem = Scheduled & { readonly kind: 'input'; readonly step: Step };

/** One copy of a message on the wire (or held by a person), arriving at `t`. */
export type Delivery = Scheduled & {
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
};

/** The wake-up of node number `node` (its index in the world's hosts), due at its deadline. */
export type Wake = Scheduled & { readonly kind: 'wake'; readonly node: number };

/** The client checking back on write `id` (stale unless the write is still at `attempt`). */
export type ClientRetry = Scheduled & {
  readonly kind: 'clientRetry';
  readonly id: string;
  readonly attempt: number;
  readonly pause: boolean;
};

export type Item = InputItem | Delivery | Wake | ClientRetry;
