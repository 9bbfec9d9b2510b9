/**
 * PreVote (dissertation §9.6), each test named for the claim it checks: a server asks for
 * pre-votes before raising its term, grants them by the rule in preVote.ts (etcd's), and a
 * server cut off from the others never raises its term.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster, testConfig, testNode } from '../../test-support/raftNode';
import { initialContext } from './nodeMachine';
import { grantsPreVote } from './preVote';
import type { AppendEntries, Entry, NodeContext, PreVote, PreVoteReply, RequestVote } from './types';

const ME = 'n1';
const PEERS = ['n2', 'n3', 'n4', 'n5'];
const ON = testConfig({ preVote: true });

const log = (...terms: number[]): Entry[] =>
  terms.map((term, i) => ({ term, command: { op: 'set', id: `i${i + 1}t${term}`, key: 'x', value: String(i + 1) } }));

const preVote = (from: string, term: number, lastLogIndex = 0, lastLogTerm = 0): PreVote => ({
  type: 'PreVote',
  from,
  to: ME,
  term,
  lastLogIndex,
  lastLogTerm,
});
const preVoteReply = (from: string, term: number, voteGranted = true): PreVoteReply => ({
  type: 'PreVoteReply',
  from,
  to: ME,
  term,
  voteGranted,
});
const heartbeat = (from: string, term: number, prevLogIndex = 0, prevLogTerm = 0): AppendEntries => ({
  type: 'AppendEntries',
  from,
  to: ME,
  term,
  prevLogIndex,
  prevLogTerm,
  entries: [],
  leaderCommit: 0,
});

/** n1 as a precandidate in term `term` (its timer fired at 1000 with draw 0), its PreVotes taken. */
function precandidate(term = 3, entries: Entry[] = []) {
  const node = testNode({ term, log: entries, config: ON });
  node.tick(1000, 0);
  expect(node.state()).toBe('precandidate');
  node.take();
  return node;
}

describe('PreVote: the pre-candidate (§9.6)', () => {
  it('an election timeout makes a follower a precandidate: same term and vote, PreVote for term+1 to every peer, new deadline', () => {
    const node = testNode({ term: 5, votedFor: 'n3', log: log(1, 3), config: ON });
    node.tick(1000, 0.25);
    expect(node.state()).toBe('precandidate');
    expect(node.ctx()).toMatchObject({ term: 5, votedFor: 'n3', votes: [ME], leaderId: null, deadline: 1000 + 187.5 });
    expect(node.take()).toEqual(
      PEERS.map((to) => ({ type: 'PreVote', from: ME, to, term: 6, lastLogIndex: 2, lastLogTerm: 3 })),
    );
  });

  it('with preVote off, an election timeout makes a candidate at once (Figure 2)', () => {
    const node = testNode({ term: 5 });
    node.tick(1000, 0.25);
    expect(node.state()).toBe('candidate');
    expect(node.ctx().term).toBe(6);
  });

  it('granted pre-votes of a majority (its own included) make it a candidate, which raises its term and asks for votes', () => {
    const node = precandidate(3, log(1, 2));
    node.send(preVoteReply('n2', 4), 1010, 0.5);
    expect(node.state()).toBe('precandidate');
    node.send(preVoteReply('n3', 4), 1011, 0.5);
    expect(node.state()).toBe('candidate');
    expect(node.ctx()).toMatchObject({ term: 4, votedFor: ME, votes: [ME], deadline: 1011 + 225 });
    expect(node.take()).toEqual(
      PEERS.map((to) => ({ type: 'RequestVote', from: ME, to, term: 4, lastLogIndex: 2, lastLogTerm: 2 })),
    );
  });

  it('a granted pre-vote does not make the precandidate adopt the proposed term it carries', () => {
    const node = precandidate(3);
    node.send(preVoteReply('n2', 4), 1010);
    expect(node.state()).toBe('precandidate');
    expect(node.ctx()).toMatchObject({ term: 3, votedFor: null, votes: [ME, 'n2'] });
  });

  it('a late grant reaching it after it went back to follower is not adopted either', () => {
    const node = precandidate(3);
    node.send(heartbeat('n2', 3), 1010, 0); // a leader of term 3 exists: follow it
    node.send(preVoteReply('n4', 4), 1011); // the grant of its abandoned round arrives
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 3, leaderId: 'n2' });
  });

  it('stale and repeated pre-votes are not counted: a grant for another term, a second copy from one server', () => {
    const node = precandidate(3);
    node.send(preVoteReply('n2', 4), 1010);
    node.send(preVoteReply('n2', 4), 1011); // a copy
    node.send(preVoteReply('n3', 3), 1012); // granted for an older round's term
    node.send(preVoteReply('n4', 3, false), 1013); // a refusal in the precandidate's own term
    expect(node.state()).toBe('precandidate');
    expect(node.ctx()).toMatchObject({ term: 3, votes: [ME, 'n2'] });
  });

  it('a refusal carrying a later term makes it adopt that term and become a follower', () => {
    const node = precandidate(3);
    node.send(preVoteReply('n2', 7, false), 1010);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 7, votedFor: null, votes: [] });
    expect(node.take()).toEqual([]);
  });

  it('an AppendEntries of its own term makes it a follower of that leader', () => {
    const node = precandidate(3);
    node.send(heartbeat('n2', 3), 1010, 0);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 3, leaderId: 'n2', leaderContact: 1010, deadline: 1160 });
    expect(node.take()).toMatchObject([{ type: 'AppendEntriesReply', to: 'n2', term: 3, success: true }]);
  });

  it('its timer firing again starts a new round (new deadline, fresh count), still in the same term', () => {
    const node = precandidate(3);
    node.send(preVoteReply('n2', 4), 1010);
    node.tick(1150, 1);
    expect(node.state()).toBe('precandidate');
    expect(node.ctx()).toMatchObject({ term: 3, votes: [ME], deadline: 1150 + 300 });
    expect(node.take()).toHaveLength(4);
  });

  it('with PreVote a candidate whose election times out asks for pre-votes again instead of raising its term', () => {
    const node = precandidate(3);
    node.send(preVoteReply('n2', 4), 1010);
    node.send(preVoteReply('n3', 4), 1011);
    expect(node.state()).toBe('candidate');
    node.take();
    node.tick(1400, 0);
    expect(node.state()).toBe('precandidate');
    expect(node.ctx()).toMatchObject({ term: 4, votedFor: ME, votes: [ME], deadline: 1550 });
    expect(node.take()).toEqual(
      PEERS.map((to) => ({ type: 'PreVote', from: ME, to, term: 5, lastLogIndex: 0, lastLogTerm: 0 })),
    );
  });

  it('if preVote is switched off while it waits, its next timeout makes it a candidate', () => {
    const config = testConfig({ preVote: true });
    const node = testNode({ term: 3, config });
    node.tick(1000, 0);
    (config.extensions as { preVote: boolean }).preVote = false; // the world flips the shared switch in place
    node.tick(1150, 0);
    expect(node.state()).toBe('candidate');
    expect(node.ctx().term).toBe(4);
  });

  it('a one-server cluster is its own majority: its pre-vote makes it candidate and then leader at once', () => {
    const node = testNode({ peers: [], config: ON });
    node.tick(1000);
    expect(node.state()).toBe('leader');
    expect(node.ctx().term).toBe(2);
  });
});

/** A context for the pure grant rule: n1 in term 5 with log terms [1, 3], as a follower. */
function voter(patch: Partial<NodeContext> = {}): NodeContext {
  const ctx = initialContext({
    id: ME,
    peers: PEERS,
    config: ON,
    term: 5,
    votedFor: null,
    log: log(1, 3),
    deadline: 1000,
  });
  return { ...ctx, ...patch };
}

describe('PreVote: the grant rule (§9.6; etcd’s rule for equal terms)', () => {
  it.each([
    {
      claim: 'a later proposed term, a log as up-to-date, no leader heard: granted',
      ctx: {},
      msg: [6, 2, 3],
      now: 500,
      granted: true,
    },
    {
      claim: 'a later proposed term even if the receiver voted in its own term',
      ctx: { votedFor: 'n4' },
      msg: [6, 2, 3],
      now: 500,
      granted: true,
    },
    { claim: 'a proposed term below the receiver’s: refused', ctx: {}, msg: [4, 9, 4], now: 500, granted: false },
    {
      claim: 'the receiver’s own term, no vote cast, no leader known: granted (a vote would be)',
      ctx: {},
      msg: [5, 2, 3],
      now: 500,
      granted: true,
    },
    {
      claim: 'the receiver’s own term after voting for another: refused',
      ctx: { votedFor: 'n4' },
      msg: [5, 2, 3],
      now: 500,
      granted: false,
    },
    {
      claim: 'the receiver’s own term after voting for the sender: granted',
      ctx: { votedFor: 'n2' },
      msg: [5, 2, 3],
      now: 500,
      granted: true,
    },
    { claim: 'a shorter log with the same last term: refused', ctx: {}, msg: [6, 1, 3], now: 500, granted: false },
    { claim: 'an older last log term: refused', ctx: {}, msg: [6, 5, 2], now: 500, granted: false },
    {
      claim: 'heard from a leader 149 ms ago (< min election timeout): refused',
      ctx: { leaderId: 'n3', leaderContact: 351 },
      msg: [6, 2, 3],
      now: 500,
      granted: false,
    },
    {
      claim: 'heard from a leader 150 ms ago (= min election timeout): granted',
      ctx: { leaderId: 'n3', leaderContact: 350 },
      msg: [6, 2, 3],
      now: 500,
      granted: true,
    },
    {
      claim: 'the receiver is the leader: refused',
      ctx: { leaderId: ME, leading: { contactSince: 0, lastAck: [], transfer: null } },
      msg: [6, 2, 3],
      now: 500,
      granted: false,
    },
  ])('$claim', ({ ctx, msg: [term, lastLogIndex, lastLogTerm], now, granted }) => {
    expect(grantsPreVote(voter(ctx), preVote('n2', term!, lastLogIndex, lastLogTerm), now)).toBe(granted);
  });

  it('the teaching switch skipUpToDateCheck applies to pre-votes as to votes', () => {
    const ctx = voter({ config: testConfig({ preVote: true }, { ...ON.rules, skipUpToDateCheck: true }) });
    expect(grantsPreVote(ctx, preVote('n2', 6, 0, 0), 500)).toBe(true);
  });
});

describe('PreVote: the receiver (§9.6)', () => {
  it('a granted pre-vote changes nothing at the receiver: term, vote, timer, leader; the reply carries the proposed term', () => {
    const node = testNode({ term: 5, log: log(1, 3), config: ON });
    const before = node.ctx();
    node.send(preVote('n2', 6, 2, 3), 500, 0.9);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toBe(before); // not even a new context object
    expect(node.take()).toEqual([{ type: 'PreVoteReply', from: ME, to: 'n2', term: 6, voteGranted: true }]);
  });

  it('a refusal carries the receiver’s term, and changes nothing at the receiver either', () => {
    const node = testNode({ term: 5, log: log(1, 3), config: ON });
    const before = node.ctx();
    node.send(preVote('n2', 6, 1, 1), 500);
    node.send(preVote('n3', 2, 9, 9), 500);
    expect(node.ctx()).toBe(before);
    expect(node.take()).toEqual([
      { type: 'PreVoteReply', from: ME, to: 'n2', term: 5, voteGranted: false },
      { type: 'PreVoteReply', from: ME, to: 'n3', term: 5, voteGranted: false },
    ]);
  });

  it('a candidate and a leader answer pre-votes without changing role or term (a leader refuses)', () => {
    const node = testNode({ term: 5, config: ON });
    node.actor.send({ type: 'timeout', now: 100, draw: 0 }); // precandidate in term 5
    node.send(preVoteReply('n2', 6), 101);
    node.send(preVoteReply('n3', 6), 102); // candidate in term 6
    node.take();
    node.send(preVote('n4', 7), 103);
    expect(node.state()).toBe('candidate');
    expect(node.take()).toEqual([{ type: 'PreVoteReply', from: ME, to: 'n4', term: 7, voteGranted: true }]);
    const vote = (from: string) => ({ type: 'RequestVoteReply', from, to: ME, term: 6, voteGranted: true }) as const;
    node.send(vote('n2'), 104);
    node.send(vote('n3'), 105);
    expect(node.state()).toBe('leader');
    node.take();
    node.send(preVote('n4', 7), 106);
    expect(node.state()).toBe('leader');
    expect(node.ctx().term).toBe(6);
    expect(node.take()).toEqual([{ type: 'PreVoteReply', from: ME, to: 'n4', term: 6, voteGranted: false }]);
  });

  it('a RequestVote still works as in Figure 2 at a precandidate: a later term is adopted and judged', () => {
    const node = precandidate(3);
    const rv: RequestVote = { type: 'RequestVote', from: 'n2', to: ME, term: 4, lastLogIndex: 0, lastLogTerm: 0 };
    node.send(rv, 1010);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 4, votedFor: 'n2' });
  });
});

describe('PreVote in a cluster (§9.6)', () => {
  /** Five servers; n5 is cut off from 1000 to 3000 ms (2 s); returns the terms n5 had and the leaders. */
  function cutOff(preVote: boolean) {
    const cluster = new TestCluster(['n1', 'n2', 'n3', 'n4', 'n5'], testConfig({ preVote }));
    cluster.runUntil(1000);
    const [leader] = cluster.leaders();
    const term = cluster.node('n5').ctx().term;
    cluster.isolate('n5');
    const n5Terms = new Set<number>();
    cluster.runUntil(3000, () => n5Terms.add(cluster.node('n5').ctx().term));
    cluster.heal();
    cluster.runUntil(4000);
    return { leader, term, n5Terms, leaderAfter: cluster.leaders(), leaderTerm: cluster.node(leader!).ctx().term };
  }

  it('a server cut off for 2 s with PreVote never raises its term, and on its return the leader keeps leading', () => {
    const { leader, term, n5Terms, leaderAfter, leaderTerm } = cutOff(true);
    expect(leader).toBeDefined();
    expect([...n5Terms]).toEqual([term]);
    expect(leaderAfter).toEqual([leader]);
    expect(leaderTerm).toBe(term);
  });

  it('without PreVote the same server raises its term again and again and deposes the leader on return (the contrast)', () => {
    const { leader, term, n5Terms, leaderTerm } = cutOff(false);
    expect(Math.max(...n5Terms)).toBeGreaterThan(term + 3);
    expect(leaderTerm).toBeGreaterThan(term);
    expect(leader).toBeDefined();
  });
});
