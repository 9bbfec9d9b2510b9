/**
 * One Raft node as an XState actor, driven event by event: each test checks one rule of
 * the paper's Figure 2 from the outside (the messages the node sends, its state and context).
 * No clock is involved: every event carries its virtual time `now` and its random `draw`.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { nodeMachine, type NodeInput } from './nodeMachine';
import { layeredKeys } from '../util/layeredRecord';
import { deliver, testConfig, testNode } from '../../test-support/raftNode';
import {
  FIGURE_2,
  type AppendEntries,
  type AppendEntriesReply,
  type ClientRequest,
  type Entry,
  type Message,
  type NodeConfig,
  type RequestVote,
  type RequestVoteReply,
  type RuleSwitches,
} from './types';

const ME = 'n1';
const PEERS = ['n2', 'n3', 'n4', 'n5'];

const config = (rules: RuleSwitches = FIGURE_2): NodeConfig => testConfig({}, rules);

/** One entry per term given; entry i (1-based) sets x=i under an id naming its index and term. */
const log = (...terms: number[]): Entry[] =>
  terms.map((term, i) => ({ term, command: { op: 'set', id: `i${i + 1}t${term}`, key: 'x', value: String(i + 1) } }));

const terms = (entries: readonly Entry[]) => entries.map((e) => e.term);

// Messages, addressed to or from this node (n1).
const requestVote = (from: string, term: number, lastLogIndex: number, lastLogTerm: number): RequestVote => ({
  type: 'RequestVote',
  from,
  to: ME,
  term,
  lastLogIndex,
  lastLogTerm,
});
const vote = (from: string, term: number, voteGranted = true): RequestVoteReply => ({
  type: 'RequestVoteReply',
  from,
  to: ME,
  term,
  voteGranted,
});
const appendEntries = (
  from: string,
  term: number,
  prevLogIndex: number,
  prevLogTerm: number,
  entries: Entry[] = [],
  leaderCommit = 0,
): AppendEntries => ({ type: 'AppendEntries', from, to: ME, term, prevLogIndex, prevLogTerm, entries, leaderCommit });
const appendReply = (
  from: string,
  term: number,
  success: boolean,
  prevLogIndex: number,
  matchIndex = 0,
): AppendEntriesReply => ({ type: 'AppendEntriesReply', from, to: ME, term, success, prevLogIndex, matchIndex });
const clientRequest = (id: string, value = id): ClientRequest => ({
  type: 'ClientRequest',
  from: 'client',
  to: ME,
  term: 0,
  command: { op: 'set', id, key: 'k', value },
});

const INITIAL_DEADLINE = 1000;

/** Starts node n1 of a 5-node cluster (a follower, deadline 1000) and records everything it sends. */
const start = (input: Partial<NodeInput> = {}) => testNode(input);

/** A node elected leader of term `term` (its log as given) at time `now`, with the election's messages taken. */
function startLeader(entries: Entry[] = [], term = 2, now = 0) {
  const node = start({ term: term - 1, log: entries });
  node.actor.send({ type: 'timeout', now, draw: 0 });
  node.send(vote('n2', term), now);
  node.send(vote('n3', term), now);
  expect(node.state()).toBe('leader');
  node.take();
  return node;
}

const ofType = <T extends Message['type']>(msgs: readonly Message[], type: T) =>
  msgs.filter((m): m is Extract<Message, { type: T }> => m.type === type);

describe('Followers: election timeout', () => {
  it.each(['tick', 'timeout'] as const)(
    'Followers: on %s the node becomes a candidate: term+1, votes for itself, RequestVote to every peer, new deadline',
    (type) => {
      const node = start({ term: 5, log: log(1, 3) }); // the last log term (3) differs from the current term
      node.actor.send({ type, now: 1000, draw: 0.25 });
      expect(node.state()).toBe('candidate');
      expect(node.ctx()).toMatchObject({ term: 6, votedFor: ME, votes: [ME], deadline: 1000 + 150 + 0.25 * 150 });
      expect(node.sent).toEqual(
        PEERS.map((to) => ({ type: 'RequestVote', from: ME, to, term: 6, lastLogIndex: 2, lastLogTerm: 3 })),
      );
    },
  );

  it('Candidates: an election timeout starts a new election in the next term', () => {
    const node = start({ term: 3 });
    node.actor.send({ type: 'timeout', now: 1000, draw: 0 });
    node.take();
    node.actor.send({ type: 'timeout', now: 1150, draw: 0.5 });
    expect(node.state()).toBe('candidate');
    expect(node.ctx()).toMatchObject({ term: 5, votedFor: ME, votes: [ME], deadline: 1150 + 150 + 75 });
    expect(node.take()).toHaveLength(4);
  });
});

describe('RequestVote receiver', () => {
  it('RequestVote rule 1: reply false if term < currentTerm (the reply carries the receiver’s term)', () => {
    const node = start({ term: 5 });
    node.send(requestVote('n2', 4, 10, 4));
    expect(node.sent).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n2', term: 5, voteGranted: false }]);
    expect(node.ctx()).toMatchObject({ term: 5, votedFor: null, deadline: INITIAL_DEADLINE });
  });

  it('All servers: a RequestVote of a higher term is adopted (votedFor cleared) and then the vote is judged', () => {
    const node = start({ term: 3, votedFor: 'n3' });
    node.send(requestVote('n2', 5, 0, 0));
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 5, votedFor: 'n2' });
    expect(node.sent).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n2', term: 5, voteGranted: true }]);
  });

  it('All servers: a leader adopts a higher RequestVote term and becomes a follower, then judges the (stale) log', () => {
    const node = startLeader(log(1, 1));
    node.send(requestVote('n4', 7, 1, 1), 40);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 7, votedFor: null, leaderId: null });
    expect(node.sent).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n4', term: 7, voteGranted: false }]);
  });

  it('RequestVote rule 2: votes for at most one candidate per term (a second candidate is denied, the same one again granted)', () => {
    const node = start({ term: 1 });
    node.send(requestVote('n2', 2, 0, 0));
    node.send(requestVote('n3', 2, 0, 0));
    node.send(requestVote('n2', 2, 0, 0));
    expect(ofType(node.sent, 'RequestVoteReply').map((r) => [r.to, r.term, r.voteGranted])).toEqual([
      ['n2', 2, true],
      ['n3', 2, false],
      ['n2', 2, true],
    ]);
    expect(node.ctx().votedFor).toBe('n2');
  });

  it('RequestVote rule 2: a node that voted in this term votes again in a later term', () => {
    const node = start({ term: 2, votedFor: 'n2' });
    node.send(requestVote('n3', 2, 0, 0));
    node.send(requestVote('n3', 3, 0, 0));
    expect(ofType(node.sent, 'RequestVoteReply').map((r) => [r.term, r.voteGranted])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  // The voter's log is 1 1 2 (last term 2, last index 3).
  it.each([
    { lastLogIndex: 5, lastLogTerm: 1, granted: false, claim: 'an earlier last term is denied, even when longer' },
    { lastLogIndex: 2, lastLogTerm: 2, granted: false, claim: 'the same last term but a shorter log is denied' },
    { lastLogIndex: 3, lastLogTerm: 2, granted: true, claim: 'the same last term and length is granted' },
    { lastLogIndex: 1, lastLogTerm: 3, granted: true, claim: 'a later last term is granted, even when shorter' },
  ])('RequestVote rule 2: up-to-date check: $claim', ({ lastLogIndex, lastLogTerm, granted }) => {
    const node = start({ term: 3, log: log(1, 1, 2) });
    node.send(requestVote('n2', 4, lastLogIndex, lastLogTerm));
    expect(node.sent).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n2', term: 4, voteGranted: granted }]);
    expect(node.ctx().votedFor).toBe(granted ? 'n2' : null);
  });

  it('Followers: granting a vote resets the election deadline', () => {
    const node = start({ term: 1 });
    node.send(requestVote('n2', 2, 0, 0), 400, 0.75);
    expect(node.ctx().deadline).toBe(400 + 150 + 0.75 * 150);
  });

  it('Followers: denying a vote does not reset the election deadline', () => {
    const node = start({ term: 2, votedFor: 'n2', log: log(1, 2) });
    node.send(requestVote('n3', 2, 0, 0), 400, 0.2); // already voted
    node.send(requestVote('n4', 3, 1, 1), 500, 0.2); // stale log (after adopting term 3)
    node.send(requestVote('n5', 1, 9, 9), 600, 0.2); // stale term
    expect(ofType(node.sent, 'RequestVoteReply').map((r) => r.voteGranted)).toEqual([false, false, false]);
    expect(node.ctx().deadline).toBe(INITIAL_DEADLINE);
  });
});

describe('Candidates', () => {
  function candidate() {
    const node = start({ term: 1 });
    node.actor.send({ type: 'timeout', now: 0, draw: 0 });
    node.take();
    expect(node.ctx().term).toBe(2);
    return node;
  }

  it('Candidates: count only granted votes of their own term', () => {
    const node = candidate();
    node.send(vote('n2', 2, false)); // refused
    node.send(vote('n3', 1, true)); // stale: an earlier term
    node.send(vote('n4', 2, true));
    expect(node.state()).toBe('candidate');
    expect(node.ctx().votes).toEqual([ME, 'n4']);
  });

  it('Candidates: a duplicated vote from the same voter counts once', () => {
    const node = candidate();
    node.send(vote('n2', 2));
    node.send(vote('n2', 2));
    expect(node.state()).toBe('candidate');
    expect(node.ctx().votes).toEqual([ME, 'n2']);
  });

  it('Candidates: votes from a majority (3 of 5, including its own) make it leader', () => {
    const node = candidate();
    node.send(vote('n2', 2));
    expect(node.state()).toBe('candidate');
    node.send(vote('n5', 2));
    expect(node.state()).toBe('leader');
    expect(node.ctx()).toMatchObject({ term: 2, leaderId: ME });
  });

  it('Candidates: an AppendEntries of their own term makes them a follower that accepts the request', () => {
    const node = candidate();
    const entries = log(2);
    node.send(appendEntries('n3', 2, 0, 0, entries), 100, 0.5);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 2, leaderId: 'n3', votedFor: ME, deadline: 100 + 225 });
    expect(node.ctx().log).toEqual(entries);
    expect(node.sent).toEqual([
      { type: 'AppendEntriesReply', from: ME, to: 'n3', term: 2, success: true, prevLogIndex: 0, matchIndex: 1 },
    ]);
  });

  it('Candidates: an AppendEntries of an earlier term is refused and the node stays a candidate', () => {
    const node = candidate();
    node.send(appendEntries('n3', 1, 0, 0, log(1)));
    expect(node.state()).toBe('candidate');
    expect(node.ctx().log).toEqual([]);
    expect(node.sent).toEqual([
      { type: 'AppendEntriesReply', from: ME, to: 'n3', term: 2, success: false, prevLogIndex: 0, matchIndex: 0 },
    ]);
  });

  it.each([
    { msg: requestVote('n2', 3, 0, 0) },
    { msg: vote('n2', 3, false) },
    { msg: appendEntries('n2', 3, 0, 0) },
    { msg: appendReply('n2', 3, false, 0) },
  ])('All servers: a candidate receiving a $msg.type of a higher term adopts it and becomes a follower', ({ msg }) => {
    const node = candidate();
    node.send(msg);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 3, votes: [] });
    expect(node.ctx().votedFor).toBe(msg.type === 'RequestVote' ? 'n2' : null);
  });
});

describe('Leaders', () => {
  it('Leaders: upon election send an AppendEntries to every peer, with nextIndex = last index + 1 and matchIndex = 0', () => {
    const node = start({ term: 1, log: log(1, 1, 1) });
    node.actor.send({ type: 'timeout', now: 0, draw: 0 });
    node.send(vote('n2', 2), 20);
    node.take();
    node.send(vote('n3', 2), 30);
    expect(node.state()).toBe('leader');
    expect(node.sent).toEqual(
      PEERS.map((to) => ({
        type: 'AppendEntries',
        from: ME,
        to,
        term: 2,
        prevLogIndex: 3,
        prevLogTerm: 1,
        entries: [],
        leaderCommit: 0,
      })),
    );
    expect(node.ctx()).toMatchObject({
      leaderId: ME,
      nextIndex: [4, 4, 4, 4],
      matchIndex: [0, 0, 0, 0],
      heartbeatDue: [80, 80, 80, 80],
      deadline: 80,
    });
  });

  it('Leaders: a tick sends heartbeats only to the peers that are due (within half an interval)', () => {
    const node = startLeader(log(1), 2, 0); // every peer due at 50
    node.send(appendReply('n2', 2, true, 1, 1), 10); // n2 has nothing outstanding
    node.send(clientRequest('w1'), 30); // so only n2 gets the write at once, and is next due at 80
    expect(node.take().map((m) => m.to)).toEqual(['n2']);
    expect(node.ctx().heartbeatDue).toEqual([80, 50, 50, 50]);

    expect(node.ctx().deadline).toBe(50); // the world ticks the leader at its deadline
    node.tick(50);
    const heartbeats = ofType(node.take(), 'AppendEntries');
    // n2 is due at 80, later than 50 + 25: it is left alone.
    expect(heartbeats.map((m) => m.to)).toEqual(['n3', 'n4', 'n5']);
    // A heartbeat carries what the follower lacks: here the new write.
    for (const m of heartbeats) expect(m).toMatchObject({ prevLogIndex: 1, entries: [{ term: 2 }] });
    expect(node.ctx().heartbeatDue).toEqual([80, 100, 100, 100]);
    expect(node.ctx().deadline).toBe(80);

    // At 80, the others (due at 100, within 80 + 25) are sent theirs together with n2's.
    node.tick(80);
    expect(node.take().map((m) => m.to)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(node.ctx().heartbeatDue).toEqual([130, 130, 130, 130]);
  });

  it('Leaders: a client request is appended to the log as an entry of the current term', () => {
    const node = startLeader(log(1), 3);
    node.send(clientRequest('w1', 'v'));
    expect(node.ctx().log).toEqual([...log(1), { term: 3, command: { op: 'set', id: 'w1', key: 'k', value: 'v' } }]);
    expect(node.ctx().commitIndex).toBe(0);
  });

  it('Leaders: if AppendEntries fails because of log inconsistency, decrement nextIndex and retry at once', () => {
    const entries = log(1, 1, 1);
    const node = startLeader(entries, 2);
    node.send(appendReply('n3', 2, false, 3), 30);
    expect(node.ctx().nextIndex).toEqual([4, 3, 4, 4]);
    expect(node.take()).toEqual([
      {
        type: 'AppendEntries',
        from: ME,
        to: 'n3',
        term: 2,
        prevLogIndex: 2,
        prevLogTerm: 1,
        entries: [entries[2]],
        leaderCommit: 0,
      },
    ]);

    node.send(appendReply('n3', 2, false, 3), 31); // a duplicate of the same refusal: no second step back
    expect(node.ctx().nextIndex).toEqual([4, 3, 4, 4]);
    expect(node.take()).toEqual([]);

    node.send(appendReply('n3', 2, false, 2), 32);
    expect(node.ctx().nextIndex).toEqual([4, 2, 4, 4]);
    expect(ofType(node.take(), 'AppendEntries').map((m) => [m.to, m.prevLogIndex, m.entries.length])).toEqual([
      ['n3', 1, 2],
    ]);
  });

  it('Leaders: a successful reply updates matchIndex and nextIndex, and a majority commits an entry of the current term', () => {
    const node = startLeader([], 2);
    node.send(clientRequest('w1', 'v1'), 10); // index 1, term 2 (peers are all awaiting: nothing sent yet)
    node.send(appendReply('n2', 2, true, 0, 0), 20); // the election heartbeat's answer: n2 now gets index 1
    node.send(appendReply('n2', 2, true, 0, 1), 30);
    expect(node.ctx()).toMatchObject({ matchIndex: [1, 0, 0, 0], nextIndex: [2, 1, 1, 1], commitIndex: 0 });
    expect(ofType(node.sent, 'ClientReply')).toEqual([]);

    node.take();
    node.send(appendReply('n4', 2, true, 0, 1), 40);
    expect(node.ctx()).toMatchObject({ matchIndex: [1, 0, 1, 0], nextIndex: [2, 1, 2, 1], commitIndex: 1 });
    expect(Object.fromEntries(node.ctx().kv)).toEqual({ k: 'v1' });
    expect(ofType(node.take(), 'ClientReply')).toEqual([
      { type: 'ClientReply', from: ME, to: 'client', term: 2, id: 'w1', index: 1, entryTerm: 2 },
    ]);
  });

  it('Leaders (Figure 8): an entry of an earlier term on a majority is not committed until one of the current term is', () => {
    const node = startLeader(log(1), 2); // index 1 is of term 1
    node.send(clientRequest('w2'), 5); // index 2, term 2
    for (const peer of ['n2', 'n3']) node.send(appendReply(peer, 2, true, 1, 1), 10);
    expect(node.ctx()).toMatchObject({ matchIndex: [1, 1, 0, 0], commitIndex: 0 });
    expect(ofType(node.take(), 'ClientReply')).toEqual([]);

    node.send(appendReply('n2', 2, true, 1, 2), 20);
    expect(node.ctx().commitIndex).toBe(0);
    node.send(appendReply('n3', 2, true, 1, 2), 30);
    expect(node.ctx()).toMatchObject({ matchIndex: [2, 2, 0, 0], commitIndex: 2, lastApplied: 2 });
    expect(ofType(node.take(), 'ClientReply').map((r) => [r.id, r.index, r.entryTerm])).toEqual([
      ['i1t1', 1, 1],
      ['w2', 2, 2],
    ]);
  });

  it('Leaders: a duplicate client request id already in this term’s uncommitted tail is not appended twice', () => {
    const node = startLeader(log(1), 2);
    node.send(clientRequest('w1'), 10);
    node.send(clientRequest('w2'), 11);
    node.take();
    node.send(clientRequest('w1'), 12);
    expect(terms(node.ctx().log)).toEqual([1, 2, 2]);
    expect(node.take()).toEqual([]);
  });

  it('Leaders: a client request id applied already is answered with where it was committed, not appended again', () => {
    const node = startLeader([], 2);
    node.send(clientRequest('w1'), 10);
    node.send(appendReply('n2', 2, true, 0, 1), 20);
    node.send(appendReply('n3', 2, true, 0, 1), 20);
    expect(node.ctx().commitIndex).toBe(1);
    node.take();
    node.send(clientRequest('w1'), 30);
    expect(node.ctx().log).toHaveLength(1);
    expect(node.take()).toEqual([
      { type: 'ClientReply', from: ME, to: 'client', term: 2, id: 'w1', index: 1, entryTerm: 2 },
    ]);
  });

  it.each([
    { msg: appendEntries('n2', 5, 0, 0) },
    { msg: requestVote('n2', 5, 9, 9) },
    { msg: appendReply('n2', 5, false, 0) },
    { msg: vote('n2', 5, false) },
  ])(
    'All servers: a leader receiving a $msg.type of a higher term steps down to follower with a fresh election deadline',
    ({ msg }) => {
      const node = startLeader(log(1), 2);
      node.send(msg, 500, 0.375);
      expect(node.state()).toBe('follower');
      expect(node.ctx()).toMatchObject({
        term: 5,
        deadline: 500 + 150 + 0.375 * 150,
        nextIndex: [],
        matchIndex: [],
        heartbeatDue: [],
      });
      expect(node.ctx().leaderId).toBe(msg.type === 'AppendEntries' ? 'n2' : null);
    },
  );

  it('Leaders: a reply of an earlier term is ignored', () => {
    const node = startLeader(log(1, 1), 3);
    node.send(appendReply('n2', 2, false, 2), 10);
    node.send(appendReply('n3', 2, true, 0, 2), 10);
    expect(node.state()).toBe('leader');
    expect(node.ctx()).toMatchObject({ nextIndex: [3, 3, 3, 3], matchIndex: [0, 0, 0, 0] });
    expect(node.take()).toEqual([]);
  });
});

describe('Leaders: replies that say nothing new start nothing new (issue 10)', () => {
  it('Leaders: a second copy of a reply that reported progress sends nothing', () => {
    const node = startLeader(log(1, 1, 1), 2); // each peer has the election's AppendEntries (prevLogIndex 3) outstanding
    node.send(clientRequest('w1'), 5); // index 4: nobody is sent it yet
    const reply = appendReply('n2', 2, true, 3, 3);
    node.send(reply, 20); // progress: n2 holds 1..3, so it is sent index 4
    expect(node.take().map((m) => [m.to, m.type === 'AppendEntries' && m.prevLogIndex])).toEqual([['n2', 3]]);
    node.send(reply, 21); // the same reply again: nothing new
    expect(node.take()).toEqual([]);
    expect(node.ctx()).toMatchObject({ matchIndex: [3, 0, 0, 0], nextIndex: [4, 4, 4, 4], awaiting: [4, 3, 3, 3] });
  });

  it('Leaders: a late or second copy of a vote, granted or not, sends nothing (the election is announced once)', () => {
    const node = startLeader(log(1), 2); // elected on n2's and n3's votes
    for (const msg of [vote('n2', 2), vote('n3', 2), vote('n4', 2), vote('n5', 2, false), vote('n4', 1)])
      node.send(msg, 20);
    expect(node.take()).toEqual([]);
    expect(node.state()).toBe('leader');
  });

  it('Leaders: the answer to an empty AppendEntries sends the entries queued behind it, once, however many copies arrive', () => {
    const node = startLeader([], 2); // the election's AppendEntries carry nothing (prevLogIndex 0)
    node.send(clientRequest('w1'), 10);
    expect(node.take()).toEqual([]);
    const answer = appendReply('n2', 2, true, 0, 0);
    node.send(answer, 20);
    expect(ofType(node.take(), 'AppendEntries').map((m) => [m.to, m.prevLogIndex, m.entries.length])).toEqual([
      ['n2', 0, 1],
    ]);
    node.send(answer, 21);
    node.send(answer, 22);
    expect(node.take()).toEqual([]);
  });

  it('Leaders: a refusal of any prevLogIndex but nextIndex − 1 is late: nextIndex stays and nothing is resent', () => {
    const node = startLeader(log(1, 1, 1, 1, 1), 2); // nextIndex 6
    node.send(appendReply('n3', 2, false, 5), 10);
    expect(node.ctx().nextIndex).toEqual([6, 5, 6, 6]);
    expect(ofType(node.take(), 'AppendEntries').map((m) => [m.to, m.prevLogIndex])).toEqual([['n3', 4]]);
    for (const prevLogIndex of [5, 3, 7]) node.send(appendReply('n3', 2, false, prevLogIndex), 11); // old, or never sent
    expect(node.take()).toEqual([]);
    expect(node.ctx().nextIndex).toEqual([6, 5, 6, 6]);
    expect(node.ctx().awaiting).toEqual([5, 5, 5, 5]);
    node.send(appendReply('n3', 2, false, 4), 12); // the refusal of the request outstanding
    expect(node.ctx().nextIndex).toEqual([6, 4, 6, 6]);
    expect(ofType(node.take(), 'AppendEntries').map((m) => [m.to, m.prevLogIndex])).toEqual([['n3', 3]]);
  });

  it('Leaders: a late reply that reports progress records it, but the request outstanding already carries what follows', () => {
    const node = startLeader(log(1), 2); // the election's AppendEntries vouch for index 1
    node.send(clientRequest('w1'), 5);
    node.send(clientRequest('w2'), 6);
    node.tick(50); // heartbeats carry indexes 2 and 3
    expect(ofType(node.take(), 'AppendEntries').map((m) => m.entries.length)).toEqual([2, 2, 2, 2]);
    node.send(appendReply('n2', 2, true, 1, 1), 60); // the election's answer, late
    expect(node.take()).toEqual([]);
    expect(node.ctx()).toMatchObject({ matchIndex: [1, 0, 0, 0], nextIndex: [2, 2, 2, 2] });
    expect(node.ctx().awaiting).toEqual([3, 3, 3, 3]);
    node.send(appendReply('n2', 2, true, 1, 3), 70); // the heartbeat's answer
    expect(node.ctx()).toMatchObject({ matchIndex: [3, 0, 0, 0], awaiting: [null, 3, 3, 3] });
  });

  /**
   * A follower (n2) that missed `entries` writes while unreachable, then hears from the leader;
   * every message between them is delivered at once, twice when `duplicated`. Returns how many
   * AppendEntries the leader sent n2 until n2 holds them all (stopping at 1,000).
   */
  function catchUp(entries: number, duplicated: boolean): number {
    const leader = startLeader([], 2);
    for (let i = 1; i <= entries; i++) leader.send(clientRequest(`w${i}`), 10);
    leader.take();
    const follower = createActor(nodeMachine, {
      input: {
        id: 'n2',
        peers: [ME, 'n3', 'n4', 'n5'],
        config: config(),
        term: 1,
        votedFor: null,
        log: [],
        deadline: 1e9,
      },
    });
    const wire: Message[] = [];
    const post = (msg: Message) => {
      if (msg.to !== 'n2' && msg.to !== ME) return; // the other followers stay unreachable
      wire.push(msg);
      if (duplicated) wire.push(msg);
    };
    follower.on('send', (e) => e.msgs.forEach(post));
    follower.start();
    let sent = 0;
    leader.tick(50); // heartbeats, now carrying the first batch
    for (let now = 51; now < 10_000 && sent < 1000; now++) {
      for (const msg of leader.take()) {
        if (msg.type === 'AppendEntries' && msg.to === 'n2') sent++;
        post(msg);
      }
      const msg = wire.shift();
      if (msg === undefined) break;
      if (msg.to === ME) leader.send(msg, now);
      else follower.send(deliver(msg, now));
    }
    expect(follower.getSnapshot().context.log).toHaveLength(entries);
    return sent;
  }

  it('Leaders: catching a follower up 300 entries behind takes as many AppendEntries when every message arrives twice', () => {
    const once = catchUp(300, false);
    expect(once).toBe(Math.ceil(300 / config().maxBatch));
    expect(catchUp(300, true)).toBe(once);
  });
});

describe('One-server clusters', () => {
  function alone(leaderNoop: boolean, entries: Entry[] = []) {
    const node = start({ peers: [], config: { ...config(), leaderNoop }, log: entries });
    node.tick(1000); // its election timeout: it is a majority of one
    expect(node.state()).toBe('leader');
    return node;
  }

  it('One server, leaderNoop: the leader commits and applies its no-op (and what precedes it) at its first tick', () => {
    const node = alone(true, log(1));
    expect(node.ctx()).toMatchObject({ term: 2, commitIndex: 0 }); // no server commits in the event that elects it
    expect(terms(node.ctx().log)).toEqual([1, 2]);
    const deadline = node.ctx().deadline;
    node.tick(1000);
    expect(node.ctx()).toMatchObject({ commitIndex: 2, lastApplied: 2 });
    expect([deadline, node.ctx().deadline]).toEqual([1000, Infinity]); // the world ticks it at once, then never
    expect(Object.fromEntries(node.ctx().kv)).toEqual({ x: '1' });
    expect(ofType(node.take(), 'ClientReply').map((r) => [r.id, r.index])).toEqual([['i1t1', 1]]);
  });

  it('One server, no no-op: nothing to commit at election (deadline Infinity); a client write commits and is answered at once', () => {
    const node = alone(false, log(1));
    expect(node.ctx()).toMatchObject({ commitIndex: 0, deadline: Infinity });
    node.take();
    node.send(clientRequest('w1', 'v1'), 1010);
    expect(node.ctx()).toMatchObject({ commitIndex: 2, lastApplied: 2 });
    expect(ofType(node.take(), 'ClientReply').map((r) => [r.id, r.index, r.entryTerm])).toEqual([
      ['i1t1', 1, 1],
      ['w1', 2, 2],
    ]);
  });
});

describe('AppendEntries receiver (followers)', () => {
  it('AppendEntries rule 1: reply false if term < currentTerm, changing nothing', () => {
    const node = start({ term: 3, log: log(1) });
    node.send(appendEntries('n2', 2, 1, 1, log(1, 2).slice(1), 2), 10);
    expect(node.sent).toEqual([
      { type: 'AppendEntriesReply', from: ME, to: 'n2', term: 3, success: false, prevLogIndex: 1, matchIndex: 0 },
    ]);
    expect(node.ctx()).toMatchObject({ log: log(1), leaderId: null, commitIndex: 0, deadline: INITIAL_DEADLINE });
  });

  it.each([
    { prevLogIndex: 2, prevLogTerm: 2, claim: 'the entry at prevLogIndex has another term' },
    { prevLogIndex: 3, prevLogTerm: 1, claim: 'the log has no entry at prevLogIndex' },
  ])(
    'AppendEntries rule 2: reply false (echoing prevLogIndex) when $claim, appending nothing',
    ({ prevLogIndex, prevLogTerm }) => {
      const node = start({ term: 2, log: log(1, 1) });
      node.send(appendEntries('n2', 2, prevLogIndex, prevLogTerm, [{ term: 2, command: { op: 'noop' } }], 5));
      expect(node.sent).toEqual([
        { type: 'AppendEntriesReply', from: ME, to: 'n2', term: 2, success: false, prevLogIndex, matchIndex: 0 },
      ]);
      expect(terms(node.ctx().log)).toEqual([1, 1]);
      expect(node.ctx().commitIndex).toBe(0);
    },
  );

  it('AppendEntries rules 3–4: append new entries and reply success with matchIndex = prevLogIndex + entries.length', () => {
    const leaderLog = log(1, 1, 2, 2);
    const node = start({ term: 2, log: log(1) });
    node.send(appendEntries('n2', 2, 1, 1, leaderLog.slice(1, 3)));
    expect(node.ctx().log).toEqual(leaderLog.slice(0, 3));
    expect(node.sent).toEqual([
      { type: 'AppendEntriesReply', from: ME, to: 'n2', term: 2, success: true, prevLogIndex: 1, matchIndex: 3 },
    ]);
  });

  it('AppendEntries rules 3–4: matchIndex counts only the entries the request vouched for, not a longer matching tail', () => {
    const node = start({ term: 2, log: log(1, 1, 1, 1) });
    node.send(appendEntries('n2', 2, 1, 1, log(1, 1).slice(1)));
    expect(terms(node.ctx().log)).toEqual([1, 1, 1, 1]);
    expect(ofType(node.sent, 'AppendEntriesReply')[0]).toMatchObject({ success: true, matchIndex: 2 });
  });

  it('AppendEntries rule 3: a conflicting entry and all that follow it are replaced by the leader’s', () => {
    const node = start({ term: 3, log: log(1, 1, 2, 2) });
    const entry: Entry = { term: 3, command: { op: 'set', id: 'new', key: 'x', value: 'n' } };
    node.send(appendEntries('n2', 3, 2, 1, [entry]));
    expect(node.ctx().log).toEqual([...log(1, 1), entry]);
  });

  it('AppendEntries rule 5: commitIndex = min(leaderCommit, index of last new entry), applying committed sets to kv', () => {
    const node = start({ term: 2 });
    const entries = log(1, 1, 2); // x = 1, 2, 3
    node.send(appendEntries('n2', 2, 0, 0, entries, 2));
    expect(node.ctx()).toMatchObject({ commitIndex: 2, lastApplied: 2, kv: new Map([['x', '2']]) });

    node.send(appendEntries('n2', 2, 3, 2, [], 9)); // a heartbeat vouching for index 3 commits up to 3 only
    expect(node.ctx()).toMatchObject({ commitIndex: 3, lastApplied: 3, kv: new Map([['x', '3']]) });
    expect(layeredKeys(node.ctx().applied).sort()).toEqual(['i1t1', 'i2t1', 'i3t2']);
  });

  it('AppendEntries rule 5: a heartbeat only commits up to its prevLogIndex, not the follower’s unverified tail', () => {
    const node = start({ term: 2, log: log(1, 1, 1) });
    node.send(appendEntries('n2', 2, 1, 1, [], 3));
    expect(node.ctx()).toMatchObject({ commitIndex: 1, kv: new Map([['x', '1']]) });
  });

  it('Followers: a valid AppendEntries records the leader and resets the election deadline', () => {
    const node = start({ term: 2 });
    node.send(appendEntries('n4', 2, 0, 0), 300, 0.125);
    expect(node.ctx()).toMatchObject({ leaderId: 'n4', deadline: 300 + 150 + 0.125 * 150 });
  });

  it('Followers: a client request is answered with a ClientRedirect naming the leader', () => {
    const node = start({ term: 2 });
    node.send(clientRequest('w1'));
    node.send(appendEntries('n4', 2, 0, 0));
    node.send(clientRequest('w2'));
    expect(ofType(node.sent, 'ClientRedirect')).toEqual([
      { type: 'ClientRedirect', from: ME, to: 'client', term: 2, id: 'w1', leaderHint: null },
      { type: 'ClientRedirect', from: ME, to: 'client', term: 2, id: 'w2', leaderHint: 'n4' },
    ]);
    expect(node.ctx().log).toEqual([]);
  });
});

describe('Teaching switch skipUpToDateCheck', () => {
  it.each([
    { rules: FIGURE_2, granted: false, claim: 'off (Figure 2): a candidate with a stale log is denied' },
    {
      rules: { ...FIGURE_2, skipUpToDateCheck: true },
      granted: true,
      claim: 'on: a vote is granted to a candidate with a stale log',
    },
  ])('skipUpToDateCheck $claim', ({ rules, granted }) => {
    const node = start({ term: 3, log: log(1, 2, 3), config: config(rules) });
    node.send(requestVote('n2', 4, 1, 1));
    expect(node.sent).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n2', term: 4, voteGranted: granted }]);
    expect(node.ctx().votedFor).toBe(granted ? 'n2' : null);
  });
});
