/**
 * Leadership transfer (dissertation §3.10), each test named for the claim it checks: the leader
 * stops taking writes, brings the target up to date, sends it TimeoutNow; the target starts an
 * election at once and wins the next term; a transfer that stalls expires after a maximum
 * election timeout (300 ms here) and writes resume.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster, testConfig, testNode } from '../../test-support/raftNode';
import { createActor } from 'xstate';
import { transferTarget } from './leadershipTransfer';
import { nodeMachine, type NodeInput } from './nodeMachine';
import type {
  AppendEntriesReply,
  ClientRequest,
  Entry,
  Extensions,
  Message,
  RequestVoteReply,
  TimeoutNow,
} from './types';

const ME = 'n1';
const PEERS = ['n2', 'n3', 'n4', 'n5'];

const log = (...terms: number[]): Entry[] =>
  terms.map((term, i) => ({ term, command: { op: 'set', id: `i${i + 1}t${term}`, key: 'x', value: String(i + 1) } }));

const vote = (from: string, term: number): RequestVoteReply => ({
  type: 'RequestVoteReply',
  from,
  to: ME,
  term,
  voteGranted: true,
});
const reply = (from: string, term: number, prevLogIndex: number, matchIndex: number): AppendEntriesReply => ({
  type: 'AppendEntriesReply',
  from,
  to: ME,
  term,
  success: true,
  prevLogIndex,
  matchIndex,
});
const write = (id: string): ClientRequest => ({
  type: 'ClientRequest',
  from: 'client',
  to: ME,
  term: 0,
  command: { op: 'set', id, key: 'k', value: id },
});
const timeoutNow = (term: number): TimeoutNow => ({ type: 'TimeoutNow', from: 'n2', to: ME, term });
const ofType = <T extends Message['type']>(msgs: readonly Message[], type: T) =>
  msgs.filter((m): m is Extract<Message, { type: T }> => m.type === type);

/** n1 elected leader of term 2 at time 0 with a log of `entries` (n2, n3 voted); election messages taken. */
function leader(entries: Entry[] = log(1, 1), extensions: Partial<Extensions> = {}) {
  const node = testNode({ term: 1, log: entries, config: testConfig(extensions) });
  node.actor.send({ type: 'timeout', now: 0, draw: 0 });
  node.send(vote('n2', 2), 0);
  node.send(vote('n3', 2), 0);
  expect(node.state()).toBe('leader');
  node.take();
  return node;
}
type Leader = ReturnType<typeof leader>;
const transfer = (node: Leader, to: string, now: number) =>
  node.actor.send({ type: 'transferLeadership', to, now, draw: 0.5 });

describe('Leadership transfer: the leader (§3.10)', () => {
  it('is ignored by a non-leader, by a leader for itself, and for a server not among its peers', () => {
    const follower = testNode();
    follower.actor.send({ type: 'transferLeadership', to: 'n2', now: 10, draw: 0 });
    expect(follower.ctx().leading?.transfer ?? null).toBeNull();
    const node = leader();
    transfer(node, ME, 10);
    transfer(node, 'n9', 10);
    expect(transferTarget(node.ctx())).toBeNull();
    expect(node.take()).toEqual([]);
  });

  it('sends TimeoutNow only once the target is up to date: first what it lacks, then TimeoutNow on the reply that completes it', () => {
    const node = leader(log(1, 1));
    node.send(reply('n2', 2, 2, 2), 5); // the new leader's first AppendEntries (prevLogIndex 2) answered: n2 has it all
    node.take();
    transfer(node, 'n3', 10);
    expect(transferTarget(node.ctx())).toBe('n3');
    // n3's first AppendEntries (prevLogIndex 2) is still unanswered: wait for its answer.
    expect(node.take()).toEqual([]);
    node.send({ ...reply('n3', 2, 2, 0), success: false }, 15); // n3 lacks entry 2
    const catchUp = node.take();
    expect(ofType(catchUp, 'TimeoutNow')).toEqual([]);
    expect(ofType(catchUp, 'AppendEntries')).toMatchObject([{ to: 'n3', prevLogIndex: 1, entries: [{ term: 1 }] }]);
    node.send(reply('n3', 2, 1, 2), 20); // now complete
    expect(node.take()).toEqual([{ type: 'TimeoutNow', from: ME, to: 'n3', term: 2 }]);
    node.send(reply('n3', 2, 2, 2), 25); // a heartbeat's answer later: nothing new, no second TimeoutNow
    expect(ofType(node.take(), 'TimeoutNow')).toEqual([]);
  });

  it('sends TimeoutNow at once to a target already known up to date', () => {
    const node = leader(log(1, 1));
    node.send(reply('n2', 2, 2, 2), 5);
    node.take();
    transfer(node, 'n2', 10);
    expect(node.take()).toEqual([{ type: 'TimeoutNow', from: ME, to: 'n2', term: 2 }]);
  });

  it('a target behind with no request outstanding is sent an AppendEntries at once (and no TimeoutNow yet)', () => {
    const elected = leader(log(1, 1)).ctx();
    // A leader whose request to n4 got lost and was forgotten: n4 known to hold entry 1 only, nothing outstanding.
    const context = { ...elected, matchIndex: [0, 0, 1, 0], nextIndex: [3, 3, 2, 3], awaiting: [2, 2, null, 2] };
    const actor = createActor(nodeMachine, {
      snapshot: nodeMachine.resolveState({ value: 'leader', context }),
      input: undefined as unknown as NodeInput,
    });
    const sent: Message[] = [];
    actor.on('send', (e) => sent.push(...e.msgs));
    actor.start();
    actor.send({ type: 'transferLeadership', to: 'n4', now: 10, draw: 0 });
    expect(sent).toMatchObject([{ type: 'AppendEntries', to: 'n4', prevLogIndex: 1, entries: [{ term: 1 }] }]);
    expect(actor.getSnapshot().context).toMatchObject({
      leading: { transfer: { to: 'n4', deadline: 310 } },
      awaiting: [2, 2, 2, 2],
    });
  });

  it('stops taking client writes during the transfer: each is redirected to the target, and the log does not grow', () => {
    const node = leader(log(1, 1));
    transfer(node, 'n3', 10);
    node.take();
    node.send(write('w1'), 20);
    expect(node.take()).toEqual([
      { type: 'ClientRedirect', from: ME, to: 'client', term: 2, id: 'w1', leaderHint: 'n3' },
    ]);
    expect(node.ctx().log).toHaveLength(2);
  });

  it('a stalled transfer expires a maximum election timeout after it began, and writes resume', () => {
    const node = leader(log(1, 1));
    transfer(node, 'n3', 10);
    expect(node.ctx().leading?.transfer).toEqual({ to: 'n3', deadline: 310 });
    for (let n = 0; n < 10 && node.ctx().deadline < 310; n++) node.tick(node.ctx().deadline);
    expect(node.ctx().deadline).toBe(310); // its timer fires for the transfer's end (heartbeats are at 300, 350)
    expect(transferTarget(node.ctx())).toBe('n3');
    node.tick(310);
    expect(node.state()).toBe('leader');
    expect(transferTarget(node.ctx())).toBeNull();
    expect(node.ctx().deadline).toBe(350);
    node.take();
    node.send(write('w1'), 320);
    expect(node.ctx().log).toHaveLength(3);
    expect(ofType(node.take(), 'ClientRedirect')).toEqual([]);
  });

  it('one transfer at a time: while it lasts, a request for the same or another target changes nothing', () => {
    const node = leader(log(1, 1));
    transfer(node, 'n3', 10);
    node.take();
    transfer(node, 'n3', 100);
    transfer(node, 'n4', 120);
    expect(node.ctx().leading?.transfer).toEqual({ to: 'n3', deadline: 310 });
    expect(node.take()).toEqual([]); // no second TimeoutNow: two targets would split the vote
    // Once it has expired, another can start.
    node.tick(310);
    expect(node.ctx().leading?.transfer).toBeNull();
    transfer(node, 'n4', 320);
    expect(node.ctx().leading?.transfer).toEqual({ to: 'n4', deadline: 620 });
  });

  it('a leader that steps down drops its transfer', () => {
    const node = leader(log(1, 1));
    transfer(node, 'n3', 10);
    node.send(
      { type: 'RequestVote', from: 'n3', to: ME, term: 3, lastLogIndex: 2, lastLogTerm: 1, transfer: true },
      20,
    );
    expect(node.state()).toBe('follower');
    expect(node.ctx()).toMatchObject({ term: 3, votedFor: 'n3', leading: null });
  });
});

describe('Leadership transfer: the target (§3.10)', () => {
  it.each([false, true])(
    'TimeoutNow of its term starts an election at once, skipping PreVote (preVote %s), its RequestVotes marked transfer',
    (preVote) => {
      const node = testNode({ term: 2, log: log(1, 2), config: testConfig({ preVote }) });
      node.send(timeoutNow(2), 50, 0);
      expect(node.state()).toBe('candidate');
      expect(node.ctx()).toMatchObject({ term: 3, votedFor: ME, deadline: 200 });
      expect(node.take()).toEqual(
        PEERS.map((to) => ({
          type: 'RequestVote',
          from: ME,
          to,
          term: 3,
          lastLogIndex: 2,
          lastLogTerm: 2,
          transfer: true,
        })),
      );
    },
  );

  it('a precandidate told TimeoutNow of its term becomes candidate at once', () => {
    const node = testNode({ term: 2, config: testConfig({ preVote: true }) });
    node.tick(40);
    expect(node.state()).toBe('precandidate');
    node.send(timeoutNow(2), 50);
    expect(node.state()).toBe('candidate');
    expect(node.ctx().term).toBe(3);
  });

  it('a TimeoutNow of an earlier term is ignored; one of a later term is adopted first', () => {
    const node = testNode({ term: 4 });
    node.send(timeoutNow(3), 50);
    expect(node.state()).toBe('follower');
    expect(node.take()).toEqual([]);
    node.send(timeoutNow(6), 60);
    expect(node.state()).toBe('candidate');
    expect(node.ctx().term).toBe(7);
  });

  it('an election restarted after a timeout is an ordinary one (no transfer mark)', () => {
    const node = testNode({ term: 2 });
    node.send(timeoutNow(2), 50, 0);
    node.take();
    node.tick(200);
    expect(node.take().every((m) => m.type === 'RequestVote' && !('transfer' in m))).toBe(true);
  });
});

describe('Leadership transfer in a cluster (§3.10)', () => {
  it.each([
    { preVote: false, checkQuorum: false },
    { preVote: true, checkQuorum: true },
  ])(
    'the target wins the next term at once, within a round trip plus its catch-up (preVote $preVote, checkQuorum $checkQuorum)',
    (extensions) => {
      const cluster = new TestCluster(['n1', 'n2', 'n3', 'n4', 'n5'], testConfig(extensions));
      cluster.runUntil(1000);
      const [old] = cluster.leaders();
      const term = cluster.node(old!).ctx().term;
      const target = cluster.ids.find((id) => id !== old)!;
      cluster.tell(old!, { type: 'transferLeadership', to: target });
      let won: number | null = null;
      cluster.runUntil(1300, () => {
        if (won === null && cluster.node(target).state() === 'leader') won = cluster.now;
      });
      expect(cluster.leaders()).toEqual([target]);
      expect(cluster.node(target).ctx().term).toBe(term + 1);
      // Latency 5 ms: TimeoutNow out and RequestVote out, votes back (its log is already complete) = 15 ms.
      expect(won!).toBeLessThanOrEqual(1000 + 15);
    },
  );

  it('a target cut off from the leader never gets TimeoutNow: the transfer expires and the old leader takes writes again', () => {
    const cluster = new TestCluster(['n1', 'n2', 'n3', 'n4', 'n5'], testConfig());
    cluster.runUntil(1000);
    const [old] = cluster.leaders();
    const target = cluster.ids.find((id) => id !== old)!;
    cluster.isolate(target);
    cluster.runUntil(1100);
    cluster.tell(old!, { type: 'transferLeadership', to: target });
    cluster.runUntil(1100 + 299);
    expect(transferTarget(cluster.node(old!).ctx())).toBe(target);
    cluster.runUntil(1100 + 300);
    expect(cluster.leaders()).toEqual([old]);
    expect(transferTarget(cluster.node(old!).ctx())).toBeNull();
    cluster.tell(old!, { type: 'ClientRequest', msg: { ...write('w1'), to: old! } });
    expect(cluster.toClient).toEqual([]);
    expect(cluster.node(old!).ctx().log.at(-1)?.command).toMatchObject({ id: 'w1' });
  });
});
