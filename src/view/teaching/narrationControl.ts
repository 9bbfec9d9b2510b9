/**
 * Next and Back through the narration, for its buttons and for the keys (a presenter
 * remote's Page Down / Page Up): move the place, then have the worker go to the moment.
 */
import { setNarrationPlace, useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import { backMove, nextMove, spotlightOf, type NarrationMove } from './narrationFlow';

function go(move: NarrationMove | null): void {
  if (move === null) return;
  setNarrationPlace(move.place.index, move.place.revealed);
  if (move.goTo === null) return;
  if (move.goTo < 0) sim.seek(0);
  else sim.narrate(move.goTo);
}

/** Next / Back, for the buttons and the keys. */
export function narrationNext(): boolean {
  const { steps, index, revealed } = useSim.getState().narration;
  const move = nextMove(steps, { index, revealed });
  go(move);
  return move !== null;
}

export function narrationBack(): boolean {
  const { steps, index, revealed } = useSim.getState().narration;
  const move = backMove(steps, { index, revealed });
  go(move);
  return move !== null;
}

/** Whether the narration points at this server now. */
export function useNodeSpotlit(id: string): boolean {
  return useSim((s) => spotlightOf(s.narration.steps, s.narration)?.nodes.includes(id) ?? false);
}

/** The indexes of this server's log entries the narration points at now, as " 1 3 " (a string, so the selector is stable). */
export function useSpotlitEntries(id: string): string {
  return useSim((s) => {
    const h = spotlightOf(s.narration.steps, s.narration);
    if (h === null) return '';
    const list = h.entries.filter((e) => e.node === id).map((e) => e.index);
    return list.length === 0 ? '' : ` ${list.join(' ')} `;
  });
}
