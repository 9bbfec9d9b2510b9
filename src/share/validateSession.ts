/**
 * Validation of a session that comes from outside (an imported file, a link): every problem
 * is reported with its exact place, like the scenario validator does, e.g.
 * `inputs[3].step.node: unknown node "S9" (nodes are S1, S2, S3, S4, S5)`. Nothing here
 * throws, whatever the value; the rest of the page trusts the Session it returns.
 *
 * Besides the shape, a session must be replayable without hanging the page: every number is
 * within the limits of sim/scenario/limits.ts (the scenario validator's, said in the same words), and
 * the run it describes is bounded by MAX_SESSION_MS and MAX_SESSION_EVENTS. The shapes are the
 * valibot schemas of sim/scenario/schema.ts; an inline scenario and each input's step go
 * through the scenario validator's own checks.
 */
import * as v from 'valibot';
import type { NodeId } from '../raft/types';
import type { Scenario, Step } from '../sim/scenario/scenario';
import { SCENARIO_CATALOG } from '../sim/scenario/builtIn/catalog';
import { builtInScenario } from '../sim/scenario/builtIn/index';
import {
  FREE_PLAY_NODES,
  MAX_FREE_PLAY_NODES,
  MIN_FREE_PLAY_NODES,
  WELCOME_NAME,
  welcomeScenario,
} from '../sim/scenario/builtIn/welcome';
import {
  LIMITS,
  MAX_FILE_SIZE,
  MAX_NARRATION_STEPS,
  MAX_REPORTED_PROBLEMS,
  MAX_SPEED,
  MIN_SPEED,
  numberProblem,
  type NumberLimit,
} from '../sim/scenario/limits';
import {
  describe,
  expected,
  fields,
  flag,
  isObject,
  limited,
  list,
  Problems,
  problem,
  quote,
  readJson,
  type Schema,
  text,
  valid,
  type Validated,
  watchExpression,
} from '../sim/scenario/schema';
import { parseScenarioText, stepChecker, validateScenario } from '../sim/scenario/validateScenario';
import { WATCH_MAX_LENGTH } from '../sim/scenario/watch';

import {
  MAX_SESSION_EVENTS,
  MAX_SESSION_INPUTS,
  MAX_SESSION_MS,
  SESSION_FORMAT,
  SESSION_VERSION,
  type NarrationPlace,
  type ScenarioRef,
  type Session,
  type SessionInput,
  type SessionPosition,
} from './session';

/** The longest session text read, a file's or an unpacked link's (characters). */
export const MAX_SESSION_TEXT = MAX_FILE_SIZE;
const MAX_MESSAGE_LENGTH = 300;

function shorten(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  let cut = MAX_MESSAGE_LENGTH - 1;
  const last = message.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // do not split a surrogate pair
  return message.slice(0, cut) + '…';
}

/** The refusal shown to a person: the first problems, each kept short, then how many more. */
function refuse(errors: readonly string[], count = errors.length): { ok: false; errors: string[] } {
  const shown = errors.slice(0, MAX_REPORTED_PROBLEMS).map(shorten);
  const more = count - shown.length;
  if (more > 0) shown.push(`and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  return { ok: false, errors: shown.length > 0 ? shown : ['this session could not be read'] };
}

// ---------------------------------------------------------------------------------------
// The scenario

interface ScenarioInfo {
  readonly ref: ScenarioRef;
  readonly nodes: readonly NodeId[];
  /** The scenario's write ids and where each is, so that an input cannot reuse one. */
  readonly writeIds: ReadonlyMap<string, string>;
  /** How many steps the scenario's narration has (0: none). */
  readonly narrationSteps: number;
}

function infoOf(ref: ScenarioRef, scenario: Scenario, stepsPlace: string): ScenarioInfo {
  const writeIds = new Map<string, string>();
  scenario.steps.forEach((step, i) => {
    if (step.do === 'write') writeIds.set(step.id, `${stepsPlace}[${i}]`);
  });
  return { ref, nodes: scenario.nodes, writeIds, narrationSteps: scenario.narration.length };
}

/** Free play's number of servers (the session's optional `nodes`; absent: five). */
const FREE_PLAY_SIZE = limited({
  min: MIN_FREE_PLAY_NODES,
  max: MAX_FREE_PLAY_NODES,
  integer: true,
  whyMax: 'the most servers in a cluster',
});

function parseBuiltIn(p: Problems, place: string, name: string, nodes: number | undefined): ScenarioInfo | undefined {
  if (name === WELCOME_NAME) {
    const ref: ScenarioRef = nodes === undefined ? { kind: 'builtIn', name } : { kind: 'builtIn', name, nodes };
    return infoOf(ref, welcomeScenario(1, nodes ?? FREE_PLAY_NODES), "the scenario's steps");
  }
  const ref: ScenarioRef = { kind: 'builtIn', name };
  const scenario = builtInScenario(name);
  if (scenario !== undefined) return infoOf(ref, scenario, "the scenario's steps");
  const some = SCENARIO_CATALOG.slice(0, 3).map((entry) => entry.name);
  p.add(place, `no built-in scenario is called ${quote(name)} (try ${some.join(', ')}, …)`);
  return undefined;
}

/** A scenario carried whole, checked by the scenario validator; its problems are placed under `place`. */
function parseInline(p: Problems, place: string, json: Record<string, unknown>): ScenarioInfo | undefined {
  const result = validateScenario(json);
  if (!result.ok) {
    for (const error of result.errors) p.add('', `${place}.${error}`);
    return undefined;
  }
  return infoOf({ kind: 'inline', scenario: result.value }, result.value, `${place}.steps`);
}

/**
 * The session's scenario, and with free play ("welcome") its optional number of servers
 * `nodes` (undefined: absent or wrong; a wrong one is reported by the session's shape).
 */
function parseScenarioRef(p: Problems, json: unknown, nodes: number | undefined): ScenarioInfo | undefined {
  if (typeof json === 'string') return parseBuiltIn(p, 'scenario', json, nodes);
  if (isObject(json)) return parseInline(p, 'scenario', json);
  p.add('scenario', `expected a built-in scenario's name or a scenario object, got ${describe(json)}`);
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Settings, positions, inputs

/** A watch expression of the debugger: blank (none), or one that compiles over the scenario's nodes. */
function watch(nodes: readonly NodeId[] | undefined): Schema<string> {
  return nodes === undefined ? text(WATCH_MAX_LENGTH) : watchExpression(nodes, 'none');
}

function settings(nodes: readonly NodeId[] | undefined) {
  return fields({
    speed: v.pipe(
      v.number(expected('a number')),
      problem((speed: number) => {
        if (!Number.isFinite(speed)) return `expected a number, got ${describe(speed)}`;
        return speed >= MIN_SPEED && speed <= MAX_SPEED
          ? undefined
          : `must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${speed}`;
      }),
    ),
    breakpoints: fields({ leader: flag, term: flag, commit: flag, violation: flag, watch: watch(nodes) }),
  });
}

/** The limits on a moment of a run: events so far (`seq`) and virtual time (`t`, ms). */
interface PositionLimits {
  readonly seq: NumberLimit;
  readonly t: NumberLimit;
}

function position(limits: PositionLimits): Schema<SessionPosition> {
  return fields({ seq: limited(limits.seq), t: limited(limits.t) }, 'an object {"seq", "t"}');
}

/** A head: within the events and the time a session may describe. */
const HEAD = position({
  seq: { min: 0, max: MAX_SESSION_EVENTS, integer: true },
  t: { ...LIMITS.time, max: MAX_SESSION_MS },
});

/** At or before the head. */
function beforeHead(head: SessionPosition): PositionLimits {
  return {
    seq: { min: 0, max: head.seq, integer: true, whyMax: 'head.seq' },
    t: { min: 0, max: head.t, whyMax: 'head.t' },
  };
}

/**
 * The narration step shown (session.ts, NarrationPlace): one of the scenario's steps, counted
 * from 0. `steps` is undefined while the scenario itself is wrong (the whole is refused anyway).
 */
function narrationPlace(steps: number | undefined): Schema<NarrationPlace> {
  if (steps === 0) return v.custom<NarrationPlace>(() => false, 'the scenario has no narration (leave this field out)');
  const index: NumberLimit =
    steps === undefined
      ? { min: 0, max: MAX_NARRATION_STEPS - 1, integer: true }
      : {
          min: 0,
          max: steps - 1,
          integer: true,
          whyMax: `the scenario's narration has ${steps} ${steps === 1 ? 'step' : 'steps'}, counted from 0`,
        };
  return fields({ index: limited(index), revealed: flag }, 'an object {"index", "revealed"}');
}

const inputsShape = list(v.unknown(), 'an array of inputs', { count: MAX_SESSION_INPUTS, noun: 'inputs' });
const inputSeq = limited({ min: 1, max: Number.MAX_SAFE_INTEGER, integer: true });
const inputShape = fields({ seq: inputSeq, step: v.unknown() }, 'an input {"seq", "step"}');

/**
 * The inputs, one at a time: shape, then order (seq strictly increasing, step times never
 * going back, neither past the head) and the step through the scenario validator's checks.
 */
function parseInputs(
  p: Problems,
  raw: unknown[],
  scenario: ScenarioInfo | undefined,
  head: SessionPosition | undefined,
): SessionInput[] | undefined {
  // Scenario write ids count too: the client applies a repeated id once, silently changing the run.
  const checkStep = scenario && stepChecker(scenario.nodes, new Map(scenario.writeIds));
  const limits = head && beforeHead(head);
  const inputs: SessionInput[] = [];
  const before = p.count;
  let previous: { seq?: number; at?: number } = {};
  raw.forEach((input: unknown, i) => {
    const place = `inputs[${i}]`;
    p.parse(place, inputShape, input);
    if (!isObject(input)) return;
    const seq = valid(inputSeq, input.seq);
    if (seq !== undefined) {
      const pastHead = limits && numberProblem(seq, limits.seq);
      if (previous.seq !== undefined && seq <= previous.seq)
        p.add(`${place}.seq`, `must be greater than the previous input's (${previous.seq}), got ${seq}`);
      else if (pastHead !== undefined) p.add(`${place}.seq`, pastHead);
      previous = { ...previous, seq };
    }
    const step: Step | undefined =
      checkStep && input.step !== undefined ? checkStep(p, `${place}.step`, input.step) : undefined;
    if (step !== undefined) {
      const pastHead = limits && numberProblem(step.at, limits.t);
      if (previous.at !== undefined && step.at < previous.at)
        p.add(`${place}.step.at`, `must not be earlier than the previous input's (${previous.at}), got ${step.at}`);
      else if (pastHead !== undefined) p.add(`${place}.step.at`, pastHead);
      previous = { ...previous, at: Math.max(previous.at ?? 0, step.at) };
    }
    if (seq !== undefined && step !== undefined) inputs.push({ seq, step });
  });
  return p.count === before ? inputs : undefined;
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

  const p = new Problems(MAX_REPORTED_PROBLEMS);
  const nodes = Object.hasOwn(json, 'nodes') ? valid(FREE_PLAY_SIZE, json.nodes) : undefined;
  const scenario = Object.hasOwn(json, 'scenario') ? parseScenarioRef(p, json.scenario, nodes) : undefined;
  if (Object.hasOwn(json, 'nodes') && json.scenario !== WELCOME_NAME)
    p.add('nodes', `only free play ("${WELCOME_NAME}") takes a number of servers; leave this field out`);
  const head = valid(HEAD, json.head);
  const moment = head === undefined ? HEAD : position(beforeHead(head));

  const shape = p.parse(
    '',
    fields({
      format: v.unknown(),
      version: v.unknown(),
      scenario: v.unknown(),
      nodes: v.optional(FREE_PLAY_SIZE),
      seed: limited(LIMITS.seed),
      settings: settings(scenario?.nodes),
      inputs: inputsShape,
      head: HEAD,
      moment,
      narration: v.optional(narrationPlace(scenario?.narrationSteps)),
    }),
    json,
  );
  const rawInputs = valid(inputsShape, json.inputs);
  const inputs = rawInputs === undefined ? undefined : parseInputs(p, rawInputs, scenario, head);
  if (shape === undefined || scenario === undefined || inputs === undefined || p.count > 0)
    return refuse(p.errors, p.count);
  return {
    ok: true,
    value: {
      scenario: scenario.ref,
      seed: shape.seed,
      settings: shape.settings,
      inputs,
      head: shape.head,
      moment: shape.moment,
      ...(shape.narration === undefined ? {} : { narration: shape.narration }),
    },
  };
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
  const read = readJson(sessionText);
  return read.ok ? validateSession(read.json) : refuse([read.error]);
}

/**
 * Parses a scenario file a person opens in the page: the contract's validation plus the
 * page's limits (so a file cannot hang the simulation), with the same kind of messages.
 */
export function parseScenarioFileText(fileText: string): Validated<Scenario> {
  if (fileText.length > MAX_SESSION_TEXT) return refuse([`the file is too large: ${fileText.length} characters`]);
  try {
    const result = parseScenarioText(fileText);
    return result.ok ? result : refuse(result.errors);
  } catch {
    return refuse(['this scenario could not be read']);
  }
}
