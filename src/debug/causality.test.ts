/**
 * The "why" chains, on small hand-written histories of a five-node cluster (S1–S5).
 *
 * Term 2, leader S1: the client's write w3 (x=3) goes to S2 first and is redirected, then
 * reaches S1, which appends it at index 3 and replicates it. The AppendEntries to S4 is
 * lost, and the one to S3 is duplicated. S2 and S3 acknowledge, S1 commits, and a
 * heartbeat tells S2 of the commit; S4 gets the entry and the commit on a retry.
 *
 * Term 3: S2 wins an election with the votes of S3 and S4 and appends a no-op at index 4.
 */
import { describe, expect, it } from 'vitest';
import type { LaneMark, MessageDetail, MessageTrack } from './trackTypes';
import { explainEntry, explainVote } from './causality';

let msgIds = 0;

function track(
  key: string,
  type: string,
  from: string,
  to: string,
  [sentAt, endAt]: [number, number],
  detail: MessageDetail,
  more: Partial<MessageTrack> = {},
): MessageTrack {
  const term = type.startsWith('Client') && from === 'client' ? 0 : (more.term ?? 2);
  return {
    key,
    msgId: ++msgIds,
    type,
    variant: 'append',
    from,
    to,
    term,
    sentAt,
    endAt,
    outcome: 'delivered',
    dropReason: null,
    summary: type,
    detail,
    ...more,
  };
}

function mark(node: string, kind: LaneMark['kind'], t: number, term: number, more: Partial<LaneMark> = {}): LaneMark {
  return { t, seq: t, node, kind, term, label: kind, ...more };
}

const w3 = { term: 2, id: 'w3' };
const lostAe = track(
  'ae-S4',
  'AppendEntries',
  'S1',
  'S4',
  [1030, 1045],
  { prevLogIndex: 2, entries: [w3], leaderCommit: 2 },
  {
    outcome: 'dropped',
    dropReason: 'loss',
  },
);
const firstAeS3 = track('ae-S3', 'AppendEntries', 'S1', 'S3', [1030, 1042], {
  prevLogIndex: 2,
  entries: [w3],
  leaderCommit: 2,
});
const write: MessageTrack[] = [
  track('ask-S2', 'ClientRequest', 'client', 'S2', [1000, 1010], { writeId: 'w3' }, { summary: 'write w3 (x=3)' }),
  track(
    'redirect',
    'ClientRedirect',
    'S2',
    'client',
    [1010, 1020],
    { writeId: 'w3' },
    { summary: 'redirect w3: try S1' },
  ),
  track('ask-S1', 'ClientRequest', 'client', 'S1', [1020, 1030], { writeId: 'w3' }, { summary: 'write w3 (x=3)' }),
  track('ae-S2', 'AppendEntries', 'S1', 'S2', [1030, 1040], { prevLogIndex: 2, entries: [w3], leaderCommit: 2 }),
  // The duplicate copy arrives later but is listed first: only the first delivery counts.
  { ...firstAeS3, key: 'ae-S3-copy', endAt: 1048 },
  firstAeS3,
  lostAe,
  track('ae-S5', 'AppendEntries', 'S1', 'S5', [1030, 1060], { prevLogIndex: 2, entries: [w3], leaderCommit: 2 }),
  track('ack-S2', 'AppendEntriesReply', 'S2', 'S1', [1040, 1050], { success: true, matchIndex: 3, prevLogIndex: 2 }),
  track('ack-S3', 'AppendEntriesReply', 'S3', 'S1', [1042, 1052], { success: true, matchIndex: 3, prevLogIndex: 2 }),
  track('ack-S3-copy', 'AppendEntriesReply', 'S3', 'S1', [1048, 1058], {
    success: true,
    matchIndex: 3,
    prevLogIndex: 2,
  }),
  track('reply', 'ClientReply', 'S1', 'client', [1052, 1062], { writeId: 'w3', index: 3 }),
  track('ack-S5', 'AppendEntriesReply', 'S5', 'S1', [1060, 1070], { success: true, matchIndex: 3, prevLogIndex: 2 }),
  track('hb-S2', 'AppendEntries', 'S1', 'S2', [1080, 1090], { prevLogIndex: 3, entries: [], leaderCommit: 3 }),
  track('hb-S4', 'AppendEntries', 'S1', 'S4', [1080, 1090], { prevLogIndex: 3, entries: [], leaderCommit: 3 }),
  track('nack-S4', 'AppendEntriesReply', 'S4', 'S1', [1090, 1100], { success: false, matchIndex: 0, prevLogIndex: 3 }),
  track('retry-S4', 'AppendEntries', 'S1', 'S4', [1100, 1110], { prevLogIndex: 2, entries: [w3], leaderCommit: 3 }),
];
const writeMarks: LaneMark[] = [
  mark('S1', 'leader', 100, 2),
  mark('S1', 'append', 1030, 2, { index: 3, writeId: 'w3' }),
  mark('S1', 'commit', 1052, 2, { index: 3 }),
  mark('S2', 'commit', 1090, 2, { index: 3 }),
  mark('S4', 'commit', 1110, 2, { index: 3 }),
];
const entry = { index: 3, term: 2, writeId: 'w3', now: 2000, committed: true };

describe('explainEntry', () => {
  it('a write at the leader: request, redirect, append, replication, majority, commit, reply', () => {
    const why = explainEntry(write, writeMarks, { ...entry, node: 'S1' });
    expect(why.steps).toEqual([
      't=1000: the client sent w3 (x=3) to S2, arriving at t=1010.',
      't=1010: S2 redirected the client (try S1), arriving at t=1020.',
      't=1020: the client sent w3 (x=3) to S1, arriving at t=1030.',
      't=1030: S1, leader of term 2, appended w3 (x=3) to its log at index 3.',
      't=1030: S1 sent S2 AppendEntries of term 2 carrying index 3 (leader commit 2), arriving at t=1040.',
      't=1030: S1 sent S3 AppendEntries of term 2 carrying index 3 (leader commit 2), arriving at t=1042.',
      't=1030: S1 sent S5 AppendEntries of term 2 carrying index 3 (leader commit 2), arriving at t=1060.',
      't=1040: S2 told S1 its log matches through index 3, arriving at t=1050.',
      't=1042: S3 told S1 its log matches through index 3, arriving at t=1052.',
      't=1052: S1 committed through index 3: S1, S2 and S3 hold it, a majority of 5.',
      't=1052: S1 told the client that w3 (x=3) is committed at index 3, arriving at t=1062.',
      't=1100: S1 sent S4 AppendEntries of term 2 carrying index 3 (leader commit 3), arriving at t=1110.',
    ]);
    expect(why.marks).toEqual([writeMarks[1], writeMarks[2]]);
    expect(why.marks[0]).toBe(writeMarks[1]);
    expect(why.nodes).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
  });

  it('a follower learns of the commit from a later leaderCommit', () => {
    const why = explainEntry(write, writeMarks, { ...entry, node: 'S2' });
    expect(why.steps.slice(-3)).toEqual([
      't=1052: S1 told the client that w3 (x=3) is committed at index 3, arriving at t=1062.',
      't=1080: S1 sent S2 AppendEntries of term 2 with leader commit 3, arriving at t=1090.',
      "t=1090: S2's commit index rose to 3, so index 3 is committed there.",
    ]);
    expect(why.tracks).toContain('hb-S2');
    expect(why.marks).toContain(writeMarks[3]);
    expect(why.tracks).not.toContain('ae-S5'); // S5 was not part of the majority
  });

  it('a dropped AppendEntries is not part of the chain: the retry that arrived is', () => {
    const why = explainEntry(write, writeMarks, { ...entry, node: 'S4' });
    expect(why.tracks).not.toContain('ae-S4');
    expect(why.tracks).toContain('retry-S4');
    expect(why.tracks).not.toContain('hb-S4'); // it was refused
    expect(why.steps.at(-1)).toBe("t=1110: S4's commit index rose to 3, so index 3 is committed there.");
  });

  it('a duplicated message counts from its first delivery', () => {
    const why = explainEntry(write, writeMarks, { ...entry, node: 'S3', committed: false });
    expect(why.tracks).toContain('ae-S3');
    expect(why.tracks).not.toContain('ae-S3-copy');
  });

  it('leaves out what happened after now', () => {
    const why = explainEntry(write, writeMarks, { ...entry, node: 'S1', now: 1045, committed: false });
    expect([...why.tracks]).toEqual(['ask-S2', 'redirect', 'ask-S1', 'ae-S2', 'ae-S3']);
    expect(why.marks).toEqual([writeMarks[1]]);
    const committed = explainEntry(write, writeMarks, { ...entry, node: 'S1', now: 1055 });
    expect(committed.steps.at(-1)).toBe(
      't=1052: S1 committed through index 3: S1, S2 and S3 hold it, a majority of 5.',
    );
    expect(committed.tracks).not.toContain('reply'); // still on its way to the client
  });

  it('says plainly what a trimmed window leaves out, and invents nothing', () => {
    const recent = write.filter((t) => t.sentAt >= 1035);
    const why = explainEntry(
      recent,
      writeMarks.filter((m) => m.t >= 1035),
      { ...entry, node: 'S2' },
    );
    expect(why.steps).toEqual([
      't=1040: S2 told S1 its log matches through index 3, arriving at t=1050.',
      't=1042: S3 told S1 its log matches through index 3, arriving at t=1052.',
      't=1052: S1 committed through index 3: S1, S2 and S3 hold it, a majority of 5.',
      't=1052: S1 told the client that w3 is committed at index 3, arriving at t=1062.',
      't=1080: S1 sent S2 AppendEntries of term 2 with leader commit 3, arriving at t=1090.',
      "t=1090: S2's commit index rose to 3, so index 3 is committed there.",
      'Earlier history is not in the recorded window (it starts at t=1040), so this chain leaves out ' +
        "the client's request w3, S1 appending w3 at index 3 and how S2 got index 3.",
    ]);
  });
});

const election: MessageTrack[] = [
  ...['S1', 'S3', 'S4', 'S5'].map((to, i) =>
    track(`rv-${to}`, 'RequestVote', 'S2', to, [3000, 3010 + i], { lastLogIndex: 3, lastLogTerm: 2 }, { term: 3 }),
  ),
  track('grant-S3', 'RequestVoteReply', 'S3', 'S2', [3011, 3020], { voteGranted: true }, { term: 3 }),
  track('grant-S4', 'RequestVoteReply', 'S4', 'S2', [3012, 3022], { voteGranted: true }, { term: 3 }),
  track('deny-S5', 'RequestVoteReply', 'S5', 'S2', [3013, 3023], { voteGranted: false }, { term: 3 }),
  track('grant-S1', 'RequestVoteReply', 'S1', 'S2', [3010, 3040], { voteGranted: true }, { term: 3 }),
  ...['S1', 'S3', 'S4', 'S5'].map((to) =>
    track(
      `noop-${to}`,
      'AppendEntries',
      'S2',
      to,
      [3022, 3030],
      {
        prevLogIndex: 3,
        entries: [{ term: 3, id: null }],
        leaderCommit: 3,
      },
      { term: 3 },
    ),
  ),
  track('ok-S3', 'AppendEntriesReply', 'S3', 'S2', [3030, 3035], { success: true, matchIndex: 4 }, { term: 3 }),
  track('ok-S4', 'AppendEntriesReply', 'S4', 'S2', [3030, 3036], { success: true, matchIndex: 4 }, { term: 3 }),
];
const electionMarks: LaneMark[] = [
  mark('S2', 'candidate', 3000, 3),
  mark('S2', 'leader', 3022, 3),
  mark('S2', 'commit', 3036, 3, { index: 4 }),
];

describe('explainEntry, no-op', () => {
  it('a new leader’s no-op has no client in its chain', () => {
    const why = explainEntry(election, electionMarks, {
      node: 'S2',
      index: 4,
      term: 3,
      writeId: null,
      now: 4000,
      committed: true,
    });
    expect(why.steps[0]).toBe('t=3022: S2 became leader of term 3 and appended a no-op at index 4.');
    expect(why.steps.at(-1)).toBe('t=3036: S2 committed through index 4: S2, S3 and S4 hold it, a majority of 5.');
    expect(why.nodes).not.toContain('client');
    expect(why.steps.join(' ')).not.toContain('client');
  });
});

describe('explainVote', () => {
  it('a vote, and the majority that won the election', () => {
    const why = explainVote(election, electionMarks, { voter: 'S3', candidate: 'S2', term: 3, now: 4000 });
    expect(why.steps).toEqual([
      "t=3000: S2's election timer ran out: it became a candidate for term 3 and voted for itself.",
      't=3000: S2 asked S3 for its vote in term 3, its log ending at index 3 of term 2, arriving at t=3011.',
      't=3011: S3 granted its vote to S2, arriving at t=3020.',
      't=3012: S4 granted its vote to S2, arriving at t=3022.',
      't=3022: with votes from S2, S3 and S4, a majority of 5, S2 became leader of term 3.',
    ]);
    expect(why.tracks).not.toContain('grant-S1'); // it came after the win
    expect(why.marks).toEqual(electionMarks.slice(0, 2));
  });

  it('a vote before the candidate had won', () => {
    const why = explainVote(election, electionMarks, { voter: 'S3', candidate: 'S2', term: 3, now: 3015 });
    expect(why.steps.at(-1)).toBe('t=3011: S3 granted its vote to S2, and it is still on its way.');
    expect(why.marks).toEqual([electionMarks[0]]);
  });

  it('a candidate votes for itself when its election timer runs out', () => {
    const why = explainVote(election, electionMarks, { voter: 'S2', candidate: 'S2', term: 3, now: 4000 });
    expect(why.steps[0]).toBe(
      "t=3000: S2's election timer ran out: it became a candidate for term 3 and voted for itself.",
    );
    expect([...why.tracks]).toEqual(['grant-S3', 'grant-S4']);
  });
});
