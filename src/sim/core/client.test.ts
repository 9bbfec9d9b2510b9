/**
 * The client's choice of where to send: a write that times out makes the client suspect the
 * node it went to, not whichever node it has heard from since.
 */
import { describe, expect, it } from 'vitest';
import { initialClient, onRedirect, onReply, onRetry, RETRY_INTERVAL, submit } from './client';

const nodes = ['S1', 'S2', 'S3', 'S4', 'S5'];
const set = (id: string) => ({ op: 'set' as const, id, key: 'x', value: id });

describe('client retries', () => {
  it('suspects the node a timed-out write went to, and keeps a leader heard from meanwhile', () => {
    const c = initialClient(nodes);
    expect(submit(c, set('a'), undefined, 0).send?.to).toBe('S1'); // S1 is down: no answer will come
    // Another write is redirected to S3 and acknowledged there.
    submit(c, set('b'), undefined, 100);
    expect(
      onRedirect(
        c,
        { type: 'ClientRedirect', from: 'S1', to: 'client', term: 2, id: 'b', leaderHint: 'S3' },
        nodes,
        110,
      ).send?.to,
    ).toBe('S3');
    expect(
      onReply(c, { type: 'ClientReply', from: 'S3', to: 'client', term: 2, id: 'b', index: 1, entryTerm: 2 }),
    ).toBe(true);
    // Write a times out at S1: it goes to S3, and a redirect to S3 is still followed.
    const retry = onRetry(c, 'a', 1, false, nodes, RETRY_INTERVAL);
    expect(c.suspect).toBe('S1');
    expect(retry.send?.to).toBe('S3');
    expect(c.leaderGuess).toBe('S3');
  });

  it('moves on to the next node when the silent node is still its guess', () => {
    const c = initialClient(nodes);
    submit(c, set('a'), undefined, 0);
    const retry = onRetry(c, 'a', 1, false, nodes, RETRY_INTERVAL);
    expect(c.suspect).toBe('S1');
    expect(retry.send?.to).toBe('S2');
    // S2 redirects to the suspect: not followed; the next node is tried after a short pause.
    const after = onRedirect(
      c,
      { type: 'ClientRedirect', from: 'S2', to: 'client', term: 1, id: 'a', leaderHint: 'S1' },
      nodes,
      600,
    );
    expect(after.send).toBeUndefined();
    expect(c.leaderGuess).toBe('S3');
  });
});
