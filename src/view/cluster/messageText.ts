/**
 * A message's words on the page: the short label drawn on it (on the canvas and in a picture
 * of the moment) and its accessible name (Messages in flight).
 */
import type { MessageView } from '../../worker/protocol';
import { lostShort } from './lostWords';

/** The short text on a message: what it is, at a glance. */
export function messageGlyph(m: MessageView): string {
  switch (m.variant) {
    case 'vote-request':
      return `vote? t${m.term}`;
    case 'vote-granted':
      return 'vote ✓';
    case 'vote-denied':
      return 'vote ✕';
    case 'prevote-request':
      return `pre? t${m.term}`;
    case 'prevote-granted':
      return 'pre ✓';
    case 'prevote-denied':
      return 'pre ✕';
    case 'timeout-now':
      return 'TimeoutNow';
    case 'heartbeat':
      return '♥';
    case 'append': {
      const n = String(m.fields.entries ?? '').split(', ').length;
      return `+${n}`;
    }
    case 'append-ok':
      return `ok ${m.fields.matchIndex}`;
    case 'append-fail':
      return `✕ ${m.fields.prevLogIndex}`;
    case 'client':
      return m.type === 'ClientRequest' ? 'write' : m.type === 'ClientReply' ? 'ack' : 'redirect';
  }
}

/** A message's accessible name: "AppendEntries ..., from S1 to S2", and that it will be dropped if it will. */
export function messageName(m: MessageView): string {
  return `${m.summary}, from ${m.from} to ${m.to}${m.lost ? `, ${lostShort(m.lost)}, will be dropped` : ''}`;
}
