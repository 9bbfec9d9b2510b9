/**
 * Inputs: what a scenario step or a person's action does to the world — crash and restart a
 * server, force an election timeout, a client write, partitions, cuts and the network's
 * faults, a hand on one message (drop, deliver now, duplicate), Hold messages, spreading or
 * aligning the election timers, the teaching rule switches, PreVote and CheckQuorum,
 * leadership transfer, a server's clock rate — and the event each one records.
 * Times are virtual ms (a node is told its own clock's time: Servers.local).
 */
import type { Extensions, NodeId, RuleSwitches } from '../../raft/types';
import { transferTarget } from '../../raft/leadershipTransfer';
import type { Step } from '../scenario/scenario';
import type { Delivery } from './agenda';
import type { ClientHost } from './clientHost';
import type { SimEvent } from './events';
import { cut, heal, partition, restoreLink, setFaults, type NetworkState } from './network';
import type { NodeHost, Servers } from './servers';
import type { Transit } from './transit';

/** The parts of the world an input works on, as the world owns them. */
export interface InputScope {
  readonly servers: Servers;
  readonly transit: Transit;
  readonly clientHost: ClientHost;
  readonly net: NetworkState;
  /** The switches in force; every node reads this same object. */
  readonly rules: { -readonly [K in keyof RuleSwitches]: RuleSwitches[K] };
  /** PreVote and CheckQuorum in force; every node reads this same object. */
  readonly extensions: { -readonly [K in keyof Extensions]: Extensions[K] };
  /** The election timeout range [min, max] in virtual ms. */
  readonly electionTimeout: readonly [number, number];
  /** Delivers a copy taken off the wire now, as its arrival would (Deliver now). */
  deliver(item: Delivery): SimEvent;
}

/**
 * Carries out `step` at virtual time `now` (its `at` is ignored) and returns the event to
 * record. Never throws on a step that has become moot (crashing a crashed node, a message
 * that already arrived): the event says it was ignored or missed.
 */
export function perform(scope: InputScope, step: Step, now: number): SimEvent {
  switch (step.do) {
    case 'crash':
      return scope.servers.crash(step.node);
    case 'restart':
      return scope.servers.restart(step.node, now);
    case 'timeout': {
      const host = scope.servers.byId(step.node);
      if (!host.up)
        return {
          kind: 'timeout',
          node: host.id,
          forced: true,
          ignored: 'crashed',
        };
      if (host.role === 'leader')
        return {
          kind: 'timeout',
          node: host.id,
          forced: true,
          ignored: 'leader',
        };
      scope.servers.tell(host, { type: 'timeout', now: scope.servers.local(host, now), draw: host.rng.next() }, now);
      return { kind: 'timeout', node: host.id, forced: true };
    }
    case 'write': {
      const command = {
        op: 'set',
        id: step.id,
        key: step.key,
        value: step.value,
      } as const;
      scope.clientHost.submit(command, step.to, now);
      return step.to === undefined
        ? { kind: 'write', id: step.id, key: step.key, value: step.value }
        : {
            kind: 'write',
            id: step.id,
            key: step.key,
            value: step.value,
            to: step.to,
          };
    }
    case 'partition':
      partition(scope.net, step.groups);
      scope.transit.meetBreaks();
      return { kind: 'partition', groups: step.groups };
    case 'heal':
      heal(scope.net);
      return { kind: 'heal' };
    case 'cut':
      cut(scope.net, step.from, step.to);
      scope.transit.meetBreaks();
      return { kind: 'cut', from: step.from, to: step.to };
    case 'network': {
      setFaults(scope.net, step);
      const { at: _at, do: _do, ...faults } = step;
      return { kind: 'network', ...faults };
    }
    case 'restore':
      restoreLink(scope.net, step.from, step.to);
      return { kind: 'restore', from: step.from, to: step.to };
    case 'drop':
    case 'deliverNow': {
      const item = scope.transit.take(step.msgId);
      if (item === undefined) return { kind: 'missed', msgId: step.msgId };
      if (step.do === 'deliverNow') return scope.deliver(item);
      scope.transit.dropByPerson(item);
      return {
        kind: 'drop',
        from: item.msg.from,
        to: item.msg.to,
        msgId: item.msgId,
        msg: item.msg,
        reason: 'person',
      };
    }
    case 'spreadTimers':
    case 'alignTimers': {
      const mode = step.do === 'spreadTimers' ? 'spread' : 'align';
      setTimers(scope, mode, now);
      return { kind: 'timers', mode };
    }
    case 'hold':
      scope.transit.setHold(step.on, now);
      return { kind: 'hold', on: step.on };
    case 'duplicate': {
      const msg = scope.transit.duplicate(step.msgId, now);
      if (msg === undefined) return { kind: 'missed', msgId: step.msgId };
      return { kind: 'duplicate', from: msg.from, to: msg.to, msgId: step.msgId, msg };
    }
    case 'rules':
      Object.assign(scope.rules, step.rules);
      return { kind: 'rules', rules: { ...scope.rules } };
    case 'options': {
      const watchFromNow = step.checkQuorum === true && !scope.extensions.checkQuorum;
      if (step.preVote !== undefined) scope.extensions.preVote = step.preVote;
      if (step.checkQuorum !== undefined) scope.extensions.checkQuorum = step.checkQuorum;
      // Leaders record their followers' replies only under CheckQuorum: its window starts now.
      if (watchFromNow)
        for (const h of scope.servers.hosts)
          if (h.up && h.role === 'leader')
            scope.servers.tell(h, { type: 'watchQuorum', now: scope.servers.local(h, now), draw: 0 }, now);
      return { kind: 'options', options: { ...scope.extensions } };
    }
    case 'clock':
      return scope.servers.setClock(step.node, step.rate, now);
    case 'transferLeadership':
      return transferLeadership(scope, step.to, now);
  }
}

/**
 * Leadership transfer (dissertation §3.10): the request goes to the current leader, the up
 * leader of the highest term (a deposed leader that has not heard yet may linger in an older
 * one). The leader does the rest: it stops taking writes, brings `to` up to date and sends it
 * TimeoutNow. Without a leader, when `to` already leads, or while the leader is handing
 * leadership to a server already (one transfer at a time), the event says it was ignored.
 */
function transferLeadership(scope: InputScope, to: NodeId, now: number): SimEvent {
  let leader: NodeHost | null = null;
  for (const h of scope.servers.hosts)
    if (h.up && h.role === 'leader' && (leader === null || h.context.term > leader.context.term)) leader = h;
  if (leader === null) return { kind: 'transferLeadership', to, ignored: 'no leader' };
  if (leader.id === to) return { kind: 'transferLeadership', leader: to, to, ignored: 'already leader' };
  const handingTo = transferTarget(leader.context);
  if (handingTo !== null) {
    return { kind: 'transferLeadership', leader: leader.id, to, ignored: `a transfer to ${handingTo} is in progress` };
  }
  scope.servers.tell(
    leader,
    { type: 'transferLeadership', to, now: scope.servers.local(leader, now), draw: leader.rng.next() },
    now,
  );
  return { kind: 'transferLeadership', leader: leader.id, to };
}

/**
 * Spread: followers' and candidates' election deadlines evenly across the timeout range from
 * `now`, so one clearly fires first. Align: all at the same instant, which invites a split
 * vote (section 5.2 explains why Raft randomizes them).
 */
function setTimers(scope: InputScope, mode: 'spread' | 'align', now: number): void {
  const [min, max] = scope.electionTimeout;
  const waiting = scope.servers.hosts.filter((h) => h.up && h.role !== 'leader');
  waiting.forEach((host, i) => {
    const offset = mode === 'align' ? min : min + (waiting.length < 2 ? 0 : (i * (max - min)) / (waiting.length - 1));
    const local = (t: number) => scope.servers.local(host, t);
    scope.servers.tell(
      host,
      { type: 'setDeadline', deadline: local(now + offset), now: local(now), draw: host.rng.next() },
      now,
    );
  });
}
