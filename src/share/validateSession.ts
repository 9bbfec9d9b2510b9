/**
 * Validation of a session that comes from outside (an imported file, a link): every problem
 * is reported with its exact place, like the scenario validator does, e.g.
 * `inputs[3].step.node: unknown node "S9" (nodes are S1, S2, S3, S4, S5)`. Nothing here
 * throws, whatever the value; the rest of the page trusts the Session it returns.
 *
 * Besides the shape, a session must be replayable without hanging the page: every number is
 * within the limits of sim/scenario/limits.ts (the scenario validator's, said in the same words), and
 * the run it describes is bounded by MAX_SESSION_MS and MAX_SESSION_EVENTS.
 */
import type { NodeId } from '../raft/types';
import type { Scenario, Step } from '../sim/scenario/scenario';
import { SCENARIO_CATALOG } from '../sim/scenario/builtIn/catalog';
import { builtInScenario } from '../sim/scenario/builtIn/index';
import { WELCOME_NAME, welcomeScenario } from '../sim/scenario/builtIn/welcome';
import { LIMITS } from '../sim/scenario/limits';
import {
  describe,
  finiteNumber,
  integer,
  isObject,
  limited,
  parseStep,
  quote,
  text,
  validateScenario,
  type Validated,
} from '../sim/scenario/validateScenario';
import { compileWatch, WATCH_MAX_LENGTH } from '../sim/scenario/watch';
import type { Breakpoints } from '../debug/breakpointSettings';
import { jsonSyntaxProblem } from '../util/jsonSyntax';
import {
  MAX_SESSION_EVENTS,
  MAX_SESSION_INPUTS,
  MAX_SPEED,
  MIN_SPEED,
  MAX_SESSION_MS,
  SESSION_FORMAT,
  SESSION_VERSION,
  type ScenarioRef,
  type Session,
  type SessionInput,
  type SessionPosition,
  type SessionSettings,
} from './session';

/** The longest session text read, a file's or an unpacked link's (characters). */
export const MAX_SESSION_TEXT = 5_000_000;

/** Problems shown to a person; past these only a count. */
export const MAX_REPORTED_PROBLEMS = 20;
const MAX_MESSAGE_LENGTH = 300;

const TOP_FIELDS = ['format', 'version', 'scenario', 'seed', 'settings', 'inputs', 'head', 'moment'];
const BREAKPOINT_FLAGS = ['leader', 'term', 'commit', 'violation'] as const;

/**
 * Collects problems, structurally the scenario validator's own collector so its parsers can
 * be reused. Only the first few are kept as text (a hostile file can have millions), but the
 * count keeps growing: parseStep compares `errors.length` before and after a step.
 */
class Problems {
  readonly errors: string[] = [];
  add(path: string, message: string): void {
    if (this.errors.length < MAX_REPORTED_PROBLEMS) this.errors.push(path === '' ? message : `${path}: ${message}`);
    else this.errors.length += 1;
  }
}

function shorten(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  let cut = MAX_MESSAGE_LENGTH - 1;
  const last = message.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // do not split a surrogate pair
  return message.slice(0, cut) + '…';
}

/** The refusal shown to a person: the first problems, each kept short, then how many more. */
function refuse(errors: readonly string[]): { ok: false; errors: string[] } {
  const shown = errors.slice(0, MAX_REPORTED_PROBLEMS).map(shorten);
  const more = errors.length - shown.length;
  if (more > 0) shown.push(`and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  return { ok: false, errors: shown.length > 0 ? shown : ['this session could not be read'] };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function checkKeys(p: Problems, path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) p.add(join(path, key), `unknown field (expected one of ${allowed.join(', ')})`);
  }
}

/** Parses a required field; own properties only, so `{}` never yields Object.prototype's members. */
function withField<T>(
  p: Problems,
  path: string,
  obj: Record<string, unknown>,
  key: string,
  parse: (path: string, v: unknown) => T | undefined,
): T | undefined {
  const fieldPath = join(path, key);
  const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined) {
    p.add(fieldPath, 'is required');
    return undefined;
  }
  return parse(fieldPath, v);
}

function atMost(p: Problems, path: string, v: number | undefined, max: number, why = ''): number | undefined {
  if (v === undefined || v <= max) return v;
  p.add(path, `must be at most ${max}${why}, got ${v}`);
  return undefined;
}

function object(p: Problems, path: string, v: unknown, what = 'an object'): Record<string, unknown> | undefined {
  if (isObject(v)) return v;
  p.add(path, `expected ${what}, got ${describe(v)}`);
  return undefined;
}

// ---------------------------------------------------------------------------------------
// The scenario

interface ScenarioInfo {
  readonly ref: ScenarioRef;
  readonly nodes: readonly NodeId[];
  /** The scenario's write ids and where each is, so that an input cannot reuse one. */
  readonly writeIds: ReadonlyMap<string, string>;
}

function infoOf(ref: ScenarioRef, scenario: Scenario, stepsPath: string): ScenarioInfo {
  const writeIds = new Map<string, string>();
  scenario.steps.forEach((step, i) => {
    if (step.do === 'write') writeIds.set(step.id, `${stepsPath}[${i}]`);
  });
  return { ref, nodes: scenario.nodes, writeIds };
}

function parseBuiltIn(p: Problems, path: string, name: string): ScenarioInfo | undefined {
  const ref: ScenarioRef = { kind: 'builtIn', name };
  if (name === WELCOME_NAME) return infoOf(ref, welcomeScenario(), "the scenario's steps");
  const scenario = builtInScenario(name);
  if (scenario !== undefined) return infoOf(ref, scenario, "the scenario's steps");
  const some = SCENARIO_CATALOG.slice(0, 3).map((entry) => entry.name);
  p.add(path, `no built-in scenario is called ${quote(name)} (try ${some.join(', ')}, …)`);
  return undefined;
}

/** A scenario carried whole: the scenario validator bounds its sizes before walking it, and its numbers. */
function parseInline(p: Problems, path: string, v: Record<string, unknown>): ScenarioInfo | undefined {
  const result = validateScenario(v);
  if (!result.ok) {
    for (const error of result.errors)
      p.add('', error === 'invalid scenario' ? `${path || 'the file'}: is not a valid scenario` : join(path, error));
    return undefined;
  }
  return infoOf({ kind: 'inline', scenario: result.value }, result.value, `${path}.steps`);
}

function parseScenarioRef(p: Problems, path: string, v: unknown): ScenarioInfo | undefined {
  if (typeof v === 'string') return parseBuiltIn(p, path, v);
  if (isObject(v)) return parseInline(p, path, v);
  p.add(path, `expected a built-in scenario's name or a scenario object, got ${describe(v)}`);
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Settings, positions, inputs

function parseWatch(p: Problems, path: string, v: unknown, nodes: readonly NodeId[] | undefined): string | undefined {
  const watch = text(p, path, v, true, WATCH_MAX_LENGTH);
  if (watch === undefined) return undefined;
  if (watch.trim() === '' || nodes === undefined) return watch;
  const compiled = compileWatch(watch, nodes);
  if (compiled.ok) return watch;
  p.add(path, compiled.error);
  return undefined;
}

function parseBreakpoints(
  p: Problems,
  path: string,
  v: unknown,
  nodes: readonly NodeId[] | undefined,
): Breakpoints | undefined {
  const obj = object(p, path, v);
  if (obj === undefined) return undefined;
  checkKeys(p, path, obj, [...BREAKPOINT_FLAGS, 'watch']);
  const flags = BREAKPOINT_FLAGS.map((name) =>
    withField(p, path, obj, name, (fieldPath, flag) => {
      if (typeof flag === 'boolean') return flag;
      p.add(fieldPath, `expected true or false, got ${describe(flag)}`);
      return undefined;
    }),
  );
  const watch = withField(p, path, obj, 'watch', (fieldPath, w) => parseWatch(p, fieldPath, w, nodes));
  const [leader, term, commit, violation] = flags;
  if (leader === undefined || term === undefined || commit === undefined || violation === undefined) return undefined;
  if (watch === undefined) return undefined;
  return { leader, term, commit, violation, watch };
}

function parseSpeed(p: Problems, path: string, v: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    p.add(path, `expected a number, got ${describe(v)}`);
    return undefined;
  }
  if (v >= MIN_SPEED && v <= MAX_SPEED) return v;
  p.add(path, `must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${v}`);
  return undefined;
}

function parseSettings(
  p: Problems,
  path: string,
  v: unknown,
  nodes: readonly NodeId[] | undefined,
): SessionSettings | undefined {
  const obj = object(p, path, v);
  if (obj === undefined) return undefined;
  checkKeys(p, path, obj, ['speed', 'breakpoints']);
  const speed = withField(p, path, obj, 'speed', (fieldPath, s) => parseSpeed(p, fieldPath, s));
  const breakpoints = withField(p, path, obj, 'breakpoints', (fieldPath, b) =>
    parseBreakpoints(p, fieldPath, b, nodes),
  );
  return speed === undefined || breakpoints === undefined ? undefined : { speed, breakpoints };
}

interface Limit {
  readonly max: number;
  /** Why that maximum, for the message, e.g. " (head.t)". */
  readonly why: string;
}

function parsePosition(
  p: Problems,
  path: string,
  v: unknown,
  seqLimit: Limit,
  tLimit: Limit,
): SessionPosition | undefined {
  const obj = object(p, path, v, 'an object {"seq", "t"}');
  if (obj === undefined) return undefined;
  checkKeys(p, path, obj, ['seq', 't']);
  const seq = withField(p, path, obj, 'seq', (fieldPath, s) =>
    atMost(p, fieldPath, integer(p, fieldPath, s, 0), seqLimit.max, seqLimit.why),
  );
  const t = withField(p, path, obj, 't', (fieldPath, time) =>
    atMost(p, fieldPath, finiteNumber(p, fieldPath, time, 0), tLimit.max, tLimit.why),
  );
  return seq === undefined || t === undefined ? undefined : { seq, t };
}

function parseInputStep(
  p: Problems,
  path: string,
  v: unknown,
  scenario: ScenarioInfo,
  writeIds: Map<string, string>,
): Step | undefined {
  return parseStep(p, path, v, scenario.nodes, writeIds);
}

function parseInputs(
  p: Problems,
  path: string,
  v: unknown,
  scenario: ScenarioInfo | undefined,
  head: SessionPosition | undefined,
): SessionInput[] | undefined {
  if (!Array.isArray(v)) {
    p.add(path, `expected an array of inputs, got ${describe(v)}`);
    return undefined;
  }
  if (v.length > MAX_SESSION_INPUTS) {
    p.add(path, `at most ${MAX_SESSION_INPUTS} inputs, got ${v.length}`);
    return undefined;
  }
  // Scenario write ids count too: the client applies a repeated id once, silently changing the run.
  const writeIds = new Map(scenario?.writeIds ?? []);
  const inputs: SessionInput[] = [];
  const errorsBefore = p.errors.length;
  let previous: { seq?: number; at?: number } = {};
  v.forEach((raw: unknown, i) => {
    const inputPath = `${path}[${i}]`;
    const obj = object(p, inputPath, raw, 'an input {"seq", "step"}');
    if (obj === undefined) return;
    checkKeys(p, inputPath, obj, ['seq', 'step']);
    const seq = withField(p, inputPath, obj, 'seq', (fieldPath, s) => integer(p, fieldPath, s, 1));
    if (seq !== undefined) {
      if (previous.seq !== undefined && seq <= previous.seq)
        p.add(`${inputPath}.seq`, `must be greater than the previous input's (${previous.seq}), got ${seq}`);
      else if (head !== undefined) atMost(p, `${inputPath}.seq`, seq, head.seq, ' (head.seq)');
      previous = { ...previous, seq };
    }
    const step = withField(p, inputPath, obj, 'step', (fieldPath, s) =>
      scenario === undefined ? undefined : parseInputStep(p, fieldPath, s, scenario, writeIds),
    );
    if (step !== undefined) {
      if (previous.at !== undefined && step.at < previous.at)
        p.add(`${inputPath}.step.at`, `must not be earlier than the previous input's (${previous.at}), got ${step.at}`);
      else if (head !== undefined) atMost(p, `${inputPath}.step.at`, step.at, head.t, ' (head.t)');
      previous = { ...previous, at: Math.max(previous.at ?? 0, step.at) };
    }
    if (seq !== undefined && step !== undefined) inputs.push({ seq, step });
  });
  return p.errors.length === errorsBefore ? inputs : undefined;
}

// ---------------------------------------------------------------------------------------

function checkSession(json: unknown): Validated<Session> {
  if (!isObject(json)) return refuse([`a session is a JSON object, got ${describe(json)}`]);
  // A wrong format or version means the rest cannot be read as a session: one message says so.
  const format = Object.hasOwn(json, 'format') ? json.format : undefined;
  if (format === undefined) return refuse(['format: is required (this is not a session file)']);
  if (format !== SESSION_FORMAT) return refuse([`format: expected ${quote(SESSION_FORMAT)}, got ${describe(format)}`]);
  const version = Object.hasOwn(json, 'version') ? json.version : undefined;
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > SESSION_VERSION) {
    return refuse([
      `version: this session was made by a newer version of this page (version ${version}; this page reads version ${SESSION_VERSION})`,
    ]);
  }
  if (version === undefined) return refuse(['version: is required']);
  if (version !== SESSION_VERSION) return refuse([`version: expected ${SESSION_VERSION}, got ${describe(version)}`]);

  const p = new Problems();
  checkKeys(p, '', json, TOP_FIELDS);
  const scenario = withField(p, '', json, 'scenario', (path, v) => parseScenarioRef(p, path, v));
  const seed = withField(p, '', json, 'seed', (path, v) => limited(p, path, v, LIMITS.seed));
  const settings = withField(p, '', json, 'settings', (path, v) => parseSettings(p, path, v, scenario?.nodes));
  const events: Limit = { max: MAX_SESSION_EVENTS, why: '' };
  const hour: Limit = { max: MAX_SESSION_MS, why: ` (${LIMITS.time.whyMax})` };
  const head = withField(p, '', json, 'head', (path, v) => parsePosition(p, path, v, events, hour));
  const moment = withField(p, '', json, 'moment', (path, v) =>
    head === undefined
      ? parsePosition(p, path, v, events, hour)
      : parsePosition(p, path, v, { max: head.seq, why: ' (head.seq)' }, { max: head.t, why: ' (head.t)' }),
  );
  const inputs = withField(p, '', json, 'inputs', (path, v) => parseInputs(p, path, v, scenario, head));
  if (
    p.errors.length > 0 ||
    scenario === undefined ||
    seed === undefined ||
    settings === undefined ||
    inputs === undefined ||
    head === undefined ||
    moment === undefined
  )
    return refuse(p.errors);
  return { ok: true, value: { scenario: scenario.ref, seed, settings, inputs, head, moment } };
}

/** Validates a parsed JSON value as a session. Never throws. */
export function validateSession(json: unknown): Validated<Session> {
  try {
    return checkSession(json);
  } catch {
    // Only a value JSON cannot produce gets here (a Proxy, a throwing getter): refuse it plainly.
    return refuse(['this session could not be read']);
  }
}

/** Parses session text (a file's, or a link's once unpacked), reporting a syntax error as a sentence. */
export function parseSessionText(sessionText: string): Validated<Session> {
  if (sessionText.length > MAX_SESSION_TEXT) {
    return refuse([
      `the session is too large: ${sessionText.length.toLocaleString('en-US')} characters (at most ${MAX_SESSION_TEXT.toLocaleString('en-US')})`,
    ]);
  }
  // Some editors save a byte order mark, which JSON.parse refuses.
  const body = sessionText.startsWith('\uFEFF') ? sessionText.slice(1) : sessionText;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse([jsonSyntaxProblem(body)]);
  }
  return validateSession(json);
}

/**
 * Parses a scenario file a person opens in the page: the contract's validation plus the
 * page's limits (so a file cannot hang the simulation), with the same kind of messages.
 */
export function parseScenarioFileText(fileText: string): Validated<Scenario> {
  if (fileText.length > MAX_SESSION_TEXT) return refuse([`the file is too large: ${fileText.length} characters`]);
  const body = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse([jsonSyntaxProblem(body)]);
  }
  try {
    const p = new Problems();
    if (!isObject(json)) return refuse([`a scenario is a JSON object, got ${describe(json)}`]);
    const info = parseInline(p, '', json);
    if (info === undefined || info.ref.kind !== 'inline' || p.errors.length > 0) return refuse(p.errors);
    return { ok: true, value: info.ref.scenario };
  } catch {
    return refuse(['this scenario could not be read']);
  }
}
