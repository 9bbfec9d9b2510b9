import { describe, expect, it } from 'vitest';
import { handingTo, heardByLeader, type LeadNode } from './roleWords';

const node = (id: string, over: Partial<LeadNode> = {}): LeadNode => ({
  id,
  up: true,
  role: 'follower',
  term: 2,
  quorumContact: null,
  transferTo: null,
  ...over,
});

describe('what a server is told about the leader', () => {
  const ids = ['S1', 'S2', 'S3'];

  it('the target of a transfer is taking over from the leader, unless it is down', () => {
    const nodes = { S1: node('S1', { role: 'leader', transferTo: 'S3' }), S2: node('S2'), S3: node('S3') };
    expect(handingTo('S3', ids, nodes)).toBe('S1');
    expect(handingTo('S2', ids, nodes)).toBeNull();
    expect(handingTo('S3', ids, { ...nodes, S3: node('S3', { up: false }) })).toBeNull();
    expect(
      handingTo('S3', ids, { ...nodes, S1: node('S1', { role: 'leader', transferTo: 'S3', up: false }) }),
    ).toBeNull();
  });

  it('with CheckQuorum, whether the leader heard from a follower; null without a leader that checks', () => {
    const nodes = { S1: node('S1', { role: 'leader', quorumContact: ['S1', 'S2'] }), S2: node('S2'), S3: node('S3') };
    expect(heardByLeader('S2', ids, nodes)).toBe(true);
    expect(heardByLeader('S3', ids, nodes)).toBe(false);
    expect(heardByLeader('S1', ids, nodes)).toBeNull();
    expect(heardByLeader('S2', ids, { ...nodes, S1: node('S1', { role: 'leader' }) })).toBeNull();
  });
});
