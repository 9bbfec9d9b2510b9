/**
 * The limits on numbers that come from outside: scenario files, sessions (files and links),
 * the command line and the page's URL. Every border checks against these same constants and
 * words, so a value refused in one place is refused everywhere with the same sentence.
 *
 * They are wide enough for anything a person would set to watch or test Raft, and tight
 * enough that no accepted input can overflow a counter (terms far below 2^53), loop at one
 * virtual instant (timers of a fraction of a millisecond) or run for days.
 */

/** The most servers in a cluster: CONTRACTS.md section 5 ("`nodes` may hold 1 to 9 servers"). */
export const MAX_NODES = 9;

/**
 * The longest run, in virtual ms: one hour. The longest built-in scenario runs 7 s; an hour
 * of the reference workload is under a million events, seconds of work. The worst timing these
 * limits allow (nine servers, 10 ms elections, 5 ms heartbeats, 10 s latency, every message
 * duplicated) makes about a million events per virtual minute, so even its hour takes minutes,
 * not days. Also the most a session may describe (MAX_SESSION_MS) and the latest a step may come.
 */
export const MAX_UNTIL = 3_600_000;

/**
 * The highest term an initial state may give (a node's or a log entry's). The highest term
 * grows by one per election a server starts, at most one per MIN_ELECTION_TIMEOUT per
 * server (plus one per `timeout` step), so a run within MAX_UNTIL ends below 5,000,000:
 * nine orders of magnitude below 2^53, where `term + 1` stops growing and votes repeat.
 */
export const MAX_TERM = 1_000_000;

/**
 * The shortest election timeout (virtual ms). The paper (section 5.6) uses 150-300 ms; 10 ms
 * is already fast enough to show elections piling up when timeouts are shorter than a round
 * trip, while a timer of 1e-300 ms would fire forever at one virtual instant.
 */
export const MIN_ELECTION_TIMEOUT = 10;

/**
 * The shortest heartbeat interval (virtual ms): half the shortest election timeout, so a
 * leader can still hold a cluster with the fastest timers allowed. With MAX_LATENCY and
 * MAX_NODES, a leader's heartbeats and their replies fill the network with at most
 * 2 x 8 x 10,000 / 5 = 32,000 messages (held messages are the simulator's to cap).
 */
export const MIN_HEARTBEAT_INTERVAL = 5;

/**
 * The longest timer (election timeout or heartbeat, virtual ms): one minute, far slower than
 * any cluster, and slow enough to watch a timer run down by eye.
 */
export const MAX_TIMER = 60_000;

/**
 * The longest message latency (virtual ms): ten seconds. Real networks deliver in well under
 * a second; a message ten seconds late already behaves as lost. With MIN_HEARTBEAT_INTERVAL
 * this keeps at most 2,000 heartbeats in flight on one link.
 */
export const MAX_LATENCY = 10_000;

/**
 * The largest seed: 2^32 - 1. The seeded generator (prng.ts) folds a seed to 32 bits, so a
 * larger seed would repeat the run of a smaller one. The page's "New seed" stays below 2^31.
 */
export const MAX_SEED = 4_294_967_295;

/** The most steps in a scenario: the longest built-in has 15, a recorded session a few hundred. */
export const MAX_STEPS = 10_000;

/**
 * The most narration steps: one per scenario step and one to end, as Record writes them (a
 * hand-written narration has five to ten).
 */
export const MAX_NARRATION_STEPS = MAX_STEPS + 1;

/** The most entries in one node's initial log: Figure 7's longest has 12. */
export const MAX_LOG_ENTRIES = 10_000;

/**
 * The highest message number a step may name (`drop`, `duplicate`, `deliverNow`). Messages
 * are numbered from 1; even nine servers on the fastest timers send well under this in MAX_UNTIL.
 */
export const MAX_MESSAGE_ID = 1_000_000_000;

/** The longest write id, key or value (characters): a sentence, not a file. */
export const MAX_WORD_LENGTH = 200;

/** The longest scenario name or title (characters): room for "-recording" added a few times. */
export const MAX_NAME_LENGTH = 1_000;

/** The longest scenario description (characters): the built-ins use under 400. */
export const MAX_DESCRIPTION_LENGTH = 10_000;

/** The slowest and fastest a server's clock may run, as a multiple of virtual time (`clock` step). */
export const MIN_CLOCK_RATE = 0.25;
export const MAX_CLOCK_RATE = 4;

/** The most runs of one `--fuzz` campaign: about ten minutes of work at 20 s of virtual time each. */
export const MAX_FUZZ_RUNS = 100_000;

/** The most characters of a narration step's title, text or prediction. */
export const MAX_NARRATION_TEXT = 2_000;

/** The highest log index a scenario may name (narration highlights): far beyond any run's log. */
export const MAX_LOG_INDEX = 1_000_000_000;

/** A number's allowed range, and the words that say why its ends are where they are. */
export interface NumberLimit {
  readonly min: number;
  /** The value must be greater than `min`, not equal to it. */
  readonly minExclusive?: boolean;
  /** Why the minimum, shown after it: "(...)"; none for an obvious one such as 0. */
  readonly whyMin?: string;
  readonly max: number;
  /** Why the maximum, shown after it; none for one that needs no reason. */
  readonly whyMax?: string;
  /** Only whole numbers (safe integers). */
  readonly integer?: boolean;
}

const HOUR = 'one hour of virtual time';

/** The limit on each kind of number, by what it is; every border uses these. */
export const LIMITS = {
  seed: { min: 0, max: MAX_SEED, integer: true, whyMax: 'seeds are 32-bit numbers' },
  until: { min: 0, max: MAX_UNTIL, whyMax: HOUR },
  /** A step's `at`, and any other moment of a run. */
  time: { min: 0, max: MAX_UNTIL, whyMax: HOUR },
  term: { min: 0, max: MAX_TERM, integer: true, whyMax: 'the highest term a run may start at' },
  entryTerm: { min: 1, max: MAX_TERM, integer: true, whyMax: 'the highest term a run may start at' },
  electionTimeout: {
    min: MIN_ELECTION_TIMEOUT,
    whyMin: 'shorter timers would flood the run with elections',
    max: MAX_TIMER,
    whyMax: 'one minute',
  },
  heartbeatInterval: {
    min: MIN_HEARTBEAT_INTERVAL,
    whyMin: 'shorter heartbeats would flood the run with messages',
    max: MAX_TIMER,
    whyMax: 'one minute',
  },
  latency: { min: 0, max: MAX_LATENCY, whyMax: 'ten seconds' },
  logIndex: { min: 1, max: MAX_LOG_INDEX, integer: true, whyMax: 'far beyond any run’s log' },
  msgId: { min: 1, max: MAX_MESSAGE_ID, integer: true, whyMax: 'the highest message number' },
  fuzzRuns: { min: 1, max: MAX_FUZZ_RUNS, integer: true, whyMax: 'the most runs of one campaign' },
  /**
   * A server's clock rate (`clock` step): how fast its timers run against virtual time. A
   * quarter to four times is skew far beyond any real quartz (parts per million), enough to
   * make one server start every election or a leader's lease run out early.
   */
  clockRate: {
    min: MIN_CLOCK_RATE,
    whyMin: 'a clock four times slow',
    max: MAX_CLOCK_RATE,
    whyMax: 'a clock four times fast',
  },
} as const satisfies Record<string, NumberLimit>;

/**
 * What is wrong with the number `n` against `limit`, as words that follow its place
 * (`must be at most 3600000 (one hour of virtual time), got 1e+300`), or undefined when it
 * is within. `got` is how to show the value (default: the number itself; the command line
 * shows what was typed). NaN (text that is no number): "expected a number"; out of range,
 * Infinity included (1e400 in JSON): the range, since 1e308 is whole, just far too large;
 * not whole where it must be: "expected an integer".
 */
export function numberProblem(n: number, limit: NumberLimit, got = String(n)): string | undefined {
  const whole = limit.integer === true;
  if (Number.isNaN(n)) return `expected ${whole ? 'an integer' : 'a number'}, got ${got}`;
  const why = (text: string | undefined) => (text === undefined ? '' : ` (${text})`);
  if (limit.minExclusive === true ? n <= limit.min : n < limit.min)
    return `must be ${limit.minExclusive === true ? 'greater than' : 'at least'} ${limit.min}${why(limit.whyMin)}, got ${got}`;
  if (n > limit.max) return `must be at most ${limit.max}${why(limit.whyMax)}, got ${got}`;
  if (whole && !Number.isSafeInteger(n)) return `expected an integer, got ${got}`;
  return undefined;
}

/** The words for too many things: `at most 9 nodes, got 15`. */
export function countProblem(count: number, max: number, noun: string): string | undefined {
  return count > max ? `at most ${max} ${noun}, got ${count}` : undefined;
}

/** The words for a text that is too long: `at most 200 characters, got 5000`. */
export function lengthProblem(text: string, max: number): string | undefined {
  return countProblem(text.length, max, 'characters');
}

/**
 * The most message copies the simulated network carries at once, held ones included. A copy
 * sent beyond it is lost at once (drop reason `overflow`). Five servers on the default timers
 * carry a few dozen; nine on the fastest timers with ten-second latency would carry about
 * 70,000, and Hold messages with candidates timing out piles up without end. The list in the
 * page shows 150; checkpoints copy what is on the agenda, so this bounds their cost.
 */
export const MAX_IN_FLIGHT = 10_000;

/**
 * The largest file read, a scenario (the page and `npm run sim`) or a session: bigger files are
 * refused before they are read (bytes). Text to parse, a file's or an unpacked link's, is held to
 * the same number of characters.
 */
export const MAX_FILE_SIZE = 5_000_000;

/** Problems listed when an input is refused (a file, a link); past these only a count. */
export const MAX_REPORTED_PROBLEMS = 20;

/** The page's speed range (simulated ms per real ms): the slider's, the URL's and a session's. */
export const MIN_SPEED = 0.0001;
export const MAX_SPEED = 10;
