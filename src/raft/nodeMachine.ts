/**
 * One Raft server as an XState 5 machine with the paper's three states.
 *
 * The machine decides which rule applies in which state; the rules themselves are the
 * pure handlers in handlers.ts. It owns no clock and no randomness: every event carries
 * the virtual time and a draw from the world's seeded generator, timers are a deadline
 * in the context that the simulator watches, and messages leave as emitted `send` events.
 *
 * Messages of a higher term are handled at the root: the node adopts the term, becomes
 * a follower and then handles the same message again in its own term (Figure 2, "All
 * Servers"). Messages of a lower term are refused at the root. Each state handles only
 * messages of its own term.
 */
import { enqueueActions, raise, setup } from 'xstate';
import {
  acceptAppend,
  acceptClientWrite,
  adoptTerm,
  answerVote,
  becomeLeader,
  countVote,
  handleAppendReply,
  hasMajority,
  heartbeat,
  redirectClient,
  refuseStale,
  startElection,
  stepDownFromLeader,
  type Outcome,
} from './handlers';
import { emptyLayered } from '../util/layeredRecord';
import type { Entry, NodeConfig, NodeContext, NodeEvent, NodeId, SendEmitted } from './types';

export interface NodeInput {
  readonly id: NodeId;
  readonly peers: readonly NodeId[];
  readonly config: NodeConfig;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly log: Entry[];
  /** The first election deadline, drawn by the world. */
  readonly deadline: number;
}

export function initialContext(input: NodeInput): NodeContext {
  return {
    id: input.id,
    peers: input.peers,
    config: input.config,
    term: input.term,
    votedFor: input.votedFor,
    log: input.log,
    ...freshVolatileState(),
    deadline: input.deadline,
  };
}

/** Volatile state as a server starts with it, and is left with after a crash. */
export function freshVolatileState(): Omit<
  NodeContext,
  'id' | 'peers' | 'config' | 'term' | 'votedFor' | 'log' | 'deadline'
> {
  return {
    commitIndex: 0,
    lastApplied: 0,
    kv: new Map(),
    applied: emptyLayered(),
    leaderId: null,
    votes: [],
    nextIndex: [],
    matchIndex: [],
    awaiting: [],
    heartbeatDue: [],
  };
}

function termOf(event: NodeEvent): number {
  return 'msg' in event ? event.msg.term : -1;
}

/** The part of XState's `enqueue` a handler's outcome needs. */
interface Enqueue {
  assign(patch: Partial<NodeContext>): void;
  emit(event: SendEmitted): void;
}

/** Assigns what a handler changed and emits what it sends. */
function perform(enqueue: Enqueue, { patch, out }: Outcome): void {
  for (const _ in patch) {
    enqueue.assign(patch);
    break;
  }
  for (const msg of out) enqueue.emit({ type: 'send', msg });
}

type EventOf<T extends NodeEvent['type']> = Extract<NodeEvent, { type: T }>;

function as<T extends NodeEvent['type']>(event: NodeEvent, type: T): EventOf<T> {
  if (event.type !== type) throw new Error(`expected ${type}, got ${event.type}`);
  return event as EventOf<T>;
}

export const nodeMachine = setup({
  types: {
    context: {} as NodeContext,
    events: {} as NodeEvent,
    input: {} as NodeInput,
    emitted: {} as SendEmitted,
  },
  guards: {
    higherTerm: ({ context, event }) => termOf(event) > context.term,
    lowerTerm: ({ context, event }) => termOf(event) < context.term,
    currentTerm: ({ context, event }) => termOf(event) === context.term,
    hasMajority: ({ context }) => hasMajority(context),
  },
  actions: {
    adoptTerm: enqueueActions(({ event, enqueue }) => perform(enqueue, adoptTerm(termOf(event)))),
    /** Handle the same event again, now in the adopted term or new state. */
    redeliver: raise(({ event }) => event),
    refuseStale: enqueueActions(({ context, event, enqueue }) => {
      if ('msg' in event) perform(enqueue, refuseStale(context, event.msg));
    }),
    answerVote: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, answerVote(context, as(event, 'RequestVote').msg, event)),
    ),
    countVote: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, countVote(context, as(event, 'RequestVoteReply').msg)),
    ),
    startElection: enqueueActions(({ context, event, enqueue }) => perform(enqueue, startElection(context, event))),
    acceptAppend: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, acceptAppend(context, as(event, 'AppendEntries').msg, event)),
    ),
    becomeLeader: enqueueActions(({ context, event, enqueue }) => perform(enqueue, becomeLeader(context, event))),
    stepDownFromLeader: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, stepDownFromLeader(context, event)),
    ),
    heartbeat: enqueueActions(({ context, event, enqueue }) => perform(enqueue, heartbeat(context, event))),
    handleAppendReply: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, handleAppendReply(context, as(event, 'AppendEntriesReply').msg, event)),
    ),
    acceptClientWrite: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, acceptClientWrite(context, as(event, 'ClientRequest').msg, event)),
    ),
    setDeadline: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'setDeadline') enqueue.assign({ deadline: event.deadline });
    }),
    redirectClient: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, redirectClient(context, as(event, 'ClientRequest').msg)),
    ),
  },
}).createMachine({
  id: 'raftNode',
  context: ({ input }) => initialContext(input),
  initial: 'follower',
  // Figure 2, All Servers: a message of a higher term makes the node adopt the term and
  // convert to follower, then it handles the message in that term. Older requests are refused.
  on: {
    RequestVote: [
      {
        guard: 'higherTerm',
        target: '.follower',
        actions: ['adoptTerm', 'redeliver'],
      },
      { guard: 'lowerTerm', actions: 'refuseStale' },
      { actions: 'answerVote' },
    ],
    RequestVoteReply: {
      guard: 'higherTerm',
      target: '.follower',
      actions: ['adoptTerm', 'redeliver'],
    },
    AppendEntries: [
      {
        guard: 'higherTerm',
        target: '.follower',
        actions: ['adoptTerm', 'redeliver'],
      },
      { guard: 'lowerTerm', actions: 'refuseStale' },
    ],
    AppendEntriesReply: {
      guard: 'higherTerm',
      target: '.follower',
      actions: ['adoptTerm', 'redeliver'],
    },
    ClientRequest: { actions: 'redirectClient' },
  },
  states: {
    follower: {
      on: {
        tick: { target: 'candidate' },
        timeout: { target: 'candidate' },
        setDeadline: { actions: 'setDeadline' },
        AppendEntries: { guard: 'currentTerm', actions: 'acceptAppend' },
      },
    },
    candidate: {
      entry: 'startElection',
      always: { guard: 'hasMajority', target: 'leader' },
      on: {
        tick: { target: 'candidate', reenter: true },
        timeout: { target: 'candidate', reenter: true },
        setDeadline: { actions: 'setDeadline' },
        RequestVoteReply: { guard: 'currentTerm', actions: 'countVote' },
        // An AppendEntries of its own term means another node won: follow it.
        AppendEntries: {
          guard: 'currentTerm',
          target: 'follower',
          actions: 'redeliver',
        },
      },
    },
    leader: {
      entry: 'becomeLeader',
      exit: 'stepDownFromLeader',
      on: {
        tick: { actions: 'heartbeat' },
        AppendEntriesReply: {
          guard: 'currentTerm',
          actions: 'handleAppendReply',
        },
        ClientRequest: { actions: 'acceptClientWrite' },
      },
    },
  },
});

export type NodeMachine = typeof nodeMachine;
