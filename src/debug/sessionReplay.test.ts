/**
 * A shared session replays event for event: the scenario, the seed and a person's inputs
 * (with the event numbers they became) give the same trace to the head and the same world
 * at the moment; inputs that do not fit the run are refused with a sentence.
 */
import { describe, expect, it } from 'vitest';
import { fuzzScenario } from '../sim/headless/fuzz';
import { History } from './history';
import { Prng } from '../sim/core/prng';
import { scenarioOf } from '../sim/scenario/scenario';
import { replaySession, type SessionRun } from './sessionReplay';
import { difference, dump, liveSession } from '../../test-support/sessionTestSupport';
import { traceLine } from '../sim/core/trace';

/** The session a person would share: the current branch's inputs, its head, and a moment on it. */
function shared(history: History, seed: number, until: number, moment: { seq: number; t: number }): SessionRun {
  return {
    scenario: fuzzScenario(seed, until),
    seed: history.world.seed,
    inputs: history.branch.inputs.map((r) => ({ seq: r.seq, step: r.step })),
    head: { seq: history.branch.headSeq, t: history.branch.headT },
    moment,
  };
}

function traceTo(history: History, seq: number, t: number): string[] {
  const lines: string[] = [];
  history.seekSeq(0);
  history.run(
    t,
    (p) => lines.push(traceLine(p.t, p.seq, p.event, history.world)),
    (p) => p.seq >= seq,
  );
  return lines;
}

describe('sharing a session', () => {
  it('replays event for event, and lands on the same world at the moment', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const until = 2500;
      const { history, afterEvent } = liveSession(seed, until, new History(fuzzScenario(seed, until)));
      const rng = Prng.of(seed, 'moment');
      const seqs = [...afterEvent.keys()];
      const seq = rng.pick(seqs);
      history.seekSeq(seq);
      const run = shared(history, seed, until, { seq, t: history.world.now });
      const copy = replaySession(run);
      if (!copy.ok) throw new Error(copy.message);
      expect(copy.history.position).toEqual(run.moment);
      expect(difference(dump(copy.history.world), afterEvent.get(seq))).toBe('');
      expect(traceTo(copy.history, run.head.seq, run.head.t)).toEqual(traceTo(history, run.head.seq, run.head.t));
    }
  });

  it('refuses inputs moved off their events, a head the run does not reach, and a moment that is not one', () => {
    const until = 2000;
    const { history } = liveSession(7, until, new History(fuzzScenario(7, until)));
    const good = shared(history, 7, until, { seq: history.branch.headSeq, t: history.branch.headT });
    expect(good.inputs.length).toBeGreaterThan(3);
    expect(replaySession(good).ok).toBe(true);
    const cases: [string, SessionRun][] = [
      [
        'moved one event later',
        { ...good, inputs: good.inputs.map((r, i) => (i === 2 ? { ...r, seq: r.seq + 1 } : r)) },
      ],
      [
        'made at another time',
        {
          ...good,
          inputs: good.inputs.map((r, i) => (i === 1 ? { ...r, step: { ...r.step, at: r.step.at + 400 } } : r)),
        },
      ],
      ['a head one event further', { ...good, head: { ...good.head, seq: good.head.seq + 1 } }],
      ['a head time before its event', { ...good, head: { ...good.head, t: good.head.t - 400 } }],
      ['a moment between events', { ...good, moment: { seq: 3, t: good.head.t } }],
    ];
    for (const [what, run] of cases) {
      const result = replaySession(run);
      expect(result.ok, what).toBe(false);
      if (!result.ok) expect(result.message, what).toMatch(/^The session does not replay: .+\.$/);
    }
  });

  it('opens a scenario file whose steps start at t = 0 at its init moment, before those steps', () => {
    const scenario = scenarioOf({
      steps: [
        { at: 0, do: 'crash', node: 'S5' },
        { at: 0, do: 'timeout', node: 'S1' },
      ],
    });
    const start = { seq: 0, t: 0 };
    const r = replaySession({ scenario, seed: 1, inputs: [], head: start, moment: start });
    if (!r.ok) throw new Error(r.message);
    expect(r.history.world.seq).toBe(0);
    r.history.run(0);
    expect(r.history.world.seq).toBe(2);
    expect(r.history.world.nodeStates().map((n) => [n.id, n.up, n.role])).toContainEqual(['S5', false, 'follower']);
    const early = replaySession({
      scenario,
      seed: 1,
      inputs: [{ seq: 1, step: { at: 0, do: 'crash', node: 'S2' } }],
      head: start,
      moment: start,
    });
    expect(early.ok ? '' : early.message).toBe(
      'The session does not replay: inputs[0] (event 1) comes after the head, event 0 at t = 0 ms.',
    );
  });
});
