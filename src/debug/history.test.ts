import { describe, expect, it } from 'vitest';
import { builtInScenario } from '../sim/scenario/builtIn';
import { History } from './history';
import { Prng } from '../sim/core/prng';
import { difference, dump, liveSession } from '../../test-support/sessionTestSupport';

describe('history: any moment can be restored exactly', () => {
  it('seeking to an event gives the world exactly as it was after that event', () => {
    for (const seed of [1, 2, 3]) {
      const { history, afterEvent } = liveSession(seed, 3000);
      const rng = Prng.of(seed, 'seeks');
      const seqs = [...afterEvent.keys()];
      for (let i = 0; i < 40; i++) {
        const seq = rng.pick(seqs);
        history.seekSeq(seq);
        expect(history.world.seq).toBe(seq);
        expect(difference(dump(history.world), afterEvent.get(seq))).toBe('');
      }
    }
  });

  it('seeking to a time gives the world exactly as it was at that time', () => {
    for (const seed of [4, 5]) {
      const { history, atTime } = liveSession(seed, 3000);
      const rng = Prng.of(seed, 'seeks');
      const times = [...atTime.keys()];
      for (let i = 0; i < 40; i++) {
        const t = rng.pick(times);
        history.seekTime(t);
        expect(difference(dump(history.world), atTime.get(t))).toBe('');
      }
    }
  });

  it('Step then Step back returns to the identical state, on many seeds', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { history } = liveSession(seed, 1500);
      const rng = Prng.of(seed, 'steps');
      for (let i = 0; i < 8; i++) {
        history.seekTime(rng.between(0, 1500));
        const before = history.position;
        const was = dump(history.world);
        history.step();
        history.seekSeq(before.seq, before.t);
        expect(difference(dump(history.world), was)).toBe('');
      }
    }
  });
});

describe('history: branches', () => {
  it('acting in the past starts a branch; both branches replay event for event', () => {
    const first = liveSession(11, 2500);
    const history = first.history;
    const original = history.branch.id;
    history.seekTime(1200);
    const forkSeq = history.world.seq;
    // The new branch: a crash now, then a person's session on from there.
    const second = new Map<number, string>();
    history.act({ at: 0, do: 'crash', node: 'S2' }, () => second.set(history.world.seq, dump(history.world)));
    expect(history.branch.id).not.toBe(original);
    expect(history.branches).toHaveLength(2);
    const rest = liveSession(12, 2500, history);
    for (const [seq, d] of rest.afterEvent) second.set(seq, d);

    const rng = Prng.of(11, 'branches');
    const firstSeqs = [...first.afterEvent.keys()];
    const secondSeqs = [...second.keys()];
    for (let i = 0; i < 30; i++) {
      expect(history.switchTo(original)).toBe(true);
      const a = rng.pick(firstSeqs);
      history.seekSeq(a);
      expect(difference(dump(history.world), first.afterEvent.get(a))).toBe('');
      expect(history.switchTo(history.branches[1]!.id)).toBe(true);
      const b = rng.pick(secondSeqs);
      history.seekSeq(b);
      expect(difference(dump(history.world), second.get(b))).toBe('');
    }
    // Before the fork, both branches are the same world.
    history.seekSeq(forkSeq - 5);
    const onSecond = dump(history.world);
    history.switchTo(original);
    history.seekSeq(forkSeq - 5);
    expect(difference(dump(history.world), onSecond)).toBe('');
  });

  it('keeps the branch’s markers up to the fork and its own after', () => {
    const { history } = liveSession(21, 2000);
    const before = history.branch.markers.length;
    history.seekTime(500);
    // A server that is up then (the fuzz scenario crashes some on its own).
    const up = history.world.hosts.find((h) => h.up)!.id;
    history.act({ at: 0, do: 'crash', node: up });
    const markers = history.branch.markers;
    expect(markers.length).toBeLessThanOrEqual(before + 1);
    expect(markers.at(-1)!.kind).toBe('crash');
    expect(markers.every((m, i) => i === 0 || markers[i - 1]!.seq <= m.seq)).toBe(true);
  });
});

describe('rule switches, turned on as a person would (an input at the start)', () => {
  const cases = [
    ['commitOldTermByCount', 'figure-8-overwritten', 'State Machine Safety'],
    ['skipUpToDateCheck', 'figure-8-committed', 'Leader Completeness'],
    ['skipUpToDateCheck', 'up-to-date-check', 'Leader Completeness'],
    ['forgetVotedForOnRestart', 'restart-forgets-vote', 'Election Safety'],
  ] as const;
  for (const [rule, name, property] of cases) {
    it(`"${rule}" makes ${name} end in a ${property} violation, and the timeline marks it`, () => {
      const scenario = builtInScenario(name)!;
      const off = new History(scenario);
      off.run(scenario.until);
      expect(off.world.violations).toEqual([]);
      const on = new History(scenario);
      on.act({ at: 0, do: 'rules', rules: { [rule]: true } });
      on.run(scenario.until);
      expect(on.world.violations.map((v) => v.property)).toContain(property);
      expect(on.branch.markers.some((m) => m.kind === 'violation')).toBe(true);
    });
  }
});
