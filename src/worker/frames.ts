/**
 * Turns the world into view models for the page, sending only what changed.
 */
import type { Entry, Message, NodeContext, NodeId } from '../raft/types';
import { describeEvent, describeMessage, type SimEvent } from '../sim/core/events';
import type { Processed, World } from '../sim/core/world';
import type { EntryView, EventLine, Frame, HistoryView, MessageView, NodeView } from './protocol';
import { detailOf, TrackRecorder, trackKey, variantOf } from '../debug/tracks';
import { transferTarget } from '../raft/leadership';

/** The most messages in flight a frame carries (the earliest to arrive); the page lists 150. */
export const MAX_FRAME_MESSAGES = 500;

/** What the worker adds to a frame beyond the world itself. */
export interface FrameExtras {
  readonly running: boolean;
  readonly speed: number;
  readonly handled: number;
  readonly history: HistoryView;
  readonly markers: Frame['markers'];
  readonly pausedBy: string | null;
}

function entryView(e: Entry): EntryView {
  const c = e.command;
  return c.op === 'set'
    ? { term: e.term, label: `${c.key}=${c.value}`, id: c.id }
    : { term: e.term, label: 'no-op', id: null };
}

function perPeer(ctx: NodeContext, values: readonly number[]): Map<NodeId, number> | null {
  if (values.length === 0) return null;
  return new Map(ctx.peers.map((p, i) => [p, values[i]!]));
}

function fieldsOf(msg: Message): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(msg)) {
    if (k === 'entries')
      fields.entries = (v as Entry[]).map((e) => `${e.term}:${entryView(e).label}`).join(', ') || 'none';
    else if (k === 'command') fields.command = entryView({ term: 0, command: v as Entry['command'] }).label;
    else if (v === null) fields[k] = 'none';
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  return fields;
}

function nodesOf(event: SimEvent): string[] {
  switch (event.kind) {
    case 'deliver':
    case 'drop':
    case 'cut':
    case 'restore':
      return [event.from, event.to];
    case 'timeout':
    case 'heartbeat':
    case 'crash':
    case 'restart':
    case 'checkQuorum':
    case 'clock':
      return [event.node];
    case 'transferExpired':
      return [event.node, event.to];
    case 'transferLeadership':
      return event.leader === undefined || event.leader === event.to ? [event.to] : [event.leader, event.to];
    case 'write':
      return event.to ? [event.to] : [];
    default:
      return [];
  }
}

/** Remembers what the page already has, to send only changes. */
export class FrameBuilder {
  /**
   * What the page has of each node. A node's context alone does not say all: its clock rate,
   * its deadline in virtual time (which a `clock` step moves) and a leader's quorum contact
   * (which changes as time passes) can change while the context does not.
   */
  private sent = new Map<
    string,
    { context: NodeContext; up: boolean; role: string; rate: number; deadline: number; contact: string }
  >();
  private events: EventLine[] = [];
  private announcements: string[] = [];
  private violations: string[] = [];
  private fresh = true;
  private rewound = false;
  readonly tracks = new TrackRecorder();
  private leaders = new Map<number, string>();
  private committed = 0;
  private messageSignature: string | null = null;

  /** Call for every processed event. */
  record(p: Processed, world: World): void {
    this.tracks.record(p, world);
    this.events.push({ seq: p.seq, t: p.t, kind: p.event.kind, text: describeEvent(p.event), nodes: nodesOf(p.event) });
    if (this.events.length > 400) this.events.splice(0, this.events.length - 400);
    for (const v of p.violations) this.violations.push(v.message);
    for (const [term, id] of Object.entries(world.checker.leaders)) {
      if (!this.leaders.has(Number(term))) {
        this.leaders.set(Number(term), id);
        this.announcements.push(`${id} is leader in term ${term}`);
      }
    }
    const committed = world.checker.committed;
    if (committed > this.committed) {
      this.announcements.push(
        committed === this.committed + 1
          ? `entry ${committed} committed`
          : `entries ${this.committed + 1} to ${committed} committed`,
      );
      this.committed = committed;
    }
  }

  /** After a seek: the page replaces its events, tracks and marks with what comes next, and gets every node again. */
  rewind(world: World): void {
    this.sent.clear();
    this.events = [];
    this.announcements = [];
    this.violations = [];
    this.messageSignature = null;
    this.rewound = true;
    this.tracks.reset(world);
    this.leaders = new Map(Object.entries(world.checker.leaders).map(([term, id]) => [Number(term), id]));
    this.committed = world.checker.committed;
  }

  /** A new run: everything starts again. */
  reset(world: World): void {
    this.tracks.reset(world);
    this.rewound = false;
    this.sent.clear();
    this.events = [];
    this.announcements = [];
    this.violations = [];
    this.leaders.clear();
    this.committed = 0;
    this.messageSignature = null;
    this.fresh = true;
  }

  build(world: World, extras: FrameExtras): Frame {
    const { running, speed, handled } = extras;
    const nodes: NodeView[] = [];
    for (const h of world.hosts) {
      const last = this.sent.get(h.id);
      const c = h.context;
      const rate = h.clock.rate;
      const deadline = h.up ? world.deadlineOf(h) : Infinity;
      const leads = h.up && h.role === 'leader';
      const contact = world.quorumContactOf(h);
      const contactKey = contact === null ? '' : contact.join(' ');
      if (
        last &&
        last.context === c &&
        last.up === h.up &&
        last.role === h.role &&
        last.rate === rate &&
        last.deadline === deadline &&
        last.contact === contactKey
      )
        continue;
      this.sent.set(h.id, { context: c, up: h.up, role: h.role, rate, deadline, contact: contactKey });
      nodes.push({
        id: h.id,
        up: h.up,
        role: h.role,
        term: c.term,
        votedFor: c.votedFor,
        commitIndex: c.commitIndex,
        lastApplied: c.lastApplied,
        leaderId: c.leaderId,
        deadline: h.up && Number.isFinite(deadline) ? deadline : null,
        votes: h.role === 'candidate' || h.role === 'precandidate' ? [...c.votes] : [],
        clockRate: rate,
        quorumContact: contact,
        transferTo: leads ? transferTarget(c) : null,
        nextIndex: perPeer(c, c.nextIndex),
        matchIndex: perPeer(c, c.matchIndex),
        log: c.log.map(entryView),
        kv: new Map(c.kv),
        machineState: h.up ? h.role : 'stopped',
      });
    }
    const all = world.inFlight();
    const inFlight = all.length > MAX_FRAME_MESSAGES ? all.slice(0, MAX_FRAME_MESSAGES) : all;
    const messageKeys = inFlight.map((m) => trackKey(m.copy));
    // A copy's arrival time and its `lost` reason can change while it flies (a person releases
    // held copies; a partition or cut begins between its ends): either sends the list again.
    const signature = inFlight.map((m) => `${m.copy}@${m.arriveAt}${m.lost === null ? '' : `!${m.lost}`}`).join(' ');
    const changed = signature !== this.messageSignature;
    this.messageSignature = signature;
    const messages: MessageView[] | null = !changed
      ? null
      : inFlight.map((m, i) => ({
          key: messageKeys[i]!,
          msgId: m.msgId,
          type: m.msg.type,
          variant: variantOf(m.msg),
          from: m.msg.from,
          to: m.msg.to,
          term: m.msg.term,
          sentAt: m.sentAt,
          arriveAt: m.arriveAt,
          held: m.held,
          lost: m.lost,
          summary: describeMessage(m.msg),
          fields: fieldsOf(m.msg),
          detail: detailOf(m.msg),
        }));
    const net = world.net;
    const groups = net.groupOf === null ? null : groupsOf(net.groupOf, world.ids);
    const frame: Frame = {
      handled,
      t: world.now,
      nextEventAt: world.nextTime(),
      seq: world.seq,
      running,
      speed,
      seed: world.seed,
      scenario: world.scenario.name,
      electionTimeout: world.scenario.timing.electionTimeout,
      heartbeatInterval: world.scenario.timing.heartbeatInterval,
      ids: world.ids,
      nodes,
      messages,
      messageCount: all.length,
      events: this.events,
      network: { cuts: [...net.cuts], groups, drop: net.drop, duplicate: net.duplicate },
      announcements: this.announcements,
      violations: this.violations,
      fresh: this.fresh,
      rewound: this.rewound,
      ...this.tracks.take(),
      history: extras.history,
      markers: extras.markers,
      hold: world.hold,
      rules: { ...world.rules },
      extensions: { ...world.extensions },
      scenarioExtensions: world.scenarioExtensions(),
      pausedBy: extras.pausedBy,
      narration: this.fresh ? world.scenario.narration : null,
    };
    this.rewound = false;
    this.events = [];
    this.announcements = [];
    this.violations = [];
    this.fresh = false;
    return frame;
  }
}

function groupsOf(groupOf: Record<string, number>, ids: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const id of ids) {
    const g = groupOf[id];
    if (g === undefined) continue;
    (groups[g] ??= []).push(id);
  }
  const isolated = ids.filter((id) => groupOf[id] === undefined).map((id) => [id]);
  return [...groups.filter((g) => g !== undefined), ...isolated];
}
