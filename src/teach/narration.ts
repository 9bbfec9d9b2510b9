/**
 * Where a narration's steps fall in the run. A step's moment is a time (`at`), or the first
 * event after the previous step's moment after which its `when` expression holds; so the
 * moments are found one after another, by running the scenario's own run (a History's
 * first branch) forward, and kept once found.
 */
import type { History, Position } from '../debug/history';
import type { NarrationStep } from '../sim/scenario/scenario';
import { compileWatch, type CompiledWatch } from '../sim/scenario/watch';
import { WorldWatchScope } from '../debug/watchScope';

/** How far past the previous step a `when` is looked for before the step is given up (virtual ms). */
export const NARRATION_SEARCH_MS = 60_000;

export class NarrationPlan {
  private readonly moments: (Position | null)[] = [];
  private readonly scope = new WorldWatchScope();
  private readonly watches: (CompiledWatch | null)[];
  private readonly expects: (CompiledWatch | null)[];

  constructor(
    readonly steps: readonly NarrationStep[],
    ids: readonly string[],
  ) {
    this.watches = steps.map((s) => (s.when === undefined ? null : compileWatch(s.when, ids)));
    this.expects = steps.map((s) => (s.expect === undefined ? null : compileWatch(s.expect, ids)));
  }

  /**
   * The moment of step `i` (null if it never comes), finding the ones before it first. Leaves
   * the history somewhere at or before that moment: the caller seeks where it wants.
   */
  momentOf(i: number, h: History): Position | null {
    for (let k = this.moments.length; k <= i; k++) {
      const from = k === 0 ? { seq: 0, t: 0 } : this.moments[k - 1]!;
      this.moments.push(from === null ? null : this.find(k, from, h));
    }
    return this.moments[i] ?? null;
  }

  private find(k: number, from: Position, h: History): Position | null {
    const step = this.steps[k]!;
    h.seekSeq(from.seq, from.t);
    if (step.at !== undefined) {
      h.run(Math.max(step.at, from.t));
      return h.position;
    }
    const watch = this.watches[k];
    if (!watch?.ok) return null;
    const stopped = h.run(from.t + NARRATION_SEARCH_MS, undefined, () => watch.evaluate(this.scope.fill(h.world)));
    return stopped === null ? null : h.position;
  }

  /** Whether step `i`'s promise (`expect`) holds in the world as it is now (true when it makes none). */
  keepsPromise(i: number, h: History): boolean {
    const expect = this.expects[i];
    return expect === null || expect === undefined || (expect.ok && expect.evaluate(this.scope.fill(h.world)));
  }
}
