/**
 * Validation of a scenario that comes from outside (a file, a URL, an import): every
 * problem is reported with the exact place, such as `steps[3].node: unknown node "S9"`.
 * Nothing here throws; the rest of the code trusts the Scenario it returns.
 *
 * The shapes are valibot schemas (schema.ts); the references across them are checked here:
 * node ids, write ids, partition groups, steps after `until`, and the initial states Raft
 * could have reached (votes, Log Matching).
 */
import * as v from 'valibot';
import type { Command, Entry, NodeId } from '../../raft/types';
import {
  DEFAULT_NODES,
  DEFAULT_SEED,
  DEFAULT_TIMING,
  DEFAULT_UNTIL,
  type InitialNodeState,
  type NarrationStep,
  type Scenario,
  type ScenarioOptions,
  type Step,
} from './scenario';
import {
  countProblem,
  LIMITS,
  MAX_DESCRIPTION_LENGTH,
  MAX_LOG_ENTRIES,
  MAX_NAME_LENGTH,
  MAX_NODES,
  MAX_STEPS,
  MAX_WORD_LENGTH,
  type NumberLimit,
} from './limits';
import { narrationSchema } from './validateNarration';
import {
  describe,
  dictOf,
  expected,
  fields,
  flag,
  isObject,
  limited,
  list,
  pathOf,
  type Place,
  Problems,
  problem,
  quote,
  readJson,
  type Schema,
  text,
  unchecked,
  valid,
  type Validated,
  nodeRef,
  unknownNode,
} from './schema';
import { dict, type Dict } from '../../util/dict';

export type { Validated } from './schema';

const time = limited(LIMITS.time);
const writeId = text(MAX_WORD_LENGTH, false);

/** `[min, max]`, both within `limit`. */
function range(limit: NumberLimit): Schema<[number, number]> {
  const end = limited(limit);
  return v.pipe(
    v.custom<unknown[]>((x) => Array.isArray(x) && x.length === 2, expected('[min, max]')),
    v.tuple([end, end]),
    problem(([lo, hi]: [number, number]) => (lo > hi ? `min ${lo} is greater than max ${hi}` : undefined)),
  );
}

const probability = v.pipe(
  v.number(expected('a number')),
  problem((n: number) => {
    if (!Number.isFinite(n)) return `expected a number, got ${describe(n)}`;
    if (n < 0) return `must be at least 0, got ${n}`;
    return n > 1 ? `must be a probability between 0 and 1, got ${n}` : undefined;
  }),
);

const NODE_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** The servers: 1 to MAX_NODES distinct ids of letters, digits, _ and -; "client" is taken. */
const nodesSchema: Schema<NodeId[]> = v.pipe(
  v.custom<unknown[]>(
    (x) => Array.isArray(x) && x.length > 0,
    ({ input }) =>
      `expected a non-empty array of node ids, got ${Array.isArray(input) ? 'an empty array' : describe(input)}`,
  ),
  problem((ids: unknown[]) => countProblem(ids.length, MAX_NODES, 'nodes')),
  v.array(
    v.pipe(
      text(MAX_WORD_LENGTH, false),
      problem((id: string) => {
        if (id === 'client') return '"client" is reserved for the client';
        return NODE_ID.test(id) ? undefined : `node ids are 1 to 16 letters, digits, _ or -, got ${quote(id)}`;
      }),
    ),
  ),
  // Each id once, among those well formed (so a malformed one is not also called a duplicate).
  v.rawCheck(({ dataset, addIssue }) => {
    const seen = new Set<string>();
    (dataset.value as unknown[]).forEach((id, i) => {
      if (typeof id !== 'string' || !NODE_ID.test(id) || id === 'client') return;
      if (seen.has(id)) addIssue({ message: `duplicate node ${quote(id)}`, path: pathOf([i]) });
      seen.add(id);
    });
  }),
);

const timing = fields({
  electionTimeout: v.optional(range(LIMITS.electionTimeout), DEFAULT_TIMING.electionTimeout),
  heartbeatInterval: v.optional(limited(LIMITS.heartbeatInterval), DEFAULT_TIMING.heartbeatInterval),
  latency: v.optional(range(LIMITS.latency), DEFAULT_TIMING.latency),
});

/** Teaching switches: an object of the known names, each true or false. */
const rules = fields({
  commitOldTermByCount: v.optional(flag),
  skipUpToDateCheck: v.optional(flag),
  forgetVotedForOnRestart: v.optional(flag),
});

// valibot's optional fields are `?: T | undefined`; JSON has no undefined, so the shapes agree.
const options = fields({
  leaderNoop: v.optional(flag),
  preVote: v.optional(flag),
  checkQuorum: v.optional(flag),
  rules: v.optional(rules),
}) as Schema<ScenarioOptions>;

const noop = fields({ op: v.literal('noop') });
const set = fields({ op: v.literal('set'), id: writeId, key: text(), value: text() });
const wrongOp = ({ input }: v.BaseIssue<unknown>) => `expected "set" or "noop", got ${describe(input)}`;
const otherOp = v.looseObject({ op: v.custom<never>(() => false, wrongOp) }, wrongOp);

/** A state machine command, by its `op`. */
const command: Schema<Command> = v.pipe(
  v.custom<unknown>(isObject, expected('an object')),
  v.lazy((input) => {
    const op = isObject(input) ? input.op : undefined;
    return op === 'noop' ? noop : op === 'set' ? set : otherOp;
  }),
);

const entry = fields({ term: limited(LIMITS.entryTerm), command }, 'an entry {"term", "command"}');

/** One server's starting state; its log's terms never decrease and never pass its own term. */
function nodeState(nodes: readonly NodeId[]): Schema<InitialNodeState> {
  return v.pipe(
    fields({
      term: v.optional(limited(LIMITS.term), 0),
      votedFor: v.nullish(nodeRef(nodes), null),
      log: v.optional(list(entry, 'an array of entries', { count: MAX_LOG_ENTRIES, noun: 'entries' }), () => []),
    }),
    problem(({ term, log }, report) => {
      log.forEach((e, i) => {
        const previous = log[i - 1];
        if (previous !== undefined && e.term < previous.term)
          report(['log', i, 'term'], `terms never decrease along a log: ${e.term} follows ${previous.term}`);
        if (e.term > term) report(['log', i, 'term'], `entry term ${e.term} is later than the node's term ${term}`);
      });
      return undefined;
    }),
  );
}

function initialSchema(nodes: readonly NodeId[]) {
  return v.pipe(
    dictOf(
      (id) => (nodes.includes(id) ? undefined : unknownNode(id, nodes)),
      nodeState(nodes),
      'an object keyed by node id',
    ),
    problem((initial, report) => {
      checkVotes(report, nodes, initial);
      checkLogMatching(report, nodes, initial);
      return undefined;
    }),
  );
}

type Report = (place: Place, message: string) => void;

const NOBODY: InitialNodeState = { term: 0, votedFor: null, log: [] };

function stateOf(initial: Readonly<Record<NodeId, InitialNodeState>>, id: NodeId): InitialNodeState {
  return Object.hasOwn(initial, id) ? initial[id]! : NOBODY;
}

/**
 * Votes an initial state may hold (Figure 2, RequestVote and Rules for Servers): a server votes
 * only in a term someone stood in, so never in term 0; a candidate stands in its own term, so
 * whoever got a vote in term T reached term T; and it voted for itself in T, so while it is
 * still in term T its votedFor is itself.
 */
function checkVotes(
  report: Report,
  nodes: readonly NodeId[],
  initial: Readonly<Record<NodeId, InitialNodeState>>,
): void {
  for (const id of nodes) {
    const { term, votedFor } = stateOf(initial, id);
    if (votedFor === null) continue;
    const place: Place = [id, 'votedFor'];
    if (term === 0) {
      report(place, `no server votes in term 0 (the first election is in term 1), but ${id} voted for ${votedFor}`);
      continue;
    }
    if (votedFor === id) continue;
    const candidate = stateOf(initial, votedFor);
    if (candidate.term < term) {
      report(
        place,
        `${id} voted for ${votedFor} in term ${term}, so ${votedFor} stood in term ${term}, but ${votedFor}'s term is ${candidate.term} (terms never go back)`,
      );
    } else if (candidate.term === term && candidate.votedFor !== votedFor) {
      report(
        place,
        `${id} voted for ${votedFor} in term ${term}, so ${votedFor} voted for itself in term ${term}, but ${votedFor}'s votedFor is ${candidate.votedFor ?? 'null'}`,
      );
    }
  }
}

function sameEntry(a: Entry, b: Entry): boolean {
  if (a.term !== b.term || a.command.op !== b.command.op) return false;
  if (a.command.op !== 'set' || b.command.op !== 'set') return true;
  return a.command.id === b.command.id && a.command.key === b.command.key && a.command.value === b.command.value;
}

function entryLabel(e: Entry): string {
  const c = e.command;
  return c.op === 'set' ? `term ${e.term}, ${c.id}: ${c.key}=${c.value}` : `term ${e.term}, ${c.op}`;
}

/**
 * Log Matching (Figure 3, section 5.3): if two logs have an entry with the same index and
 * term, they are identical in all entries up through that index. For each pair of servers,
 * the last index where their terms agree must close a common prefix; the first entry that
 * breaks it is reported on the later server's log. Costs the logs' length per pair.
 */
function checkLogMatching(
  report: Report,
  nodes: readonly NodeId[],
  initial: Readonly<Record<NodeId, InitialNodeState>>,
): void {
  nodes.forEach((a, k) => {
    const logA = stateOf(initial, a).log;
    for (const b of nodes.slice(k + 1)) {
      const logB = stateOf(initial, b).log;
      let last = Math.min(logA.length, logB.length) - 1;
      while (last >= 0 && logA[last]!.term !== logB[last]!.term) last--;
      let first = 0;
      while (first <= last && sameEntry(logA[first]!, logB[first]!)) first++;
      if (first > last) continue;
      const ea = logA[first]!;
      const eb = logB[first]!;
      const place: Place = [b, 'log', first];
      if (first === last) {
        report(
          place,
          `breaks Log Matching: ${a} has another entry with the same index (${first + 1}) and term (${ea.term}): ${a} has ${entryLabel(ea)}, ${b} has ${entryLabel(eb)}`,
        );
      } else {
        report(
          place,
          `breaks Log Matching: ${a} and ${b} both have term ${logA[last]!.term} at index ${last + 1}, so they must agree on every entry before it, but at index ${first + 1} ${a} has ${entryLabel(ea)} and ${b} has ${entryLabel(eb)}`,
        );
      }
    }
  });
}

/** What each action takes besides `at`, `do` and `late`, in the order of its fields. */
function stepFields(nodes: readonly NodeId[]): Record<Step['do'], v.ObjectEntries> {
  const node = nodeRef(nodes);
  const msgId = limited(LIMITS.msgId);
  return {
    crash: { node },
    restart: { node },
    timeout: { node },
    write: { id: writeId, key: text(), value: text(), to: v.optional(node) },
    partition: {
      groups: list(list(node, 'an array of node ids'), 'an array of groups of node ids', {
        count: MAX_NODES,
        noun: 'groups',
      }),
    },
    heal: {},
    cut: { from: node, to: node },
    network: {
      drop: v.optional(probability),
      duplicate: v.optional(probability),
      latency: v.optional(range(LIMITS.latency)),
    },
    restore: { from: node, to: node },
    drop: { msgId },
    deliverNow: { msgId },
    spreadTimers: {},
    alignTimers: {},
    hold: { on: flag },
    duplicate: { msgId },
    rules: { rules },
    transferLeadership: { to: node },
    clock: { node, rate: limited(LIMITS.clockRate) },
    options: { preVote: v.optional(flag), checkQuorum: v.optional(flag) },
  };
}

/** One step, by its action (`do`); `late` only when true, last. */
function stepSchema(nodes: readonly NodeId[]): Schema<Step> {
  const actions = new Map<string, Schema<Step>>();
  const byAction = stepFields(nodes);
  for (const [action, entries] of Object.entries(byAction)) {
    const schema = v.pipe(
      fields({ at: time, do: v.literal(action), late: v.optional(flag), ...entries }),
      v.transform(({ late, ...step }) => (late === true ? { ...step, late } : step)),
    );
    // Typed by stepFields only as "some fields"; together they are the shapes of Step.
    actions.set(action, schema as unknown as Schema<Step>);
  }
  const unknownAction = ({ input }: v.BaseIssue<unknown>) =>
    `unknown action ${describe(input)} (expected one of ${Object.keys(byAction).join(', ')})`;
  const other = v.looseObject({ at: time, do: v.custom<never>(() => false, unknownAction) }, 'is required');
  return v.pipe(
    v.custom<unknown>(isObject, expected('a step object')),
    v.lazy((input) => (isObject(input) && typeof input.do === 'string' && actions.get(input.do)) || other),
  );
}

/**
 * Checks steps one at a time, as `check(problems, place, value)`: the step's shape, then
 * what a step's schema cannot see: a write id used before (`writeIds`: id to where, shared
 * with the caller so a session's inputs count the scenario's), a server in two partition
 * groups, an `options` step that switches nothing. Returns the step if all is well.
 */
export function stepChecker(nodes: readonly NodeId[], writeIds: Map<string, string>) {
  const schema = stepSchema(nodes);
  const node = nodeRef(nodes);
  return (p: Problems, place: string, raw: unknown): Step | undefined => {
    const before = p.count;
    const step = p.parse(place, schema, raw);
    if (step?.do === 'options' && step.preVote === undefined && step.checkQuorum === undefined)
      p.add(place, 'an options step switches preVote, checkQuorum or both, but names neither');
    const id = isObject(raw) && raw.do === 'write' ? valid(writeId, raw.id) : undefined;
    if (id !== undefined) {
      const earlier = writeIds.get(id);
      if (earlier !== undefined) p.add(`${place}.id`, `duplicate write id ${quote(id)} (also used at ${earlier})`);
      else writeIds.set(id, place);
    }
    if (isObject(raw) && raw.do === 'partition' && Array.isArray(raw.groups) && raw.groups.length <= MAX_NODES) {
      const seen = new Map<string, string>();
      raw.groups.forEach((group: unknown, g: number) => {
        if (!Array.isArray(group)) return;
        group.forEach((member: unknown, m: number) => {
          const id = valid(node, member);
          if (id === undefined) return;
          const other = seen.get(id);
          if (other !== undefined) p.add(`${place}.groups[${g}][${m}]`, `node ${quote(id)} is already in ${other}`);
          else seen.set(id, `${place}.groups[${g}]`);
        });
      });
    }
    return p.count === before ? step : undefined;
  };
}

const stepsShape = v.pipe(
  v.custom<unknown[]>((x) => Array.isArray(x), expected('an array of steps')),
  problem((steps: unknown[]) => countProblem(steps.length, MAX_STEPS, 'steps')),
);
const until = v.optional(limited(LIMITS.until), DEFAULT_UNTIL);
const nodesField = v.optional(nodesSchema, () => [...DEFAULT_NODES]);

/** Everything but the steps' items; initial and narration only once the nodes are known. */
function scenarioSchema(nodes: readonly NodeId[] | undefined) {
  return fields({
    name: v.optional(text(MAX_NAME_LENGTH), 'untitled'),
    title: v.optional(text(MAX_NAME_LENGTH)),
    description: v.optional(text(MAX_DESCRIPTION_LENGTH), ''),
    seed: v.optional(limited(LIMITS.seed), DEFAULT_SEED),
    nodes: nodesField,
    timing: v.optional(timing, DEFAULT_TIMING),
    initial: v.optional(nodes === undefined ? unchecked<Dict<InitialNodeState>>() : initialSchema(nodes), () =>
      dict<InitialNodeState>(),
    ),
    steps: stepsShape,
    until,
    options: v.optional(options, () => ({})),
    narration: v.optional(nodes === undefined ? unchecked<NarrationStep[]>() : narrationSchema(nodes), () => []),
  });
}

/** Validates a parsed JSON value as a scenario, filling in the contract's defaults. */
export function validateScenario(json: unknown): Validated<Scenario> {
  if (!isObject(json)) return { ok: false, errors: [`a scenario is a JSON object, got ${describe(json)}`] };
  const p = new Problems();
  const nodes = valid(nodesField, json.nodes);
  const shape = p.parse('', scenarioSchema(nodes), json);
  const last = valid(until, json.until);
  const steps: Step[] = [];
  const rawSteps = valid(stepsShape, json.steps);
  if (nodes !== undefined && rawSteps !== undefined) {
    const check = stepChecker(nodes, new Map());
    rawSteps.forEach((raw, i) => {
      const step = check(p, `steps[${i}]`, raw);
      if (step === undefined) return;
      // A step after the end never runs in a headless run but would on the page, which runs on.
      if (last !== undefined && step.at > last)
        p.add(`steps[${i}].at`, `must be at most ${last} (until), got ${step.at}`);
      steps.push(step);
    });
  }
  if (shape === undefined || p.count > 0) return { ok: false, errors: p.errors };
  const { name, description, seed, timing, initial, options, narration } = shape;
  return {
    ok: true,
    value: {
      name,
      description,
      seed,
      nodes: shape.nodes,
      timing,
      initial,
      steps,
      until: shape.until,
      options,
      narration,
    },
  };
}

/** Parses scenario text (JSON), reporting a syntax error with its position. */
export function parseScenarioText(textValue: string): Validated<Scenario> {
  const read = readJson(textValue);
  return read.ok ? validateScenario(read.json) : { ok: false, errors: [read.error] };
}
