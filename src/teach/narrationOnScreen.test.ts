/**
 * A narration step never points at messages that are not on screen at its moment: every
 * message its highlight names (by sender, receiver and type) is in flight there, for every
 * step of every built-in scenario. The page draws exactly the messages in flight.
 */
import { describe, expect, it } from 'vitest';
import { History } from '../debug/history';
import { NarrationPlan } from './narration';
import { BUILT_IN_SCENARIOS } from '../sim/scenario/builtIn';
import type { MessageMatch } from '../sim/scenario/scenario';
import type { InFlight } from '../sim/core/world';

/** A highlight's match: every field it gives is the message's (narrationFlow.matchesMessage on the page). */
const matches = (match: MessageMatch, m: InFlight) =>
  (match.from === undefined || match.from === m.msg.from) &&
  (match.to === undefined || match.to === m.msg.to) &&
  (match.type === undefined || match.type === m.msg.type);

const words = (match: MessageMatch) =>
  `${match.type ?? 'any message'}${match.from ? ` from ${match.from}` : ''}${match.to ? ` to ${match.to}` : ''}`;

describe('the built-in narrations point only at messages on screen', () => {
  for (const { scenario } of BUILT_IN_SCENARIOS) {
    if (scenario.narration.length === 0) continue;
    it(`${scenario.name}: every message a step highlights is in flight at its moment`, () => {
      const plan = new NarrationPlan(scenario.narration, scenario.nodes);
      const h = new History(scenario, { seed: scenario.seed });
      const missing: string[] = [];
      scenario.narration.forEach((step, i) => {
        const m = plan.momentOf(i, h);
        if (m === null) return; // narration.test.ts fails on a step that never comes
        h.seekSeq(m.seq, m.t);
        const inFlight = h.world.inFlight();
        for (const match of step.highlight.messages)
          if (!inFlight.some((x) => matches(match, x)))
            missing.push(
              `step ${i} "${step.title}" at ${m.t.toFixed(1)} ms: no ${words(match)} in flight (${
                inFlight.map((x) => `${x.msg.type} ${x.msg.from}→${x.msg.to}`).join(', ') || 'none'
              })`,
            );
      });
      expect(missing).toEqual([]);
    });
  }
});
