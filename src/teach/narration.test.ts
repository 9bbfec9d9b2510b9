/**
 * Every built-in scenario narrates end to end: each step's moment comes, later than the one
 * before, and what the step claims (its `expect`) holds there.
 */
import { describe, expect, it } from 'vitest';
import { History } from '../debug/history';
import { NarrationPlan } from './narration';
import { BUILT_IN_SCENARIOS } from '../sim/scenario/builtIn';
import { validateScenario } from '../sim/scenario/validateScenario';

describe('narration of the built-in scenarios', () => {
  for (const { scenario } of BUILT_IN_SCENARIOS) {
    const steps = scenario.narration;
    if (steps.length === 0) continue;
    it(`${scenario.name}: every step's moment comes in order and keeps its promise`, () => {
      const plan = new NarrationPlan(steps, scenario.nodes);
      const h = new History(scenario, { seed: scenario.seed });
      let last = { seq: -1, t: -1 };
      steps.forEach((step, i) => {
        const m = plan.momentOf(i, h);
        expect(m, `step ${i} "${step.title}" never comes`).not.toBeNull();
        expect(m!.seq >= last.seq && m!.t >= last.t, `step ${i} comes before step ${i - 1}`).toBe(true);
        h.seekSeq(m!.seq, m!.t);
        expect(plan.keepsPromise(i, h), `step ${i} "${step.title}": ${step.expect}`).toBe(true);
        last = m!;
      });
    });
  }
});

describe('narration validation', () => {
  const base = { steps: [] };
  it('names the exact place of each problem', () => {
    const result = validateScenario({
      ...base,
      narration: [
        { title: 'a', text: 'b', at: 0, when: 'leaders == 1' },
        { title: 'a', text: 'b', when: 'S9.term > 1' },
        { title: 'a', text: 'b', at: 5, ask: { question: 'q', choices: ['x', 'y'], answer: 'z' } },
        { title: '', text: 'b', at: 5, highlight: { nodes: ['S7'], messages: [{ type: 'Vote' }] } },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'narration[0]: give exactly one of at (a time) or when',
      expect.stringMatching(/^narration\[1\]\.when: .*S9/),
      'narration[2].ask.answer: must be one of the choices, got "z"',
      'narration[3].title: expected some words, got a string',
      'narration[3].highlight.nodes[0]: unknown node "S7" (nodes are S1, S2, S3, S4, S5)',
      expect.stringMatching(/^narration\[3\]\.highlight\.messages\[0\]\.type: expected one of RequestVote/),
    ]);
  });

  it('accepts a scenario without narration as an empty one', () => {
    const result = validateScenario(base);
    expect(result.ok && result.value.narration).toEqual([]);
  });
});

describe('the built-in narrations as a set', () => {
  it('narrate every built-in scenario in at least 5 steps, with at least 10 predictions whose answer is a choice', () => {
    for (const { scenario } of BUILT_IN_SCENARIOS)
      expect(scenario.narration.length, `${scenario.name}: narration steps`).toBeGreaterThanOrEqual(5);
    const asks = BUILT_IN_SCENARIOS.flatMap(({ scenario }) =>
      scenario.narration.flatMap((s) => (s.ask ? [s.ask] : [])),
    );
    expect(asks.filter((a) => a.choices.includes(a.answer)).length).toBeGreaterThanOrEqual(10);
  });
});
