/**
 * Recording: a person's session saved as a scenario file (CONTRACTS.md section 1) that
 * replays it. The scenario's own steps and the person's inputs become the file's steps, in
 * the order they happened; the inputs made while recording also become narration steps, so
 * the replay can be walked through with Back and Next.
 *
 * A scenario step runs before any other event of its instant, while a person's input ran
 * right after the event the page was showing; so each input is put among its instant's
 * steps where it ran, or made a late step (after the instant's other events). The result
 * is checked by running it side by side with the session, event for event.
 */
import { describeStep } from './describeStep';
import type { History, InputRecord, Position } from '../debug/history';
import type { NarrationStep, Scenario, Step } from '../sim/scenario/scenario';
import { World } from '../sim/core/world';

export interface Recording {
  readonly scenario: Scenario;
  /** The first event where replaying the file differs from the session (null: it replays exactly). */
  readonly divergesAt: number | null;
}

interface Placed {
  readonly step: Step;
  /** Where it goes among its instant's own steps: after this many of them (Infinity: after every event of the instant). */
  readonly after: number;
}

/**
 * Records the session in `h` (its current branch) from its start to `to`, narrating the
 * inputs made after `from`. Moves the history; the caller seeks back to where it was.
 */
export function recordSession(h: History, base: Scenario, from: Position, to: Position): Recording {
  const inputs = h.branch.inputs.filter((r) => r.seq <= to.seq);
  const own = base.steps.filter((s) => s.at <= to.t);
  const placed = placeInputs(h, own, inputs, to);
  const steps = mergeSteps(own, placed);
  const narrated = inputs.filter((r) => r.seq > from.seq);
  const scenario: Scenario = {
    ...base,
    name: `${base.name}-recording`,
    description: `Recorded on the page from "${base.name}" with seed ${h.world.seed}: ${narrated.length} action${narrated.length === 1 ? '' : 's'} of yours, to t = ${to.t.toFixed(1)} ms.`,
    seed: h.world.seed,
    steps,
    until: to.t,
    narration: narrate(narrated, placed, inputs, to),
  };
  return { scenario, divergesAt: compare(h, scenario, to) };
}

/**
 * Where each input goes. The scenario's steps of an instant run first, in file order, then
 * the other events of that instant. An input made after k events of its instant, all of
 * them the instant's own steps, goes after the k-th of those steps; one made after other
 * events of its instant is a late step, run after them.
 */
function placeInputs(h: History, base: readonly Step[], inputs: readonly InputRecord[], to: Position): Placed[] {
  const eventsBefore = inputs.map(() => 0);
  const byTime = new Map<number, number[]>();
  inputs.forEach((r, i) => byTime.set(r.at, [...(byTime.get(r.at) ?? []), i]));
  const isInput = new Set(inputs.map((r) => r.seq));
  h.seekSeq(0);
  h.run(
    to.t,
    (p) => {
      if (isInput.has(p.seq)) return;
      for (const i of byTime.get(p.t) ?? []) if (p.seq < inputs[i]!.seq) eventsBefore[i]!++;
    },
    (p) => p.seq >= to.seq,
  );
  return inputs.map((r, i) => {
    const own = base.filter((s) => s.at === r.at).length;
    const k = eventsBefore[i]!;
    return k <= own
      ? { step: { ...r.step, at: r.at }, after: k }
      : { step: { ...r.step, at: r.at, late: true }, after: Infinity };
  });
}

/** The scenario's steps and the inputs in the order they ran: by time, then by place within the instant. */
function mergeSteps(own: readonly Step[], placed: readonly Placed[]): Step[] {
  const sorted = own.map((step, i) => ({ step, i })).sort((a, b) => a.step.at - b.step.at || a.i - b.i);
  // An own step's place within its instant: the k-th gets 2k + 1; an input after k of them gets 2k.
  const rankOwn = sorted.map((x, j) => {
    let k = 0;
    while (j - k - 1 >= 0 && sorted[j - k - 1]!.step.at === x.step.at) k++;
    return 2 * k + 1;
  });
  const all = [
    ...sorted.map((x, j) => ({ step: x.step, rank: rankOwn[j]!, i: j })),
    ...placed.map((p, i) => ({ step: p.step, rank: 2 * p.after, i: sorted.length + i })),
  ];
  all.sort((a, b) => a.step.at - b.step.at || a.rank - b.rank || a.i - b.i);
  return all.map((x) => x.step);
}

function narrate(
  narrated: readonly InputRecord[],
  placed: readonly Placed[],
  inputs: readonly InputRecord[],
  to: Position,
): NarrationStep[] {
  const none = { nodes: [], entries: [], messages: [] };
  const steps: NarrationStep[] = [
    {
      title: 'The start',
      text: `The run as it was recorded: ${narrated.length} action${narrated.length === 1 ? '' : 's'} follow. Next goes to each in turn.`,
      at: 0,
      highlight: none,
    },
  ];
  narrated.forEach((r, n) => {
    const at = placed[inputs.indexOf(r)]!.step.at;
    const nodes = 'node' in r.step ? [r.step.node] : [];
    steps.push({
      title: `Action ${n + 1}: ${describeStep(r.step)}`,
      text: `At t = ${r.at.toFixed(1)} ms: ${describeStep(r.step)}.`,
      at,
      highlight: { ...none, nodes },
    });
  });
  steps.push({
    title: 'The end of the recording',
    text: `The recording stops here, at t = ${to.t.toFixed(1)} ms.`,
    at: to.t,
    highlight: none,
  });
  return steps;
}

/** Runs the recorded scenario beside the session; the first event number where they differ, or null. */
function compare(h: History, scenario: Scenario, to: Position): number | null {
  const replay = new World(scenario, { seed: scenario.seed });
  h.seekSeq(0);
  let diverged: number | null = null;
  h.run(
    to.t,
    (p) => {
      const q = replay.step(to.t);
      if (diverged === null && (q === null || q.t !== p.t || JSON.stringify(q.event) !== JSON.stringify(p.event)))
        diverged = p.seq;
    },
    (p) => diverged !== null || p.seq >= to.seq,
  );
  if (diverged === null && replay.step(to.t) !== null) diverged = to.seq + 1;
  return diverged;
}
