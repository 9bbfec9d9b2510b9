/**
 * The raw material of the space-time diagram and the "why" chains: each message copy that
 * arrived or was dropped (a MessageTrack), and what happened on each node's lane (role
 * changes, crashes, restarts, a leader appending a client's write, commits), seen by
 * comparing the cluster before and after each event.
 */
import type { Entry, Message } from '../raft/types';
import type { Processed, World } from '../sim/core/world';
import { describeMessage } from '../sim/core/events';
import type { LaneMark, MessageDetail, MessageTrack, MessageVariant } from './trackTypes';

export function variantOf(msg: Message): MessageVariant {
  switch (msg.type) {
    case 'RequestVote':
      return 'vote-request';
    case 'RequestVoteReply':
      return msg.voteGranted ? 'vote-granted' : 'vote-denied';
    case 'PreVote':
      return 'prevote-request';
    case 'PreVoteReply':
      return msg.voteGranted ? 'prevote-granted' : 'prevote-denied';
    case 'TimeoutNow':
      return 'timeout-now';
    case 'AppendEntries':
      return msg.entries.length === 0 ? 'heartbeat' : 'append';
    case 'AppendEntriesReply':
      return msg.success ? 'append-ok' : 'append-fail';
    default:
      return 'client';
  }
}

function entryId(e: Entry): string | null {
  return e.command.op === 'set' ? e.command.id : null;
}

export function detailOf(msg: Message): MessageDetail {
  switch (msg.type) {
    case 'RequestVote':
      return msg.transfer === true
        ? { lastLogIndex: msg.lastLogIndex, lastLogTerm: msg.lastLogTerm, transfer: true }
        : { lastLogIndex: msg.lastLogIndex, lastLogTerm: msg.lastLogTerm };
    case 'PreVote':
      return { lastLogIndex: msg.lastLogIndex, lastLogTerm: msg.lastLogTerm };
    case 'RequestVoteReply':
    case 'PreVoteReply':
      return { voteGranted: msg.voteGranted };
    case 'TimeoutNow':
      return {};
    case 'AppendEntries':
      return {
        prevLogIndex: msg.prevLogIndex,
        prevLogTerm: msg.prevLogTerm,
        entries: msg.entries.map((e) => ({ term: e.term, id: entryId(e) })),
        leaderCommit: msg.leaderCommit,
      };
    case 'AppendEntriesReply':
      return { success: msg.success, matchIndex: msg.matchIndex, prevLogIndex: msg.prevLogIndex };
    case 'ClientRequest':
      return { writeId: msg.command.id };
    case 'ClientRedirect':
      return { writeId: msg.id };
    case 'ClientReply':
      return { writeId: msg.id, index: msg.index };
  }
}

export function trackKey(copy: number): string {
  return `m${copy}`;
}

export class TrackRecorder {
  private lanes: { role: string; term: number; commit: number; length: number }[] = [];
  private tracks: MessageTrack[] = [];
  private marks: LaneMark[] = [];

  /** Takes the cluster as it is as the baseline, and forgets what was not yet taken. */
  reset(world: World): void {
    this.lanes = world.hosts.map((h) => ({
      role: h.up ? h.role : 'down',
      term: h.context.term,
      commit: h.context.commitIndex,
      length: h.context.log.length,
    }));
    this.tracks = [];
    this.marks = [];
  }

  record(p: Processed, world: World): void {
    const e = p.event;
    const wire = p.wire;
    if (wire !== null) {
      const msg = wire.msg;
      {
        this.tracks.push({
          key: trackKey(wire.copy),
          // From the wire: a client's acknowledgement (a clientAck event) names no message.
          msgId: wire.msgId,
          type: msg.type,
          variant: variantOf(msg),
          from: msg.from,
          to: msg.to,
          term: msg.term,
          sentAt: wire.sentAt,
          endAt: p.t,
          outcome: e.kind === 'drop' ? 'dropped' : 'delivered',
          dropReason: e.kind === 'drop' ? e.reason : null,
          summary: describeMessage(msg),
          detail: detailOf(msg),
        });
      }
    }
    const hosts = world.hosts;
    for (let k = 0; k < hosts.length; k++) {
      const h = hosts[k]!;
      const lane = this.lanes[k]!;
      const c = h.context;
      const role = h.up ? h.role : 'down';
      const mark = (kind: LaneMark['kind'], label: string, extra: Partial<LaneMark> = {}) =>
        this.marks.push({ t: p.t, seq: p.seq, node: h.id, kind, term: c.term, label, ...extra });
      if (role !== lane.role) {
        if (role === 'down') mark('crash', `${h.id} crashed`);
        else {
          if (lane.role === 'down') mark('restart', `${h.id} restarted`);
          mark(h.role, `${h.id} ${h.role === 'precandidate' ? 'pre-candidate' : h.role}, term ${c.term}`);
        }
      }
      if (
        h.up &&
        h.role === 'leader' &&
        c.log.length > lane.length &&
        e.kind === 'deliver' &&
        e.msg.type === 'ClientRequest' &&
        e.to === h.id
      ) {
        const writeId = e.msg.command.id;
        mark('append', `${h.id} appended ${writeId} at index ${c.log.length}`, { index: c.log.length, writeId });
      }
      if (h.up && c.commitIndex > lane.commit) {
        mark('commit', `${h.id} committed through index ${c.commitIndex}`, { index: c.commitIndex });
      }
      lane.role = role;
      lane.term = c.term;
      lane.commit = c.commitIndex;
      lane.length = c.log.length;
    }
  }

  /** What was recorded since the last call. */
  take(): { tracks: MessageTrack[]; marks: LaneMark[] } {
    const out = { tracks: this.tracks, marks: this.marks };
    this.tracks = [];
    this.marks = [];
    return out;
  }
}
