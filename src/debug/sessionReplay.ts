/**
 * Reproducing a shared session: the scenario run again with the person's inputs put back
 * exactly where they were, up to the run's head, then moved to the moment that was being
 * looked at. The inputs come from outside (a link or a file) and may be well-formed yet
 * inconsistent with the run; every such case is answered with a sentence, never an
 * exception, and the caller keeps whatever session it had.
 */
import { History, type InputRecord, type OnEvent, type Position } from './history';
import type { Scenario, Step } from '../sim/scenario/scenario';

export interface SessionRun {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly inputs: readonly { readonly seq: number; readonly step: Step }[];
  readonly head: Position;
  readonly moment: Position;
}

export type Replayed =
  { readonly ok: true; readonly history: History } | { readonly ok: false; readonly message: string };

const at = (p: Position) => `event ${p.seq} at t = ${p.t} ms`;

export function replaySession(run: SessionRun, onEvent?: OnEvent): Replayed {
  const inputs: InputRecord[] = run.inputs.map((r) => ({ seq: r.seq, at: r.step.at, step: r.step }));
  const h = new History(run.scenario, { seed: run.seed, inputs });
  let next = 0;
  let misplaced: string | null = null;
  const watch: OnEvent = (p, facts) => {
    const r = inputs[next];
    if (r !== undefined && p.seq === r.seq) {
      if (p.t !== r.at && misplaced === null)
        misplaced = `inputs[${next}] was made at t = ${r.at} ms, but its event comes at t = ${p.t} ms`;
      next++;
    }
    if (onEvent) onEvent(p, facts);
  };
  const { head, moment } = run;
  // A run that has not started (a scenario file just opened) is at its init moment, before
  // the steps of t = 0; nothing to replay, and no input can come before its head.
  if (head.seq === 0 && head.t === 0) {
    if (inputs.length > 0) return fail(`inputs[0] (event ${inputs[0]!.seq}) comes after the head, event 0 at t = 0 ms`);
    h.seekSeq(moment.seq, moment.t, onEvent);
    if (h.world.seq !== moment.seq || h.world.now !== moment.t)
      return fail(`the moment ${at(moment)} is not a moment of this run`);
    return { ok: true, history: h };
  }
  h.run(head.t, watch, (p) => p.seq >= head.seq);
  if (h.world.seq !== head.seq)
    return fail(`the run reaches event ${h.world.seq} by t = ${h.world.now} ms, not the head's ${at(head)}`);
  if (h.run(head.t, watch, () => true) !== null)
    return fail(`another event comes between the head's ${at(head)} and its time`);
  if (misplaced !== null) return fail(misplaced);
  if (!h.inputsInPlace || next < inputs.length)
    return fail(`inputs[${next}] (event ${inputs[next]?.seq}) does not fit the run: another event took its place`);
  h.seekSeq(moment.seq, moment.t, onEvent);
  if (h.world.seq !== moment.seq || h.world.now !== moment.t)
    return fail(`the moment ${at(moment)} is not a moment of this run`);
  return { ok: true, history: h };
}

function fail(reason: string): Replayed {
  return { ok: false, message: `The session does not replay: ${reason}.` };
}
