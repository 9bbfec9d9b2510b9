/**
 * The events the simulator processes, as they appear in the trace (CONTRACTS.md section 2)
 * and in the page's event log, and their description in plain words.
 */
import type { Extensions, Message, NodeId, RuleSwitches } from '../../raft/types';
import type { DropReason } from './network';
import { OPTION_WORDS, RULE_WORDS } from '../scenario/scenario';

export type SimEvent =
  | { readonly kind: 'init' }
  | {
      readonly kind: 'deliver';
      readonly from: NodeId;
      readonly to: NodeId;
      readonly msgId: number;
      readonly msg: Message;
    }
  | {
      readonly kind: 'drop';
      readonly from: NodeId;
      readonly to: NodeId;
      readonly msgId: number;
      readonly msg: Message;
      readonly reason: DropReason;
    }
  | {
      readonly kind: 'timeout';
      readonly node: NodeId;
      readonly forced?: true;
      readonly ignored?: string;
    }
  | { readonly kind: 'heartbeat'; readonly node: NodeId }
  /** A leader's timer found its transfer to `to` not done in time: it gave it up and takes writes again (§3.10). */
  | { readonly kind: 'transferExpired'; readonly node: NodeId; readonly to: NodeId }
  /** A leader with checkQuorum on heard from no majority within an election timeout and stepped down (§6.2). */
  | { readonly kind: 'checkQuorum'; readonly node: NodeId }
  | { readonly kind: 'crash'; readonly node: NodeId; readonly ignored?: string }
  | {
      readonly kind: 'restart';
      readonly node: NodeId;
      readonly ignored?: string;
    }
  | {
      readonly kind: 'write';
      readonly id: string;
      readonly key: string;
      readonly value: string;
      readonly to?: NodeId;
    }
  | {
      readonly kind: 'clientAck';
      readonly id: string;
      readonly index: number;
      readonly term: number;
    }
  | { readonly kind: 'clientRetry'; readonly id: string; readonly to: NodeId }
  | {
      readonly kind: 'partition';
      readonly groups: readonly (readonly NodeId[])[];
    }
  | { readonly kind: 'heal' }
  | { readonly kind: 'cut'; readonly from: NodeId; readonly to: NodeId }
  | { readonly kind: 'restore'; readonly from: NodeId; readonly to: NodeId }
  | { readonly kind: 'timers'; readonly mode: 'spread' | 'align' }
  | {
      readonly kind: 'duplicate';
      readonly from: NodeId;
      readonly to: NodeId;
      readonly msgId: number;
      readonly msg: Message;
    }
  | { readonly kind: 'hold'; readonly on: boolean }
  | { readonly kind: 'rules'; readonly rules: RuleSwitches }
  /** PreVote and CheckQuorum as they stand after an `options` step. */
  | { readonly kind: 'options'; readonly options: Extensions }
  /** A server's clock runs at `rate` times virtual time from now on. */
  | { readonly kind: 'clock'; readonly node: NodeId; readonly rate: number }
  /** A leadership transfer to `to` was asked of `leader` (or ignored: no leader, `to` already leads, or one is in progress). */
  | {
      readonly kind: 'transferLeadership';
      readonly to: NodeId;
      readonly leader?: NodeId;
      readonly ignored?: string;
    }
  /** A person acted on a message that had already arrived or been dropped. */
  | { readonly kind: 'missed'; readonly msgId: number }
  | {
      readonly kind: 'network';
      readonly drop?: number;
      readonly duplicate?: number;
      readonly latency?: readonly [number, number];
    };

/** A message in a few words: "RequestVote term 4", "AppendEntriesReply term 2: rejected at index 5". */
export function describeMessage(msg: Message): string {
  switch (msg.type) {
    case 'RequestVote':
      return `RequestVote term ${msg.term} (last log ${msg.lastLogIndex}/${msg.lastLogTerm}${msg.transfer === true ? ', leadership transfer' : ''})`;
    case 'RequestVoteReply':
      return `RequestVote reply term ${msg.term}: ${msg.voteGranted ? 'granted' : 'denied'}`;
    case 'PreVote':
      return `PreVote for term ${msg.term} (last log ${msg.lastLogIndex}/${msg.lastLogTerm})`;
    case 'PreVoteReply':
      return `PreVote reply for term ${msg.term}: ${msg.voteGranted ? 'granted' : 'denied'}`;
    case 'TimeoutNow':
      return `TimeoutNow term ${msg.term}: start an election at once`;
    case 'AppendEntries':
      return msg.entries.length === 0
        ? `AppendEntries term ${msg.term} (heartbeat, commit ${msg.leaderCommit})`
        : `AppendEntries term ${msg.term} (${msg.entries.length} ${msg.entries.length === 1 ? 'entry' : 'entries'} from index ${msg.prevLogIndex + 1}, commit ${msg.leaderCommit})`;
    case 'AppendEntriesReply':
      return msg.success
        ? `AppendEntries reply term ${msg.term}: success, match ${msg.matchIndex}`
        : `AppendEntries reply term ${msg.term}: rejected at index ${msg.prevLogIndex}`;
    case 'ClientRequest':
      return `write ${msg.command.id} (${msg.command.key}=${msg.command.value})`;
    case 'ClientRedirect':
      return `redirect ${msg.id}: ${msg.leaderHint === null ? 'leader unknown' : `try ${msg.leaderHint}`}`;
    case 'ClientReply':
      return `ack ${msg.id}: committed at index ${msg.index}, term ${msg.entryTerm}`;
  }
}

/** An event in plain words, for the event log and for violation reports. */
export function describeEvent(event: SimEvent): string {
  switch (event.kind) {
    case 'init':
      return 'start';
    case 'deliver':
      return `${event.from} → ${event.to} ${describeMessage(event.msg)}`;
    case 'drop':
      return `${event.from} → ${event.to} ${describeMessage(event.msg)}: dropped (${event.reason === 'person' ? 'by you' : event.reason === 'overflow' ? 'network full' : event.reason})`;
    case 'timeout':
      return `${event.node} election timeout${event.forced ? ' (forced)' : ''}${event.ignored ? `: ignored, ${event.ignored}` : ''}`;
    case 'heartbeat':
      return `${event.node} heartbeat`;
    case 'transferExpired':
      return `${event.node} gives up handing leadership to ${event.to} (no new leader within an election timeout) and takes writes again`;
    case 'checkQuorum':
      return `${event.node} steps down: no majority answered within an election timeout (CheckQuorum)`;
    case 'crash':
      return `${event.node} crashes${event.ignored ? `: ignored, ${event.ignored}` : ''}`;
    case 'restart':
      return `${event.node} restarts${event.ignored ? `: ignored, ${event.ignored}` : ''}`;
    case 'write':
      return `client writes ${event.id} (${event.key}=${event.value})${event.to ? ` to ${event.to}` : ''}`;
    case 'clientAck':
      return `client told ${event.id} is committed at index ${event.index}, term ${event.term}`;
    case 'clientRetry':
      return `client re-sends ${event.id} to ${event.to}`;
    case 'partition':
      return `partition ${event.groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
    case 'heal':
      return 'network healed';
    case 'cut':
      return `link ${event.from} → ${event.to} cut`;
    case 'duplicate':
      return `${event.from} → ${event.to} ${describeMessage(event.msg)}: duplicated by you`;
    case 'hold':
      return event.on ? 'messages held: each waits to be delivered by hand' : 'held messages released';
    case 'rules': {
      const on = Object.entries(event.rules)
        .filter(([, v]) => v)
        .map(([k]) => RULE_WORDS[k as keyof RuleSwitches]);
      return on.length === 0 ? 'rules: Figure 2 exactly' : `rules changed, bugs on: ${on.join('; ')}`;
    }
    case 'options':
      return `options: ${(Object.keys(OPTION_WORDS) as (keyof Extensions)[]).map((k) => `${OPTION_WORDS[k]} ${event.options[k] ? 'on' : 'off'}`).join(', ')}`;
    case 'clock':
      return event.rate === 1
        ? `${event.node}'s clock runs at true time`
        : `${event.node}'s clock runs ${event.rate > 1 ? 'fast' : 'slow'}, at ${event.rate}× true time`;
    case 'transferLeadership':
      if (event.ignored !== undefined) return `leadership transfer to ${event.to}: ignored, ${event.ignored}`;
      return `${event.leader ?? 'the leader'} is asked to hand leadership to ${event.to}`;
    case 'missed':
      return `message #${event.msgId} had already arrived`;
    case 'restore':
      return `link ${event.from} → ${event.to} restored`;
    case 'timers':
      return event.mode === 'spread'
        ? 'election timers spread apart (no split vote)'
        : 'election timers aligned (a split vote is likely)';
    case 'network': {
      const parts: string[] = [];
      if (event.drop !== undefined) parts.push(`drop ${event.drop}`);
      if (event.duplicate !== undefined) parts.push(`duplicate ${event.duplicate}`);
      if (event.latency !== undefined) parts.push(`latency ${event.latency[0]}–${event.latency[1]} ms`);
      return `network: ${parts.join(', ') || 'unchanged'}`;
    }
  }
}
