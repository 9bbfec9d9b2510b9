/**
 * One Raft server as an XState 5 machine with the paper's three states, plus `precandidate`
 * (PreVote, dissertation §9.6, only with `extensions.preVote`).
 *
 * The machine decides which rule applies in which state; the rules themselves are pure
 * handlers: Figure 2 in handlers.ts, PreVote in preVote.ts, CheckQuorum and its lease in
 * checkQuorum.ts and lease.ts, leadership transfer in leadershipTransfer.ts. It owns no clock
 * and no randomness: every event carries the time on the node's own clock and a draw from the
 * world's seeded generator, timers are a deadline in the context that the simulator watches,
 * and messages leave as emitted `send` events.
 *
 * Messages of a higher term are handled at the root: the node adopts the term, becomes
 * a follower and then handles the same message again in its own term (Figure 2, "All
 * Servers"). Messages of a lower term are refused at the root. Each state handles only
 * messages of its own term. Two exceptions: a PreVote never changes the receiver's term
 * (nor does a granted PreVoteReply, which carries the proposed term), and with checkQuorum a
 * server holding a leader's lease ignores RequestVote of a higher term (§4.2.3).
 */
import { enqueueActions, raise, setup } from 'xstate';
import {
  acceptAppend,
  acceptClientWrite,
  adoptTerm,
  answerVote,
  becomeLeader,
  countVote,
  hasMajority,
  redirectClient,
  refuseStale,
  startElection,
  stepDownFromLeader,
  UNCHANGED,
  type Outcome,
} from './handlers';
import { quorumLost, watchQuorum } from './checkQuorum';
import { leaseIgnores } from './lease';
import { handleAppendReplyInTransfer, leaderTick, redirectToTarget, startTransfer } from './leadershipTransfer';
import { answerPreVote, countPreVote, isPreVoteForMe, isRefusalOfLaterTerm, startPreVote } from './preVote';
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
    leaderContact: null,
    leading: null,
  };
}

function termOf(event: NodeEvent): number {
  return 'msg' in event ? event.msg.term : -1;
}

/** The part of XState's `enqueue` a handler's outcome needs. */
interface Enqueue {
  assign(update: () => Partial<NodeContext>): void;
  emit(event: SendEmitted): void;
}

/**
 * Assigns what a handler changed and emits what it sends, all of it in one `send` event. The
 * patch is assigned in function form: XState then takes it as it is, where an object would be
 * copied key by key (this is the hot path of every simulation).
 */
function perform(enqueue: Enqueue, { patch, out }: Outcome): void {
  if (patch !== UNCHANGED) enqueue.assign(() => patch);
  if (out.length > 0) enqueue.emit({ type: 'send', msgs: out });
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
    /** Candidates: votes of a majority; precandidates: pre-votes of a majority (own included). */
    hasMajority: ({ context }) => hasMajority(context),
    preVoteOn: ({ context }) => context.config.extensions.preVote,
    leaseIgnores: ({ context, event }) => event.type === 'RequestVote' && leaseIgnores(context, event.msg, event.now),
    preVoteForMe: ({ context, event }) => event.type === 'PreVoteReply' && isPreVoteForMe(context, event.msg),
    refusalOfLaterTerm: ({ context, event }) =>
      event.type === 'PreVoteReply' && isRefusalOfLaterTerm(context, event.msg),
    quorumLost: ({ context, event }) => quorumLost(context, event.now),
    transferring: ({ context }) => context.leading !== null && context.leading.transfer !== null,
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
    /** On TimeoutNow (a leadership transfer, §3.10) the election's RequestVotes say `transfer`. */
    startElection: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, startElection(context, event, event.type === 'TimeoutNow')),
    ),
    startPreVote: enqueueActions(({ context, event, enqueue }) => perform(enqueue, startPreVote(context, event))),
    answerPreVote: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, answerPreVote(context, as(event, 'PreVote').msg, event)),
    ),
    countPreVote: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, countPreVote(context, as(event, 'PreVoteReply').msg)),
    ),
    watchQuorum: enqueueActions(({ context, event, enqueue }) => perform(enqueue, watchQuorum(context, event))),
    startTransfer: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, startTransfer(context, as(event, 'transferLeadership').to, event)),
    ),
    redirectToTarget: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, redirectToTarget(context, as(event, 'ClientRequest').msg)),
    ),
    acceptAppend: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, acceptAppend(context, as(event, 'AppendEntries').msg, event)),
    ),
    becomeLeader: enqueueActions(({ context, event, enqueue }) => perform(enqueue, becomeLeader(context, event))),
    stepDownFromLeader: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, stepDownFromLeader(context, event)),
    ),
    /** Drops an expired transfer, then heartbeats (exactly Figure 2's heartbeat without extensions). */
    leaderTick: enqueueActions(({ context, event, enqueue }) => perform(enqueue, leaderTick(context, event))),
    /** Figure 2's reply handling (noting the contact, for CheckQuorum), and a transfer's TimeoutNow (§3.10). */
    handleAppendReply: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, handleAppendReplyInTransfer(context, as(event, 'AppendEntriesReply').msg, event)),
    ),
    acceptClientWrite: enqueueActions(({ context, event, enqueue }) =>
      perform(enqueue, acceptClientWrite(context, as(event, 'ClientRequest').msg, event)),
    ),
    setDeadline: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'setDeadline') enqueue.assign(() => ({ deadline: event.deadline }));
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
      // §4.2.3, with checkQuorum: a server holding a leader's lease ignores it (not a transfer's).
      { guard: 'leaseIgnores' },
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
    // §9.6: answered in any role, never changing the receiver's term, vote or timer.
    PreVote: { actions: 'answerPreVote' },
    // A refused pre-vote of a later term is news of that term; a granted one is not.
    PreVoteReply: { guard: 'refusalOfLaterTerm', target: '.follower', actions: 'adoptTerm' },
    TimeoutNow: {
      guard: 'higherTerm',
      target: '.follower',
      actions: ['adoptTerm', 'redeliver'],
    },
  },
  states: {
    follower: {
      on: {
        // With PreVote (§9.6) an election timeout first asks for pre-votes.
        tick: [{ guard: 'preVoteOn', target: 'precandidate' }, { target: 'candidate' }],
        timeout: [{ guard: 'preVoteOn', target: 'precandidate' }, { target: 'candidate' }],
        setDeadline: { actions: 'setDeadline' },
        AppendEntries: { guard: 'currentTerm', actions: 'acceptAppend' },
        // §3.10: the leader hands over; start an election at once, skipping PreVote.
        TimeoutNow: { guard: 'currentTerm', target: 'candidate' },
      },
    },
    precandidate: {
      entry: 'startPreVote',
      always: { guard: 'hasMajority', target: 'candidate' },
      on: {
        tick: [{ guard: 'preVoteOn', target: 'precandidate', reenter: true }, { target: 'candidate' }],
        timeout: [{ guard: 'preVoteOn', target: 'precandidate', reenter: true }, { target: 'candidate' }],
        setDeadline: { actions: 'setDeadline' },
        PreVoteReply: { guard: 'preVoteForMe', actions: 'countPreVote' },
        // An AppendEntries of its own term means there is a leader: follow it.
        AppendEntries: {
          guard: 'currentTerm',
          target: 'follower',
          actions: 'redeliver',
        },
        TimeoutNow: { guard: 'currentTerm', target: 'candidate' },
      },
    },
    candidate: {
      entry: 'startElection',
      always: { guard: 'hasMajority', target: 'leader' },
      on: {
        // A lost election: with PreVote the next one is asked for first, as any election is (§9.6).
        tick: [
          { guard: 'preVoteOn', target: 'precandidate' },
          { target: 'candidate', reenter: true },
        ],
        timeout: [
          { guard: 'preVoteOn', target: 'precandidate' },
          { target: 'candidate', reenter: true },
        ],
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
        // §6.2, with checkQuorum: no majority heard from within the window: step down, same term.
        tick: [{ guard: 'quorumLost', target: 'follower' }, { actions: 'leaderTick' }],
        AppendEntriesReply: {
          guard: 'currentTerm',
          actions: 'handleAppendReply',
        },
        // §3.10: while handing leadership over, no client writes are taken.
        ClientRequest: [{ guard: 'transferring', actions: 'redirectToTarget' }, { actions: 'acceptClientWrite' }],
        transferLeadership: { actions: 'startTransfer' },
        watchQuorum: { actions: 'watchQuorum' },
      },
    },
  },
});

export type NodeMachine = typeof nodeMachine;
