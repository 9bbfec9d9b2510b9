/**
 * Which breakpoints a person has set: the settings the debugger (debug/breakpoints.ts)
 * evaluates after each event, a session keeps and the page edits.
 */

export interface Breakpoints {
  readonly leader: boolean;
  readonly term: boolean;
  readonly commit: boolean;
  readonly violation: boolean;
  /** A watch expression (see sim/scenario/watch.ts); empty for none. */
  readonly watch: string;
}

export const DEFAULT_BREAKPOINTS: Breakpoints = {
  leader: false,
  term: false,
  commit: false,
  violation: true,
  watch: '',
};
