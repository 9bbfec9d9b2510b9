/**
 * A message that meets a partition or cut on its way is lost, even when the network heals
 * before it would arrive, and the world says so while it flies (its `lost` reason).
 */
import { describe, expect, it } from 'vitest';
import { scenarioOf, type Step } from '../scenario/scenario';
import { World, type InFlight, type Processed } from './world';

/** Three servers, every message 40 ms on the wire; S1 asks for votes at 0 ms, after the steps `first`. */
function world(steps: Step[], first: Step[] = []): World {
  return new World(
    scenarioOf({
      nodes: ['S1', 'S2', 'S3'],
      timing: { electionTimeout: [150, 300], heartbeatInterval: 50, latency: [40, 40] },
      steps: [...first, { at: 0, do: 'timeout', node: 'S1' }, ...steps],
    }),
  );
}

const voteTo = (w: World, to: string): InFlight | undefined =>
  w.inFlight().find((m) => m.msg.type === 'RequestVote' && m.msg.to === to);

/** What became of S1's RequestVote to each server: "deliver" or "drop (reason)". */
function fates(w: World, until: number): Map<string, string> {
  const out = new Map<string, string>();
  w.runUntil(until, (p: Processed) => {
    const e = p.event;
    if ((e.kind === 'deliver' || e.kind === 'drop') && e.msg.type === 'RequestVote' && e.from === 'S1')
      out.set(e.to, e.kind === 'drop' ? `drop (${e.reason})` : 'deliver');
  });
  return out;
}

describe('a message that meets a break on its way', () => {
  it('is lost when a cut begins while it flies, though the cut is healed before it arrives', () => {
    const w = world([
      { at: 10, do: 'cut', from: 'S1', to: 'S2' },
      { at: 20, do: 'heal' },
    ]);
    w.runUntil(5);
    expect(voteTo(w, 'S2')?.lost).toBeNull();
    w.runUntil(15);
    expect(voteTo(w, 'S2')?.lost).toBe('cut');
    expect(voteTo(w, 'S3')?.lost).toBeNull();
    w.runUntil(25);
    // Healed, and still lost: it met the cut on its way.
    expect(voteTo(w, 'S2')?.lost).toBe('cut');
    expect(fates(w, 60)).toEqual(
      new Map([
        ['S2', 'drop (cut)'],
        ['S3', 'deliver'],
      ]),
    );
  });

  it('is lost when sent across a partition that heals before it would arrive', () => {
    const w = world([{ at: 5, do: 'heal' }], [{ at: 0, do: 'partition', groups: [['S1', 'S3'], ['S2']] }]);
    w.runUntil(10);
    expect(voteTo(w, 'S2')?.lost).toBe('partition');
    expect(fates(w, 60)).toEqual(
      new Map([
        ['S2', 'drop (partition)'],
        ['S3', 'deliver'],
      ]),
    );
  });

  it('is lost when held while a partition begins, and Deliver now cannot save it', () => {
    const w = world(
      [
        { at: 10, do: 'partition', groups: [['S1', 'S2'], ['S3']] },
        { at: 20, do: 'heal' },
      ],
      [{ at: 0, do: 'hold', on: true }],
    );
    w.runUntil(30);
    const held = voteTo(w, 'S3')!;
    expect(held).toMatchObject({ held: true, lost: 'partition' });
    expect(voteTo(w, 'S2')).toMatchObject({ held: true, lost: null });
    expect(w.apply({ at: 0, do: 'deliverNow', msgId: held.msgId }).event).toMatchObject({
      kind: 'drop',
      reason: 'partition',
    });
  });

  it('a person’s duplicate is lost if a break lies between its ends when it is made, not otherwise', () => {
    const w = world([{ at: 10, do: 'partition', groups: [['S1', 'S3'], ['S2']] }]);
    w.runUntil(15);
    const lost = voteTo(w, 'S2')!;
    const kept = voteTo(w, 'S3')!;
    w.apply({ at: 0, do: 'duplicate', msgId: lost.msgId });
    w.apply({ at: 0, do: 'duplicate', msgId: kept.msgId });
    const copies = (msgId: number) => w.inFlight().filter((m) => m.msgId === msgId);
    expect(copies(lost.msgId).map((m) => m.lost)).toEqual(['partition', 'partition']);
    expect(copies(kept.msgId).map((m) => m.lost)).toEqual([null, null]);
    // After the heal a new copy of the lost message is sent on a whole network.
    w.apply({ at: 0, do: 'heal' });
    w.apply({ at: 0, do: 'duplicate', msgId: lost.msgId });
    expect(copies(lost.msgId).map((m) => m.lost)).toEqual(['partition', 'partition', null]);
  });

  it('meeting a break keeps each copy’s place in the agenda: copies due at the same instant keep their order', () => {
    // Both votes leave at 0 ms and are due at 40 ms: S2's was sent first and comes first.
    const arrivals = (steps: Step[]) => {
      const w = world(steps);
      const out: string[] = [];
      w.runUntil(60, (p) => {
        if (p.event.kind === 'deliver' || p.event.kind === 'drop') out.push(`${p.t} ${p.event.kind} ${p.event.to}`);
      });
      return out;
    };
    expect(arrivals([])).toEqual(['40 deliver S2', '40 deliver S3']);
    expect(arrivals([{ at: 10, do: 'cut', from: 'S1', to: 'S2' }])).toEqual(['40 drop S2', '40 deliver S3']);
  });
});
