import { describe, expect, it } from 'vitest';
import type { NarrationStep } from '../../sim/scenario/scenario';
import { backMove, matchesMessage, nextMove, spotlightOf } from './narrationFlow';

const none = { nodes: [], entries: [], messages: [] };
const plain = (title: string): NarrationStep => ({ title, text: title, at: 0, highlight: { ...none, nodes: [title] } });
const asking = (title: string): NarrationStep => ({
  ...plain(title),
  ask: { question: '?', choices: ['a', 'b'], answer: 'a' },
});
const steps = [plain('A'), asking('B'), plain('C')];

describe('narration flow', () => {
  it('walks forward: a question first stays put, then Next reveals it at its moment', () => {
    let at = { index: -1, revealed: false };
    const moves: (number | null)[] = [];
    for (let m = nextMove(steps, at); m !== null; m = nextMove(steps, at)) {
      moves.push(m.goTo);
      at = m.place;
    }
    expect(moves).toEqual([0, null, 1, 2]);
    expect(at).toEqual({ index: 2, revealed: true });
  });

  it('walks back the same way, to the start', () => {
    let at = { index: 2, revealed: true };
    const moves: (number | null)[] = [];
    for (let m = backMove(steps, at); m !== null; m = backMove(steps, at)) {
      moves.push(m.goTo);
      at = m.place;
    }
    expect(moves).toEqual([1, 0, 0, -1]);
    expect(at).toEqual({ index: -1, revealed: false });
  });

  it('highlights nothing while a question waits', () => {
    expect(spotlightOf(steps, { index: 1, revealed: false })).toBeNull();
    expect(spotlightOf(steps, { index: 1, revealed: true })?.nodes).toEqual(['B']);
    expect(spotlightOf(steps, { index: -1, revealed: false })).toBeNull();
  });

  it('matches messages on the fields given', () => {
    const m = { from: 'S1', to: 'S2', type: 'RequestVote' };
    expect(matchesMessage({ from: 'S1' }, m)).toBe(true);
    expect(matchesMessage({ from: 'S1', type: 'AppendEntries' }, m)).toBe(false);
    expect(matchesMessage({}, m)).toBe(true);
  });
});
