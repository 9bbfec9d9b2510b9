/**
 * Moving through a narration: Next and Back as pure functions of where it is. A step that
 * asks for a prediction is shown first as its question, with the run still at the moment
 * before; Next then reveals it (going to its moment), and Next again moves on.
 */
import type { MessageMatch, NarrationHighlight, NarrationStep } from '../../sim/scenario/scenario';

export interface NarrationPlace {
  /** The step shown; -1 before the first. */
  readonly index: number;
  readonly revealed: boolean;
}

/** Where to go: the new place, and whose moment to show (-1: the start; null: stay). */
export interface NarrationMove {
  readonly place: NarrationPlace;
  readonly goTo: number | null;
}

const asks = (steps: readonly NarrationStep[], i: number) => steps[i]?.ask !== undefined;

export function nextMove(steps: readonly NarrationStep[], at: NarrationPlace): NarrationMove | null {
  if (at.index >= 0 && asks(steps, at.index) && !at.revealed)
    return { place: { ...at, revealed: true }, goTo: at.index };
  const i = at.index + 1;
  if (i >= steps.length) return null;
  // A question is put with the run where it was: the audience predicts from what it sees.
  return asks(steps, i)
    ? { place: { index: i, revealed: false }, goTo: null }
    : { place: { index: i, revealed: true }, goTo: i };
}

export function backMove(steps: readonly NarrationStep[], at: NarrationPlace): NarrationMove | null {
  if (at.index < 0) return null;
  if (asks(steps, at.index) && at.revealed) return { place: { ...at, revealed: false }, goTo: at.index - 1 };
  const i = at.index - 1;
  return { place: { index: i, revealed: i >= 0 }, goTo: i };
}

/** What the narration points at now (nothing while a question waits for its answer). */
export function spotlightOf(steps: readonly NarrationStep[], at: NarrationPlace): NarrationHighlight | null {
  const step = steps[at.index];
  if (step === undefined || (step.ask !== undefined && !at.revealed)) return null;
  return step.highlight;
}

export function matchesMessage(
  match: MessageMatch,
  m: { readonly from: string; readonly to: string; readonly type: string },
): boolean {
  return (
    (match.from === undefined || match.from === m.from) &&
    (match.to === undefined || match.to === m.to) &&
    (match.type === undefined || match.type === m.type)
  );
}
