/**
 * A server's own clock, for clock skew (the `clock` step, CONTRACTS.md section 5). A node sees
 * only its own clock: every `now` it is given and every `deadline` it sets are local times.
 * The world keeps virtual time and converts:
 *
 *     local(t) = anchorLocal + rate * (t - anchorVirtual)
 *
 * A `clock` step re-anchors at the step's virtual time, so the clock never jumps, only changes
 * speed. A clock that never changed has anchors 0 and rate 1, and then both conversions give
 * back exactly the number they were given (no float drift): a run without `clock` steps is
 * the same run, to the bit, as one without clocks at all. All times are virtual or local ms.
 */

/** Plain data, so a checkpoint keeps it as it is. */
export interface Clock {
  /** Local ms per virtual ms: 2 runs fast (timers fire in half the virtual time), 0.5 slow. */
  readonly rate: number;
  /** The local time at `anchorVirtual`. */
  readonly anchorLocal: number;
  /** The virtual time of the last re-anchoring (0 for a clock that never changed). */
  readonly anchorVirtual: number;
}

/** True time: local time equals virtual time. */
export const TRUE_CLOCK: Clock = Object.freeze({ rate: 1, anchorLocal: 0, anchorVirtual: 0 });

/** The clock's local time at virtual time `t` (ms). */
export function localTime(clock: Clock, t: number): number {
  return clock.anchorLocal + clock.rate * (t - clock.anchorVirtual);
}

/** The virtual time at which the clock reads `local` (ms); Infinity stays Infinity. */
export function virtualTime(clock: Clock, local: number): number {
  return clock.anchorVirtual + (local - clock.anchorLocal) / clock.rate;
}

/**
 * The clock running at `rate` from virtual time `t` on, reading at `t` what it read before.
 * Back at rate 1 with no offset gathered, it is TRUE_CLOCK again (exact numbers).
 */
export function setRate(clock: Clock, t: number, rate: number): Clock {
  const local = localTime(clock, t);
  if (rate === 1 && local === t) return TRUE_CLOCK;
  return { rate, anchorLocal: local, anchorVirtual: t };
}
