/**
 * Validation of a scenario that comes from outside (a file, a URL, an import): every
 * problem is reported with the exact place, such as `steps[3].node: unknown node "S9"`.
 * Nothing here throws; the rest of the code trusts the Scenario it returns.
 */
import type { Command, Entry, NodeId, RuleSwitches } from '../../raft/types';
import {
  DEFAULT_NODES,
  DEFAULT_SEED,
  DEFAULT_TIMING,
  DEFAULT_UNTIL,
  type InitialNodeState,
  type Scenario,
  type ScenarioOptions,
  type Step,
  type Timing,
} from './scenario';
import {
  countProblem,
  LIMITS,
  lengthProblem,
  MAX_DESCRIPTION_LENGTH,
  MAX_LOG_ENTRIES,
  MAX_NAME_LENGTH,
  MAX_NODES,
  MAX_STEPS,
  MAX_WORD_LENGTH,
  numberProblem,
  type NumberLimit,
} from './limits';
import { parseNarration } from './validateNarration';
import { dict } from '../../util/dict';
import { jsonSyntaxProblem } from '../../util/jsonSyntax';

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

type Json = unknown;

class Problems {
  readonly errors: string[] = [];
  add(path: string, message: string): void {
    this.errors.push(path === '' ? message : `${path}: ${message}`);
  }
}

export function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

export function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
}

function checkKeys(p: Problems, path: string, obj: Record<string, Json>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      p.add(path === '' ? key : `${path}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
  }
}

export function finiteNumber(p: Problems, path: string, v: Json, min: number, minInclusive = true): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    p.add(path, `expected a number, got ${describe(v)}`);
    return undefined;
  }
  if (minInclusive ? v < min : v <= min) {
    p.add(path, `must be ${minInclusive ? 'at least' : 'greater than'} ${min}, got ${v}`);
    return undefined;
  }
  return v;
}

export function integer(p: Problems, path: string, v: Json, min: number): number | undefined {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    p.add(path, `expected an integer, got ${describe(v)}`);
    return undefined;
  }
  if (v < min) {
    p.add(path, `must be at least ${min}, got ${v}`);
    return undefined;
  }
  return v;
}

/**
 * A number within one of the limits of limits.ts, with the words every border uses:
 * `expected an integer, got number 1.5`, `must be at most 3600000 (one hour of virtual time), got 1e+300`.
 */
export function limited(p: Problems, path: string, v: Json, limit: NumberLimit): number | undefined {
  const whole = limit.integer === true;
  if (typeof v !== 'number' || !Number.isFinite(v) || (whole && !Number.isSafeInteger(v))) {
    p.add(path, `expected ${whole ? 'an integer' : 'a number'}, got ${describe(v)}`);
    return undefined;
  }
  const problem = numberProblem(v, limit);
  if (problem === undefined) return v;
  p.add(path, problem);
  return undefined;
}

function probability(p: Problems, path: string, v: Json): number | undefined {
  const n = finiteNumber(p, path, v, 0);
  if (n !== undefined && n > 1) {
    p.add(path, `must be a probability between 0 and 1, got ${n}`);
    return undefined;
  }
  return n;
}

function range(p: Problems, path: string, v: Json, limit: NumberLimit): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) {
    p.add(path, `expected [min, max], got ${describe(v)}`);
    return undefined;
  }
  const lo = limited(p, `${path}[0]`, v[0], limit);
  const hi = limited(p, `${path}[1]`, v[1], limit);
  if (lo === undefined || hi === undefined) return undefined;
  if (lo > hi) {
    p.add(path, `min ${lo} is greater than max ${hi}`);
    return undefined;
  }
  return [lo, hi];
}

/** A string of at most `maxLength` characters (MAX_WORD_LENGTH unless said), empty only if `allowEmpty`. */
export function text(
  p: Problems,
  path: string,
  v: Json,
  allowEmpty = true,
  maxLength = MAX_WORD_LENGTH,
): string | undefined {
  if (typeof v !== 'string') {
    p.add(path, `expected a string, got ${describe(v)}`);
    return undefined;
  }
  if (!allowEmpty && v.length === 0) {
    p.add(path, 'must not be empty');
    return undefined;
  }
  const tooLong = lengthProblem(v, maxLength);
  if (tooLong !== undefined) {
    p.add(path, tooLong);
    return undefined;
  }
  const lone = LONE_SURROGATE.exec(v);
  if (lone !== null) {
    // Such a string cannot survive UTF-8 (a file, a link): it would come back as another name.
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    p.add(path, `is not valid Unicode text: a lone surrogate \\u${code} at character ${lone.index + 1}`);
    return undefined;
  }
  return v;
}

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function nodeRef(p: Problems, path: string, v: Json, nodes: readonly NodeId[]): NodeId | undefined {
  const id = text(p, path, v);
  if (id === undefined) return undefined;
  if (!nodes.includes(id)) {
    p.add(path, `unknown node ${quote(id)} (nodes are ${nodes.join(', ')})`);
    return undefined;
  }
  return id;
}

function required(p: Problems, path: string, obj: Record<string, Json>, key: string): Json {
  if (!(key in obj)) p.add(path === '' ? key : `${path}.${key}`, 'is required');
  return obj[key];
}

function parseNodes(p: Problems, v: Json): NodeId[] | undefined {
  if (v === undefined) return [...DEFAULT_NODES];
  if (!Array.isArray(v) || v.length === 0) {
    p.add('nodes', `expected a non-empty array of node ids, got ${Array.isArray(v) ? 'an empty array' : describe(v)}`);
    return undefined;
  }
  const tooMany = countProblem(v.length, MAX_NODES, 'nodes');
  if (tooMany !== undefined) {
    p.add('nodes', tooMany);
    return undefined;
  }
  const ids: NodeId[] = [];
  v.forEach((item, i) => {
    const id = text(p, `nodes[${i}]`, item, false);
    if (id === undefined) return;
    if (id === 'client') p.add(`nodes[${i}]`, '"client" is reserved for the client');
    else if (ids.includes(id)) p.add(`nodes[${i}]`, `duplicate node ${quote(id)}`);
    else if (!/^[A-Za-z0-9_-]{1,16}$/.test(id))
      p.add(`nodes[${i}]`, `node ids are 1 to 16 letters, digits, _ or -, got ${quote(id)}`);
    else ids.push(id);
  });
  return ids.length === v.length ? ids : undefined;
}

function parseTiming(p: Problems, v: Json): Timing | undefined {
  if (v === undefined) return DEFAULT_TIMING;
  if (!isObject(v)) {
    p.add('timing', `expected an object, got ${describe(v)}`);
    return undefined;
  }
  checkKeys(p, 'timing', v, ['electionTimeout', 'heartbeatInterval', 'latency']);
  const electionTimeout =
    v.electionTimeout === undefined
      ? DEFAULT_TIMING.electionTimeout
      : range(p, 'timing.electionTimeout', v.electionTimeout, LIMITS.electionTimeout);
  const heartbeatInterval =
    v.heartbeatInterval === undefined
      ? DEFAULT_TIMING.heartbeatInterval
      : limited(p, 'timing.heartbeatInterval', v.heartbeatInterval, LIMITS.heartbeatInterval);
  const latency =
    v.latency === undefined ? DEFAULT_TIMING.latency : range(p, 'timing.latency', v.latency, LIMITS.latency);
  if (electionTimeout === undefined || heartbeatInterval === undefined || latency === undefined) return undefined;
  return { electionTimeout, heartbeatInterval, latency };
}

function parseCommand(p: Problems, path: string, v: Json): Command | undefined {
  if (!isObject(v)) {
    p.add(path, `expected an object, got ${describe(v)}`);
    return undefined;
  }
  if (v.op === 'noop') {
    checkKeys(p, path, v, ['op']);
    return { op: 'noop' };
  }
  if (v.op !== 'set') {
    p.add(`${path}.op`, `expected "set" or "noop", got ${describe(v.op)}`);
    return undefined;
  }
  checkKeys(p, path, v, ['op', 'id', 'key', 'value']);
  const id = text(p, `${path}.id`, required(p, path, v, 'id'), false);
  const key = text(p, `${path}.key`, required(p, path, v, 'key'));
  const value = text(p, `${path}.value`, required(p, path, v, 'value'));
  if (id === undefined || key === undefined || value === undefined) return undefined;
  return { op: 'set', id, key, value };
}

function parseInitial(p: Problems, v: Json, nodes: readonly NodeId[]): Record<NodeId, InitialNodeState> | undefined {
  if (v === undefined) return dict();
  if (!isObject(v)) {
    p.add('initial', `expected an object keyed by node id, got ${describe(v)}`);
    return undefined;
  }
  const result: Record<NodeId, InitialNodeState> = dict();
  let fine = true;
  for (const [id, state] of Object.entries(v)) {
    const path = `initial.${id}`;
    if (!nodes.includes(id)) {
      p.add(path, `unknown node ${quote(id)} (nodes are ${nodes.join(', ')})`);
      fine = false;
      continue;
    }
    if (!isObject(state)) {
      p.add(path, `expected an object, got ${describe(state)}`);
      fine = false;
      continue;
    }
    checkKeys(p, path, state, ['term', 'votedFor', 'log']);
    const term = state.term === undefined ? 0 : limited(p, `${path}.term`, state.term, LIMITS.term);
    const votedFor =
      state.votedFor === undefined || state.votedFor === null
        ? null
        : (nodeRef(p, `${path}.votedFor`, state.votedFor, nodes) ?? null);
    const log: Entry[] = [];
    const tooLong = Array.isArray(state.log) ? countProblem(state.log.length, MAX_LOG_ENTRIES, 'entries') : undefined;
    if (state.log !== undefined && !Array.isArray(state.log)) {
      p.add(`${path}.log`, `expected an array of entries, got ${describe(state.log)}`);
      fine = false;
    } else if (tooLong !== undefined) {
      p.add(`${path}.log`, tooLong);
      fine = false;
    } else {
      (state.log ?? []).forEach((entry: Json, i: number) => {
        const ep = `${path}.log[${i}]`;
        if (!isObject(entry)) {
          p.add(ep, `expected an entry {"term", "command"}, got ${describe(entry)}`);
          fine = false;
          return;
        }
        checkKeys(p, ep, entry, ['term', 'command']);
        const entryTerm = limited(p, `${ep}.term`, required(p, ep, entry, 'term'), LIMITS.entryTerm);
        const command = parseCommand(p, `${ep}.command`, required(p, ep, entry, 'command'));
        if (entryTerm === undefined || command === undefined) {
          fine = false;
          return;
        }
        const previous = log[log.length - 1];
        if (previous !== undefined && entryTerm < previous.term) {
          p.add(`${ep}.term`, `terms never decrease along a log: ${entryTerm} follows ${previous.term}`);
          fine = false;
        }
        if (term !== undefined && entryTerm > term) {
          p.add(`${ep}.term`, `entry term ${entryTerm} is later than the node's term ${term}`);
          fine = false;
        }
        log.push({ term: entryTerm, command });
      });
    }
    if (term === undefined || (state.votedFor !== undefined && state.votedFor !== null && votedFor === null)) {
      fine = false;
      continue;
    }
    result[id] = { term, votedFor, log };
  }
  if (!fine) return undefined;
  const before = p.errors.length;
  checkVotes(p, nodes, result);
  checkLogMatching(p, nodes, result);
  return p.errors.length === before ? result : undefined;
}

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
function checkVotes(p: Problems, nodes: readonly NodeId[], initial: Readonly<Record<NodeId, InitialNodeState>>): void {
  for (const id of nodes) {
    const { term, votedFor } = stateOf(initial, id);
    if (votedFor === null) continue;
    const path = `initial.${id}.votedFor`;
    if (term === 0) {
      p.add(path, `no server votes in term 0 (the first election is in term 1), but ${id} voted for ${votedFor}`);
      continue;
    }
    if (votedFor === id) continue;
    const candidate = stateOf(initial, votedFor);
    if (candidate.term < term) {
      p.add(
        path,
        `${id} voted for ${votedFor} in term ${term}, so ${votedFor} stood in term ${term}, but ${votedFor}'s term is ${candidate.term} (terms never go back)`,
      );
    } else if (candidate.term === term && candidate.votedFor !== votedFor) {
      p.add(
        path,
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
  p: Problems,
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
      const path = `initial.${b}.log[${first}]`;
      if (first === last) {
        p.add(
          path,
          `breaks Log Matching: ${a} has another entry with the same index (${first + 1}) and term (${ea.term}): ${a} has ${entryLabel(ea)}, ${b} has ${entryLabel(eb)}`,
        );
      } else {
        p.add(
          path,
          `breaks Log Matching: ${a} and ${b} both have term ${logA[last]!.term} at index ${last + 1}, so they must agree on every entry before it, but at index ${first + 1} ${a} has ${entryLabel(ea)} and ${b} has ${entryLabel(eb)}`,
        );
      }
    }
  });
}

const STEP_FIELDS: Record<Step['do'], readonly string[]> = {
  crash: ['node'],
  restart: ['node'],
  timeout: ['node'],
  write: ['id', 'key', 'value', 'to'],
  partition: ['groups'],
  heal: [],
  cut: ['from', 'to'],
  network: ['drop', 'duplicate', 'latency'],
  restore: ['from', 'to'],
  drop: ['msgId'],
  deliverNow: ['msgId'],
  spreadTimers: [],
  alignTimers: [],
  hold: ['on'],
  duplicate: ['msgId'],
  rules: ['rules'],
};

export function parseStep(
  p: Problems,
  path: string,
  v: Json,
  nodes: readonly NodeId[],
  writeIds: Map<string, string>,
): Step | undefined {
  if (!isObject(v)) {
    p.add(path, `expected a step object, got ${describe(v)}`);
    return undefined;
  }
  const at = limited(p, `${path}.at`, required(p, path, v, 'at'), LIMITS.time);
  const kind = required(p, path, v, 'do');
  if (typeof kind !== 'string' || !Object.hasOwn(STEP_FIELDS, kind)) {
    if (kind !== undefined)
      p.add(`${path}.do`, `unknown action ${describe(kind)} (expected one of ${Object.keys(STEP_FIELDS).join(', ')})`);
    return undefined;
  }
  const doKind = kind as Step['do'];
  checkKeys(p, path, v, ['at', 'do', 'late', ...STEP_FIELDS[doKind]]);
  const errorsBefore = p.errors.length;
  let step: Step | undefined;
  switch (doKind) {
    case 'crash':
    case 'restart':
    case 'timeout': {
      const node = nodeRef(p, `${path}.node`, required(p, path, v, 'node'), nodes);
      if (at !== undefined && node !== undefined) step = { at, do: doKind, node };
      break;
    }
    case 'write': {
      const id = text(p, `${path}.id`, required(p, path, v, 'id'), false);
      const key = text(p, `${path}.key`, required(p, path, v, 'key'));
      const value = text(p, `${path}.value`, required(p, path, v, 'value'));
      const to = v.to === undefined ? undefined : nodeRef(p, `${path}.to`, v.to, nodes);
      if (id !== undefined) {
        const earlier = writeIds.get(id);
        if (earlier !== undefined) p.add(`${path}.id`, `duplicate write id ${quote(id)} (also used at ${earlier})`);
        else writeIds.set(id, path);
      }
      if (at !== undefined && id !== undefined && key !== undefined && value !== undefined) {
        step = to === undefined ? { at, do: 'write', id, key, value } : { at, do: 'write', id, key, value, to };
      }
      break;
    }
    case 'partition': {
      const groups = required(p, path, v, 'groups');
      if (!Array.isArray(groups)) {
        p.add(`${path}.groups`, `expected an array of groups of node ids, got ${describe(groups)}`);
        break;
      }
      const tooMany = countProblem(groups.length, MAX_NODES, 'groups');
      if (tooMany !== undefined) {
        p.add(`${path}.groups`, tooMany);
        break;
      }
      const seen = new Map<string, string>();
      const parsed: NodeId[][] = [];
      groups.forEach((group: Json, g: number) => {
        const gp = `${path}.groups[${g}]`;
        if (!Array.isArray(group)) {
          p.add(gp, `expected an array of node ids, got ${describe(group)}`);
          return;
        }
        const members: NodeId[] = [];
        group.forEach((member: Json, m: number) => {
          const id = nodeRef(p, `${gp}[${m}]`, member, nodes);
          if (id === undefined) return;
          const other = seen.get(id);
          if (other !== undefined) p.add(`${gp}[${m}]`, `node ${quote(id)} is already in ${other}`);
          else {
            seen.set(id, gp);
            members.push(id);
          }
        });
        parsed.push(members);
      });
      if (at !== undefined) step = { at, do: 'partition', groups: parsed };
      break;
    }
    case 'heal':
      if (at !== undefined) step = { at, do: 'heal' };
      break;
    case 'cut':
    case 'restore': {
      const from = nodeRef(p, `${path}.from`, required(p, path, v, 'from'), nodes);
      const to = nodeRef(p, `${path}.to`, required(p, path, v, 'to'), nodes);
      if (at !== undefined && from !== undefined && to !== undefined) step = { at, do: doKind, from, to };
      break;
    }
    case 'hold': {
      const on = required(p, path, v, 'on');
      if (typeof on !== 'boolean') p.add(`${path}.on`, `expected true or false, got ${describe(on)}`);
      else if (at !== undefined) step = { at, do: 'hold', on };
      break;
    }
    case 'rules': {
      const rules = parseRules(p, `${path}.rules`, required(p, path, v, 'rules'));
      if (at !== undefined && rules !== undefined) step = { at, do: 'rules', rules };
      break;
    }
    case 'drop':
    case 'duplicate':
    case 'deliverNow': {
      const msgId = limited(p, `${path}.msgId`, required(p, path, v, 'msgId'), LIMITS.msgId);
      if (at !== undefined && msgId !== undefined) step = { at, do: doKind, msgId };
      break;
    }
    case 'spreadTimers':
    case 'alignTimers':
      if (at !== undefined) step = { at, do: doKind };
      break;
    case 'network': {
      const drop = v.drop === undefined ? undefined : probability(p, `${path}.drop`, v.drop);
      const duplicate = v.duplicate === undefined ? undefined : probability(p, `${path}.duplicate`, v.duplicate);
      const latency = v.latency === undefined ? undefined : range(p, `${path}.latency`, v.latency, LIMITS.latency);
      if (at !== undefined) {
        step = {
          at,
          do: 'network',
          ...(drop === undefined ? {} : { drop }),
          ...(duplicate === undefined ? {} : { duplicate }),
          ...(latency === undefined ? {} : { latency }),
        };
      }
      break;
    }
  }
  if (v.late !== undefined && typeof v.late !== 'boolean')
    p.add(`${path}.late`, `expected true or false, got ${describe(v.late)}`);
  if (v.late === true && step !== undefined) step = { ...step, late: true };
  return p.errors.length === errorsBefore ? step : undefined;
}

function parseOptions(p: Problems, v: Json): ScenarioOptions | undefined {
  if (v === undefined) return {};
  if (!isObject(v)) {
    p.add('options', `expected an object, got ${describe(v)}`);
    return undefined;
  }
  checkKeys(p, 'options', v, ['leaderNoop', 'rules']);
  const options: { leaderNoop?: boolean; rules?: Partial<RuleSwitches> } = {};
  if (v.leaderNoop !== undefined) {
    if (typeof v.leaderNoop !== 'boolean')
      p.add('options.leaderNoop', `expected true or false, got ${describe(v.leaderNoop)}`);
    else options.leaderNoop = v.leaderNoop;
  }
  if (v.rules !== undefined) {
    const rules = parseRules(p, 'options.rules', v.rules);
    if (rules !== undefined) options.rules = rules;
  }
  return options;
}

/** Teaching switches: an object of the known names, each true or false. */
function parseRules(p: Problems, path: string, rules: Json): Partial<RuleSwitches> | undefined {
  if (rules === undefined) return undefined;
  if (!isObject(rules)) {
    p.add(path, `expected an object, got ${describe(rules)}`);
    return undefined;
  }
  const names: (keyof RuleSwitches)[] = ['commitOldTermByCount', 'skipUpToDateCheck', 'forgetVotedForOnRestart'];
  checkKeys(p, path, rules, names);
  const parsed: { -readonly [K in keyof RuleSwitches]?: boolean } = {};
  for (const name of names) {
    const flag = rules[name];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') p.add(`${path}.${name}`, `expected true or false, got ${describe(flag)}`);
    else parsed[name] = flag;
  }
  return parsed;
}

/** Validates a parsed JSON value as a scenario, filling in the contract's defaults. */
export function validateScenario(v: Json): Validated<Scenario> {
  const p = new Problems();
  if (!isObject(v)) {
    p.add('', `a scenario is a JSON object, got ${describe(v)}`);
    return { ok: false, errors: p.errors };
  }
  checkKeys(p, '', v, [
    'name',
    'title',
    'description',
    'seed',
    'nodes',
    'timing',
    'initial',
    'steps',
    'until',
    'options',
    'narration',
  ]);
  const name = v.name === undefined ? 'untitled' : text(p, 'name', v.name, true, MAX_NAME_LENGTH);
  if (v.title !== undefined) text(p, 'title', v.title, true, MAX_NAME_LENGTH);
  const description =
    v.description === undefined ? '' : text(p, 'description', v.description, true, MAX_DESCRIPTION_LENGTH);
  const seed = v.seed === undefined ? DEFAULT_SEED : limited(p, 'seed', v.seed, LIMITS.seed);
  const nodes = parseNodes(p, v.nodes);
  const timing = parseTiming(p, v.timing);
  const initial = nodes === undefined ? undefined : parseInitial(p, v.initial, nodes);
  const until = v.until === undefined ? DEFAULT_UNTIL : limited(p, 'until', v.until, LIMITS.until);
  const options = parseOptions(p, v.options);
  const narration = nodes === undefined ? [] : parseNarration((path, m) => p.add(path, m), v.narration, nodes);
  const steps: Step[] = [];
  const rawSteps = required(p, '', v, 'steps');
  const tooMany = Array.isArray(rawSteps) ? countProblem(rawSteps.length, MAX_STEPS, 'steps') : undefined;
  if (rawSteps !== undefined && !Array.isArray(rawSteps))
    p.add('steps', `expected an array of steps, got ${describe(rawSteps)}`);
  else if (tooMany !== undefined) p.add('steps', tooMany);
  else if (Array.isArray(rawSteps) && nodes !== undefined) {
    const writeIds = new Map<string, string>();
    rawSteps.forEach((raw: Json, i: number) => {
      const step = parseStep(p, `steps[${i}]`, raw, nodes, writeIds);
      if (step === undefined) return;
      // A step after the end never runs in a headless run but would on the page, which runs on.
      if (until !== undefined && step.at > until)
        p.add(`steps[${i}].at`, `must be at most ${until} (until), got ${step.at}`);
      steps.push(step);
    });
  }
  if (
    p.errors.length > 0 ||
    name === undefined ||
    description === undefined ||
    seed === undefined ||
    nodes === undefined ||
    timing === undefined ||
    initial === undefined ||
    until === undefined ||
    options === undefined
  ) {
    return {
      ok: false,
      errors: p.errors.length > 0 ? p.errors : ['invalid scenario'],
    };
  }
  return {
    ok: true,
    value: {
      name,
      description,
      seed,
      nodes,
      timing,
      initial,
      steps,
      until,
      options,
      narration,
    },
  };
}

/** Parses scenario text (JSON), reporting a syntax error with its position. */
export function parseScenarioText(textValue: string): Validated<Scenario> {
  // A byte-order mark, as some editors write at the start of a UTF-8 file, is not part of the JSON.
  const body = textValue.startsWith('\uFEFF') ? textValue.slice(1) : textValue;
  let json: Json;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, errors: [jsonSyntaxProblem(body)] };
  }
  return validateScenario(json);
}
