/**
 * CheckQuorum (dissertation §6.2) and the lease that goes with it (§4.2.3), each test named
 * for the claim it checks. Election timeout 150–300 ms: the CheckQuorum window is 300 ms (the
 * maximum), the lease 150 ms (the minimum).
 */
import { describe, expect, it } from 'vitest';
import { TestCluster, testConfig, testNode } from '../../test-support/raftNode';
import { quorumContact, quorumDeadline } from './checkQuorum';
import { leaseIgnores } from './lease';
import type { AppendEntries, AppendEntriesReply, PreVote, RequestVote, RequestVoteReply } from './types';

const ME = 'n1';
const CQ = testConfig({ checkQuorum: true });

const vote = (from: string, term: number): RequestVoteReply => ({
  type: 'RequestVoteReply',
  from,
  to: ME,
  term,
  voteGranted: true,
});
const ack = (from: string, term: number): AppendEntriesReply => ({
  type: 'AppendEntriesReply',
  from,
  to: ME,
  term,
  success: true,
  prevLogIndex: 0,
  matchIndex: 0,
});
const requestVote = (from: string, term: number, transfer = false): RequestVote => ({
  type: 'RequestVote',
  from,
  to: ME,
  term,
  lastLogIndex: 0,
  lastLogTerm: 0,
  ...(transfer ? { transfer: true as const } : {}),
});
const preVote = (from: string, term: number): PreVote => ({
  type: 'PreVote',
  from,
  to: ME,
  term,
  lastLogIndex: 0,
  lastLogTerm: 0,
});
const heartbeat = (from: string, term: number): AppendEntries => ({
  type: 'AppendEntries',
  from,
  to: ME,
  term,
  prevLogIndex: 0,
  prevLogTerm: 0,
  entries: [],
  leaderCommit: 0,
});

/** n1 elected leader of term 2 at time 0 (n2 and n3 voted), with `config`; the election's messages taken. */
function leader(config = CQ) {
  const node = testNode({ term: 1, config });
  node.actor.send({ type: 'timeout', now: 0, draw: 0 });
  node.send(vote('n2', 2), 0);
  node.send(vote('n3', 2), 0);
  expect(node.state()).toBe('leader');
  node.take();
  return node;
}

/** Runs a leader's timer: ticks at each deadline up to `until`, answering nothing. */
function tickUntil(node: ReturnType<typeof leader>, until: number) {
  for (let n = 0; node.state() === 'leader' && node.ctx().deadline <= until; n++) {
    if (n > 10_000) throw new Error('the leader’s timer does not move');
    node.tick(node.ctx().deadline);
  }
}

describe('CheckQuorum: the leader (§6.2)', () => {
  it('a leader that hears from no majority steps down at the check, a maximum election timeout after its election, in its term', () => {
    const node = leader();
    node.send(ack('n2', 2), 20); // one follower is not a majority of five with the leader
    tickUntil(node, 299);
    expect(node.state()).toBe('leader');
    expect(node.ctx().deadline).toBe(300);
    node.tick(300, 0);
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({
      term: 2,
      leaderId: null,
      leading: null,
      nextIndex: [],
      deadline: 300 + 150,
    });
  });

  it('a leader that hears from a majority keeps leading past the window, and is judged by its latest majority', () => {
    const node = leader();
    for (let t = 50; t <= 1000; t += 50) {
      node.send(ack('n2', 2), t);
      if (t <= 400) node.send(ack('n3', 2), t); // n3 falls silent after 400
      tickUntil(node, t);
    }
    // n2 and n3 (with the leader, 3 of 5) were last together at 400: the leader steps down at 700.
    expect(node.state()).toBe('follower');
    expect(node.ctx().term).toBe(2);
  });

  it('quorumContact of a new leader: itself and its voters, not the servers it has not heard from', () => {
    const node = leader(); // n2 and n3 voted
    expect(quorumContact(node.ctx(), 10)).toEqual(['n1', 'n2', 'n3']);
    node.send(ack('n5', 2), 20);
    expect(quorumContact(node.ctx(), 20)).toEqual(['n1', 'n2', 'n3', 'n5']);
    // The deadline still gives n4 and n5 a window from the election (the voters are a majority anyway).
    expect(quorumDeadline(node.ctx())).toBe(300);
  });

  it('quorumDeadline: the majority’s latest common contact plus the maximum election timeout', () => {
    const node = leader();
    node.send(ack('n2', 2), 100);
    node.send(ack('n4', 2), 40);
    node.send(ack('n5', 2), 70);
    // Heard from: n2 at 100, n5 at 70, n4 at 40; the second-latest (3 of 5 with the leader) is 70.
    expect(quorumDeadline(node.ctx())).toBe(370);
    // n3, not heard from since its vote, counts as heard at the election (0).
    expect(quorumContact(node.ctx(), 299)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(quorumContact(node.ctx(), 300)).toEqual(['n1', 'n2', 'n4', 'n5']);
    expect(quorumContact(node.ctx(), 339)).toEqual(['n1', 'n2', 'n4', 'n5']);
    expect(quorumContact(node.ctx(), 340)).toEqual(['n1', 'n2', 'n5']);
  });

  it('the leader’s deadline is min(next heartbeat, quorum deadline) with checkQuorum, the next heartbeat without', () => {
    const on = leader();
    const off = leader(testConfig());
    for (const node of [on, off]) {
      node.send(ack('n2', 2), 20);
      node.send(ack('n3', 2), 20);
      tickUntil(node, 300); // heartbeats every 50 ms, the last at 300
    }
    expect(on.ctx().deadline).toBe(320); // the majority's contact (at 20) runs out before the heartbeat at 350
    expect(off.ctx().deadline).toBe(350);
    on.tick(320, 0);
    expect(on.state()).toBe('follower');
  });

  it('without checkQuorum a leader that hears from no one keeps leading (Figure 2)', () => {
    const node = leader(testConfig());
    tickUntil(node, 5000);
    expect(node.state()).toBe('leader');
  });

  it('a one-server cluster is a majority on its own: its leader never steps down', () => {
    const node = testNode({ peers: [], config: CQ });
    node.tick(10);
    expect(node.state()).toBe('leader');
    node.tick(100_000);
    expect(node.state()).toBe('leader');
    expect(quorumContact(node.ctx(), 100_000)).toEqual([ME]);
  });

  it('quorumContact is [] for a server that is not leader', () => {
    expect(quorumContact(testNode().ctx(), 0)).toEqual([]);
  });

  it('turned on mid-term, its window starts when the world says so: replies before are not counted, for or against', () => {
    const config = testConfig();
    const node = leader(config);
    for (let t = 50; t <= 600; t += 50) {
      node.send(ack('n2', 2), t);
      tickUntil(node, t);
    }
    // Off, replies are not recorded (Figure 2 alone pays nothing for CheckQuorum): only the votes at the election.
    expect(node.ctx().leading?.lastAck).toEqual([0, 0, null, null]);
    (config.extensions as { checkQuorum: boolean }).checkQuorum = true;
    node.actor.send({ type: 'watchQuorum', now: 600, draw: 0 });
    expect(node.ctx().leading?.contactSince).toBe(600);
    // Within one maximum election timeout of the switch, n2 and n3 answer: a majority with the leader.
    node.send(ack('n2', 2), 700);
    node.send(ack('n3', 2), 750);
    // Then no one answers: it steps down a maximum election timeout after the older of the two.
    tickUntil(node, 700 + 299);
    expect(node.state()).toBe('leader');
    tickUntil(node, 700 + 300);
    expect(node.state()).toBe('follower');
    expect(node.ctx().term).toBe(2);
  });

  it('switched on with no reply since, a leader steps down one maximum election timeout after the switch', () => {
    const config = testConfig();
    const node = leader(config);
    tickUntil(node, 2000);
    expect(node.state()).toBe('leader');
    (config.extensions as { checkQuorum: boolean }).checkQuorum = true;
    node.actor.send({ type: 'watchQuorum', now: 2000, draw: 0 });
    tickUntil(node, 2299);
    expect(node.state()).toBe('leader');
    tickUntil(node, 2300);
    expect(node.state()).toBe('follower');
  });
});

describe('CheckQuorum’s lease: ignoring RequestVote and PreVote (§4.2.3)', () => {
  /** n1, a follower of n2 in term 3 that last heard from it at 1000. */
  function follower(config = CQ) {
    const node = testNode({ term: 3, config, deadline: 5000 });
    node.send(heartbeat('n2', 3), 1000, 0);
    node.take();
    return node;
  }

  it('a follower that heard from its leader within the minimum election timeout ignores a RequestVote of a higher term', () => {
    const node = follower();
    const before = node.ctx();
    node.send(requestVote('n3', 4), 1149);
    expect(node.take()).toEqual([]);
    expect(node.ctx()).toBe(before);
    expect(node.state()).toBe('follower');
  });

  it('…but not the election a leadership transfer starts: it adopts the term and votes', () => {
    const node = follower();
    node.send(requestVote('n3', 4, true), 1100);
    expect(node.ctx()).toMatchObject({ term: 4, votedFor: 'n3' });
    expect(node.take()).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n3', term: 4, voteGranted: true }]);
  });

  it('…and not once the minimum election timeout has passed since it heard from the leader', () => {
    const node = follower();
    node.send(requestVote('n3', 4), 1150);
    expect(node.ctx()).toMatchObject({ term: 4, votedFor: 'n3' });
  });

  it('…and not without checkQuorum (Figure 2: a higher term always wins)', () => {
    const node = follower(testConfig());
    node.send(requestVote('n3', 4), 1001);
    expect(node.ctx()).toMatchObject({ term: 4, votedFor: 'n3' });
  });

  it('a PreVote of a higher term is ignored too (no reply at all), with checkQuorum', () => {
    const node = follower(testConfig({ checkQuorum: true, preVote: true }));
    node.send(preVote('n3', 4), 1100);
    expect(node.take()).toEqual([]);
  });

  it('without checkQuorum a PreVote in the lease is answered, refused with the receiver’s term', () => {
    const node = follower(testConfig({ preVote: true }));
    node.send(preVote('n3', 4), 1100);
    expect(node.take()).toEqual([{ type: 'PreVoteReply', from: ME, to: 'n3', term: 3, voteGranted: false }]);
  });

  it('requests of the receiver’s term or lower are answered as usual in the lease (they cannot depose anyone)', () => {
    const node = follower();
    node.send(requestVote('n3', 2), 1100);
    expect(node.take()).toEqual([{ type: 'RequestVoteReply', from: ME, to: 'n3', term: 3, voteGranted: false }]);
  });

  it('a leader holds the lease itself: it ignores a RequestVote of a higher term with checkQuorum', () => {
    const node = leader();
    node.send(requestVote('n4', 9), 10);
    expect(node.state()).toBe('leader');
    expect(node.ctx().term).toBe(2);
    expect(node.take()).toEqual([]);
    const ctx = node.ctx();
    expect(leaseIgnores(ctx, requestVote('n4', 9, true), 10)).toBe(false);
  });
});

describe('CheckQuorum in a cluster (§6.2)', () => {
  /** Five servers; at 1000 the leader goes deaf (it can send, not hear). Returns when it stepped down and the leaders after. */
  function deafLeader(checkQuorum: boolean) {
    const cluster = new TestCluster(['n1', 'n2', 'n3', 'n4', 'n5'], testConfig({ checkQuorum }));
    cluster.runUntil(1000);
    const [old] = cluster.leaders();
    cluster.deafen(old!);
    let steppedDown: number | null = null;
    cluster.runUntil(3000, () => {
      if (steppedDown === null && cluster.node(old!).state() !== 'leader') steppedDown = cluster.now;
    });
    return { old: old!, steppedDown, leadersAfter: cluster.leaders(), cluster };
  }

  it('a leader that can send but not hear steps down within one maximum election timeout, and another server leads', () => {
    const { old, steppedDown, leadersAfter } = deafLeader(true);
    expect(steppedDown).not.toBeNull();
    expect(steppedDown!).toBeLessThanOrEqual(1000 + 300);
    expect(leadersAfter).toHaveLength(1);
    expect(leadersAfter[0]).not.toBe(old);
  });

  it('without CheckQuorum the deaf leader keeps its heartbeats going and no one else is elected (the contrast)', () => {
    const { old, steppedDown, leadersAfter } = deafLeader(false);
    expect(steppedDown).toBeNull();
    expect(leadersAfter).toEqual([old]);
  });
});
