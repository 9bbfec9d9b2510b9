/**
 * The caption describes the servers at the moment shown: a crashed leader is never named as
 * leader, and two leaders of different terms are both told.
 */
import { describe, expect, it } from 'vitest';
import { describeMoment, listOf, type CaptionNode } from './caption';

const IDS = ['S1', 'S2', 'S3', 'S4', 'S5'];

function cluster(...changes: Partial<CaptionNode & { id: string }>[]): Record<string, CaptionNode> {
  const out: Record<string, CaptionNode> = Object.create(null) as Record<string, CaptionNode>;
  for (const id of IDS) out[id] = { id, up: true, role: 'follower', term: 4, commitIndex: 0 };
  for (const c of changes) out[c.id!] = { ...out[c.id!]!, ...c };
  return out;
}

describe('the caption', () => {
  it('names the leader that is up, with its term, and nothing more when nothing else is to say', () => {
    expect(describeMoment(IDS, cluster({ id: 'S3', role: 'leader' }))).toBe('S3 is leader in term 4');
  });

  it('never names a crashed leader as leader (Figure 8: S1 crashes, S5 returns)', () => {
    const nodes = cluster({ id: 'S1', role: 'leader', up: false }, { id: 'S5', term: 3 });
    expect(describeMoment(IDS, nodes)).toBe('No leader; S1 crashed');
  });

  it('tells the candidates, crashed servers and how far the log is committed', () => {
    const nodes = cluster(
      { id: 'S1', up: false, commitIndex: 3 },
      { id: 'S2', role: 'candidate', term: 5, commitIndex: 1 },
      { id: 'S4', role: 'candidate', term: 6 },
      { id: 'S5', up: false },
    );
    expect(describeMoment(IDS, nodes)).toBe(
      'No leader; S2 and S4 are candidates in terms 5 and 6; S1 and S5 crashed; entry 1 committed',
    );
  });

  it('puts the leader of the latest term first; an older one still believes it leads', () => {
    const nodes = cluster(
      { id: 'S1', role: 'leader', term: 1, commitIndex: 1 },
      { id: 'S3', role: 'leader', term: 2, commitIndex: 3 },
    );
    expect(describeMoment(IDS, nodes)).toBe(
      'S3 is leader in term 2; S1 still believes it leads term 1; entries 1 to 3 committed',
    );
  });

  it('says nothing of servers it has not heard of yet', () => {
    expect(describeMoment(IDS, Object.create(null) as Record<string, CaptionNode>)).toBe('');
  });

  it('lists names as a sentence does', () => {
    expect([listOf([]), listOf(['a']), listOf(['a', 'b']), listOf(['a', 'b', 'c'])]).toEqual([
      '',
      'a',
      'a and b',
      'a, b and c',
    ]);
  });
});

describe('the caption with the elections beyond Figure 2', () => {
  it('tells who asks for pre-votes, keeping their terms, with a leader or without', () => {
    expect(describeMoment(IDS, cluster({ id: 'S2', role: 'precandidate', term: 3 }))).toBe(
      'No leader; S2 is a pre-candidate in term 3',
    );
    const rejoining = cluster({ id: 'S1', role: 'leader' }, { id: 'S5', role: 'precandidate', term: 2 });
    expect(describeMoment(IDS, rejoining)).toBe('S1 is leader in term 4; S5 is a pre-candidate in term 2');
    const both = cluster({ id: 'S2', role: 'candidate', term: 5 }, { id: 'S3', role: 'precandidate' });
    expect(describeMoment(IDS, both)).toBe('No leader; S2 is a candidate in term 5; S3 is a pre-candidate in term 4');
  });

  it('tells a leadership transfer in progress', () => {
    const nodes = cluster({ id: 'S1', role: 'leader', transferTo: 'S3' });
    expect(describeMoment(IDS, nodes)).toBe('S1 is leader in term 4, handing leadership to S3');
  });
});
