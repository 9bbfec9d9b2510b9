import { describe, expect, it } from 'vitest';
import { dict } from '../../util/dict';
import { messageAt, messageSteps, MOTION_STEPS, timerFractions, type PaintScene } from './livePaint';
import { ringPositions } from './palette';

const pos = ringPositions(['S1', 'S2', 'S3']);
const flight = { from: 'S1', to: 'S2', sentAt: 100, arriveAt: 400 };
const key = (p: { x: number; y: number }) => `${p.x.toFixed(3)},${p.y.toFixed(3)}`;

function scene(still: boolean, deadline: number | null): PaintScene {
  const nodes: PaintScene['nodes'] = dict([['S1', { role: 'follower' as const, deadline }]]);
  return {
    ids: ['S1'],
    nodes,
    messages: [{ ...flight, msgId: 1, variant: 'heartbeat', glyph: '♥', lost: false, spotlit: false }],
    electionTimeout: [150, 400],
    heartbeatInterval: 50,
    selectedMsgId: null,
    still,
  };
}

describe('messages with reduced motion', () => {
  const times = Array.from({ length: 301 }, (_, i) => 100 + i);

  it(`are drawn at exactly ${MOTION_STEPS} places along their flight, in order, and nowhere else`, () => {
    const places = [...new Set(times.map((t) => key(messageAt(pos, flight, t, true))))];
    expect(places).toHaveLength(MOTION_STEPS);
    // Each place is nearer the receiver than the one before.
    const to = pos.S2!;
    const distances = places.map((p) => {
      const [x, y] = p.split(',').map(Number);
      return Math.hypot(to.x - x!, to.y - y!);
    });
    expect([...distances].sort((a, b) => b - a)).toEqual(distances);
  });

  it('glide otherwise: every millisecond a new place', () => {
    expect(new Set(times.map((t) => key(messageAt(pos, flight, t, false)))).size).toBe(times.length);
  });

  it('change what is drawn only at a step', () => {
    const s = scene(true, null);
    const steps = times.map((t) => messageSteps(s, t));
    expect(new Set(steps)).toEqual(new Set(['0', '1', '2']));
    expect(messageSteps(scene(false, null), 200)).toBeNull();
  });

  it('keep a held message in the middle of its link, as without reduced motion', () => {
    const held = { ...flight, arriveAt: Infinity };
    expect(key(messageAt(pos, held, 250, true))).toBe(key(messageAt(pos, held, 250, false)));
  });
});

describe('message lanes', () => {
  it('put the two directions of a link on opposite sides of it', () => {
    const there = messageAt(pos, flight, 250, false);
    const back = messageAt(pos, { ...flight, from: 'S2', to: 'S1' }, 250, false);
    const a = pos.S1!;
    const b = pos.S2!;
    const side = (p: { x: number; y: number }) => Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
    expect(side(there)).not.toBe(0);
    expect(side(back)).toBe(-side(there));
  });
});

describe('timer rings', () => {
  it('empty in quarters with reduced motion, and are empty only once the timer fired', () => {
    const s = scene(true, 500);
    const levels = Array.from({ length: 401 }, (_, i) => timerFractions(s, 100 + i)[0]!);
    expect([...new Set(levels)]).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(timerFractions(s, 499.9)[0]).toBe(0.25);
    expect(timerFractions(s, 500)[0]).toBe(0);
  });

  it('drain continuously otherwise', () => {
    const s = scene(false, 500);
    const levels = Array.from({ length: 401 }, (_, i) => timerFractions(s, 100 + i)[0]!);
    expect(new Set(levels).size).toBe(levels.length);
  });
});
