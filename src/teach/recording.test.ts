/**
 * A recorded session is a scenario file that replays it event for event, including actions
 * made right after a Step (between events of one instant) and before a scenario's own steps.
 */
import { describe, expect, it } from 'vitest';
import { fuzzScenario } from '../sim/headless/fuzz';
import { History } from '../debug/history';
import { recordSession } from './recording';
import { builtInScenario } from '../sim/scenario/builtIn';
import { liveSession } from '../../test-support/sessionTestSupport';
import { validateScenario } from '../sim/scenario/validateScenario';
import { scenarioToJson } from '../share/session';

describe('recording a session as a scenario file', () => {
  it('replays random sessions exactly, and is a valid scenario file', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const until = 2500;
      const base = fuzzScenario(seed, until);
      const { history } = liveSession(seed, until, new History(base));
      const to = { seq: history.branch.headSeq, t: history.branch.headT };
      const { scenario, divergesAt } = recordSession(history, base, { seq: 0, t: 0 }, to);
      expect(divergesAt, `seed ${seed}`).toBeNull();
      const file = validateScenario(JSON.parse(JSON.stringify(scenarioToJson(scenario))));
      expect(file.ok).toBe(true);
      expect(scenario.narration.length).toBe(history.branch.inputs.length + 2);
    }
  });

  it('puts an input among its instant’s scenario steps where it was made', () => {
    const base = builtInScenario('split-vote')!;
    const h = new History(base);
    h.act({ at: 0, do: 'crash', node: 'S1' });
    h.step();
    h.act({ at: 0, do: 'restart', node: 'S1' });
    h.run(500);
    const { scenario, divergesAt } = recordSession(h, base, { seq: 0, t: 0 }, h.position);
    expect(divergesAt).toBeNull();
    expect(scenario.steps.slice(0, 3)).toEqual([
      { at: 0, do: 'crash', node: 'S1' },
      { at: 0, do: 'timeout', node: 'S1' },
      { at: 0, do: 'restart', node: 'S1' },
    ]);
  });

  it('narrates only what was done after recording started', () => {
    const base = builtInScenario('basic-election')!;
    const h = new History(base);
    h.run(300);
    h.act({ at: 300, do: 'crash', node: 'S2' });
    const from = h.position;
    h.run(600);
    h.act({ at: 600, do: 'restart', node: 'S2' });
    h.run(900);
    const { scenario } = recordSession(h, base, from, h.position);
    expect(scenario.narration.map((s) => s.title)).toEqual([
      'The start',
      'Action 1: restart S2',
      'The end of the recording',
    ]);
    expect(scenario.steps.filter((s) => s.do === 'crash' || s.do === 'restart').length).toBe(2);
  });
});
