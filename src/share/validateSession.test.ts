/**
 * Sessions from outside are refused with messages that name the exact place; valid ones come
 * back exactly as they were written; no damaged file makes the validator throw.
 */
import { describe, expect, it } from 'vitest';
import { compileWatch } from '../sim/scenario/watch';
import { damageSessionJson, FILE_DAMAGE_KINDS } from '../../test-support/damage';
import { findJsonSyntaxError, jsonSyntaxProblem } from '../util/jsonSyntax';
import { MAX_SESSION_EVENTS, sessionToJson, type Session } from './session';
import { builtInSession, inlineSession } from '../../test-support/sessionFixtures';
import { parseSessionText, validateSession } from './validateSession';

type JsonObject = { [key: string]: unknown };

/** The session's JSON with the value at a dotted path (`inputs.0.step.node`) set, or removed for undefined. */
function changed(path: string, value: unknown, session: Session = builtInSession): JsonObject {
  const json = structuredClone(sessionToJson(session)) as JsonObject;
  const keys = path.split('.');
  let parent = json;
  for (const key of keys.slice(0, -1)) parent = parent[key] as JsonObject;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return json;
}

function errorsOf(json: unknown): string[] {
  const r = validateSession(json);
  return r.ok ? [] : r.errors;
}

const textOf = (s: Session): string => JSON.stringify(sessionToJson(s), null, 2);
const manyInputs = (n: number) => Array.from({ length: n }, (_, i) => ({ seq: i + 1, step: { at: 0, do: 'heal' } }));
const longLog = Array.from({ length: 10_001 }, () => ({ term: 1, command: { op: 'noop' } }));
const actions =
  'crash, restart, timeout, write, partition, heal, cut, network, restore, drop, deliverNow, spreadTimers, alignTimers, hold, duplicate, rules, transferLeadership, clock, options';

describe('validateSession: valid sessions', () => {
  it.each([
    ['a built-in scenario with a crash, a restart, a write and a partition', builtInSession],
    ['a scenario carried inline, with extension steps', inlineSession],
  ])('round-trips %s through file text', (_, session) => {
    const r = parseSessionText(textOf(session));
    expect(r.ok ? r.value : r.errors).toEqual(session);
  });

  it('accepts free play ("welcome"), a blank watch, and objects without a prototype', () => {
    const welcome: Session = { ...builtInSession, scenario: { kind: 'builtIn', name: 'welcome' } };
    expect(errorsOf(sessionToJson(welcome))).toEqual([]);
    expect(errorsOf(changed('settings.breakpoints.watch', '   '))).toEqual([]);
    const bare = (o: object): object => Object.assign(Object.create(null) as object, o);
    const json = sessionToJson(builtInSession) as JsonObject;
    const r = validateSession(bare({ ...json, head: bare({ seq: 200, t: 5000 }) }));
    expect(r.ok ? r.value : r.errors).toEqual(builtInSession);
  });

  it('carries free play with 1 to 9 servers: its inputs may name them, and only free play takes a number', () => {
    const seven: Session = {
      ...builtInSession,
      scenario: { kind: 'builtIn', name: 'welcome', nodes: 7 },
      inputs: [{ seq: 3, step: { at: 120, do: 'crash', node: 'S7' } }],
    };
    const r = parseSessionText(textOf(seven));
    expect(r.ok ? r.value : r.errors).toEqual(seven);
    const five = sessionToJson({ ...seven, scenario: { kind: 'builtIn', name: 'welcome' } }) as JsonObject;
    expect(errorsOf(five)).toEqual(['inputs[0].step.node: unknown node "S7" (nodes are S1, S2, S3, S4, S5)']);
    const json = sessionToJson(seven) as JsonObject;
    expect(errorsOf({ ...json, nodes: 10 })).toContain(
      'nodes: must be at most 9 (the most servers in a cluster), got 10',
    );
    expect(errorsOf({ ...json, nodes: 0 })).toContain('nodes: must be at least 1, got 0');
    expect(errorsOf({ ...(sessionToJson(builtInSession) as JsonObject), nodes: 3 })).toContain(
      'nodes: only free play ("welcome") takes a number of servers; leave this field out',
    );
  });

  it('accepts a byte order mark before the text', () => {
    expect(parseSessionText('\uFEFF' + textOf(builtInSession)).ok).toBe(true);
  });
});

describe('validateSession: each rule names its place', () => {
  const I = inlineSession;
  it.each<[string, unknown, string]>([
    ['not an object', [1, 2], 'a session is a JSON object, got an array'],
    ['wrong format', changed('format', 'x'), 'format: expected "raft-visualizer-session", got the string "x"'],
    ['no format', changed('format', undefined), 'format: is required (this is not a session file)'],
    [
      'a newer version',
      changed('version', 2),
      'version: this session was made by a newer version of this page (version 2; this page reads version 1)',
    ],
    ['a version as text', changed('version', '1'), 'version: expected 1, got the string "1"'],
    [
      'an unknown field',
      changed('extra', true),
      'extra: unknown field (expected one of format, version, scenario, nodes, seed, settings, inputs, head, moment, narration)',
    ],
    ['a missing field', changed('head', undefined), 'head: is required'],
    [
      'an unknown built-in',
      changed('scenario', '<script>alert(1)</script>'),
      'scenario: no built-in scenario is called "<script>alert(1)</script>" (try basic-election, leader-crash, split-vote, …)',
    ],
    [
      'a number as scenario',
      changed('scenario', 42),
      "scenario: expected a built-in scenario's name or a scenario object, got number 42",
    ],
    ['a negative seed', changed('seed', -1), 'seed: must be at least 0, got -1'],
    ['an unsafe seed', changed('seed', 2 ** 60), 'seed: expected an integer, got number 1152921504606847000'],
    ['speed 0', changed('settings.speed', 0), 'settings.speed: must be between 0.0001 and 10, got 0'],
    ['speed 11', changed('settings.speed', 11), 'settings.speed: must be between 0.0001 and 10, got 11'],
    ['speed as text', changed('settings.speed', 'fast'), 'settings.speed: expected a number, got the string "fast"'],
    [
      'a breakpoint as text',
      changed('settings.breakpoints.leader', 'yes'),
      'settings.breakpoints.leader: expected true or false, got the string "yes"',
    ],
    [
      'a missing breakpoint',
      changed('settings.breakpoints.commit', undefined),
      'settings.breakpoints.commit: is required',
    ],
    [
      'a long watch',
      changed('settings.breakpoints.watch', 'x'.repeat(201)),
      'settings.breakpoints.watch: at most 200 characters, got 201',
    ],
    [
      'a watch on an unknown server',
      changed('settings.breakpoints.watch', 'S9.term > 1'),
      `settings.breakpoints.watch: ${(compileWatch('S9.term > 1', ['S1', 'S2', 'S3', 'S4', 'S5']) as { error: string }).error} (at column 1)`,
    ],
    ['inputs not a list', changed('inputs', {}), 'inputs: expected an array of inputs, got an object'],
    ['too many inputs', changed('inputs', manyInputs(10_001)), 'inputs: at most 10000 inputs, got 10001'],
    ['input seq 0', changed('inputs.0.seq', 0), 'inputs[0].seq: must be at least 1, got 0'],
    [
      'a repeated seq',
      changed('inputs.1.seq', 12),
      "inputs[1].seq: must be greater than the previous input's (12), got 12",
    ],
    ['a seq past the head', changed('inputs.3.seq', 201), 'inputs[3].seq: must be at most 200 (head.seq), got 201'],
    [
      'inputs out of time order',
      changed('inputs.1.step.at', 300),
      "inputs[1].step.at: must not be earlier than the previous input's (400), got 300",
    ],
    [
      'an input past the head',
      changed('inputs.3.step.at', 5001),
      'inputs[3].step.at: must be at most 5000 (head.t), got 5001',
    ],
    ['a negative time', changed('inputs.0.step.at', -1), 'inputs[0].step.at: must be at least 0, got -1'],
    [
      'an unknown node',
      changed('inputs.0.step.node', 'S9'),
      'inputs[0].step.node: unknown node "S9" (nodes are S1, S2, S3, S4, S5)',
    ],
    [
      "a write id of the scenario's",
      changed('inputs.2.step.id', 'w1'),
      `inputs[2].step.id: duplicate write id "w1" (also used at the scenario's steps[0])`,
    ],
    [
      "another input's write id",
      changed('inputs.3.step', { at: 2000, do: 'write', id: 'c1', key: 'x', value: '1' }),
      'inputs[3].step.id: duplicate write id "c1" (also used at inputs[2].step)',
    ],
    [
      "an action named like Object.prototype's members",
      changed('inputs.0.step.do', 'toString'),
      `inputs[0].step.do: unknown action the string "toString" (expected one of ${actions})`,
    ],
    [
      'a head past the event limit',
      changed('head.seq', MAX_SESSION_EVENTS + 1),
      `head.seq: must be at most ${MAX_SESSION_EVENTS}, got ${MAX_SESSION_EVENTS + 1}`,
    ],
    [
      'a head past the time limit',
      changed('head.t', 1e300),
      'head.t: must be at most 3600000 (one hour of virtual time), got 1e+300',
    ],
    [
      'a seed of 2^32',
      changed('seed', 2 ** 32),
      'seed: must be at most 4294967295 (seeds are 32-bit numbers), got 4294967296',
    ],
    [
      'an input an hour and more in',
      changed('inputs.3.step.at', 1e15),
      'inputs[3].step.at: must be at most 3600000 (one hour of virtual time), got 1000000000000000',
    ],
    [
      'a message number past a billion',
      changed('inputs.4.step.msgId', 2 ** 53 - 1, I),
      'inputs[4].step.msgId: must be at most 1000000000 (the highest message number), got 9007199254740991',
    ],
    ['a moment past the head (time)', changed('moment.t', 6000), 'moment.t: must be at most 5000 (head.t), got 6000'],
    ['a moment past the head (seq)', changed('moment.seq', 201), 'moment.seq: must be at most 200 (head.seq), got 201'],
    ['a negative moment', changed('moment.t', -1), 'moment.t: must be at least 0, got -1'],
    ['a moment as text', changed('moment', 'now'), 'moment: expected an object {"seq", "t"}, got the string "now"'],
    [
      'an inline step on an unknown node',
      changed('scenario.steps.0.node', 'S9', I),
      'scenario.steps[0].node: unknown node "S9" (nodes are A, B, C)',
    ],
    [
      'an inline heartbeat of 1e-300 ms',
      changed('scenario.timing', { heartbeatInterval: 1e-300 }, I),
      'scenario.timing.heartbeatInterval: must be at least 5 (shorter heartbeats would flood the run with messages), got 1e-300',
    ],
    [
      'an inline heartbeat of 1 ms (a link within the old page limits)',
      changed('scenario.timing', { heartbeatInterval: 1 }, I),
      'scenario.timing.heartbeatInterval: must be at least 5 (shorter heartbeats would flood the run with messages), got 1',
    ],
    [
      'an inline election timeout of 1e-300 ms',
      changed('scenario.timing', { electionTimeout: [1e-300, 2] }, I),
      'scenario.timing.electionTimeout[0]: must be at least 10 (shorter timers would flood the run with elections), got 1e-300',
    ],
    [
      'an inline latency over ten seconds',
      changed('scenario.timing', { latency: [1, 1e6] }, I),
      'scenario.timing.latency[1]: must be at most 10000 (ten seconds), got 1000000',
    ],
    [
      'an inline starting term of 2^53 - 1',
      changed('scenario.initial', { A: { term: 9007199254740991 } }, I),
      'scenario.initial.A.term: must be at most 1000000 (the highest term a run may start at), got 9007199254740991',
    ],
    [
      'an inline until of 1e15',
      changed('scenario.until', 1e15, I),
      'scenario.until: must be at most 3600000 (one hour of virtual time), got 1000000000000000',
    ],
    [
      'an inline step after until',
      changed('scenario.until', 50, I),
      'scenario.steps[1].at: must be at most 50 (until), got 100',
    ],
    [
      'ten inline nodes',
      changed('scenario.nodes', ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'], I),
      'scenario.nodes: at most 9 nodes, got 10',
    ],
    [
      'an inline initial state that breaks Log Matching',
      changed(
        'scenario.initial',
        {
          A: { term: 2, votedFor: 'A', log: [{ term: 1, command: { op: 'set', id: 'w0', key: 'x', value: '0' } }] },
          B: { term: 1, log: [{ term: 1, command: { op: 'noop' } }] },
        },
        I,
      ),
      'scenario.initial.B.log[0]: breaks Log Matching: A has another entry with the same index (1) and term (1): A has term 1, w0: x=0, B has term 1, noop',
    ],
    [
      'an inline vote for a server that never stood',
      changed('scenario.initial', { B: { term: 2, votedFor: 'C' } }, I),
      "scenario.initial.B.votedFor: B voted for C in term 2, so C stood in term 2, but C's term is 0 (terms never go back)",
    ],
    [
      'too many inline steps',
      changed(
        'scenario.steps',
        manyInputs(10_001).map((r) => r.step),
        I,
      ),
      'scenario.steps: at most 10000 steps, got 10001',
    ],
    [
      'a long inline log',
      changed('scenario.initial', { A: { term: 1, log: longLog } }, I),
      'scenario.initial.A.log: at most 10000 entries, got 10001',
    ],
    [
      'an inline action named like a prototype member',
      changed('scenario.steps.0.do', '__proto__', I),
      `scenario.steps[0].do: unknown action the string "__proto__" (expected one of ${actions})`,
    ],
    [
      'an input latency over ten seconds',
      changed('inputs.1.step.latency', [5, 1e6], I),
      'inputs[1].step.latency[1]: must be at most 10000 (ten seconds), got 1000000',
    ],
    [
      "an inline scenario's write id",
      changed('inputs.5.step.id', 'w1', I),
      'inputs[5].step.id: duplicate write id "w1" (also used at scenario.steps[1])',
    ],
  ])('%s', (_, json, expected) => {
    expect(errorsOf(json)).toContain(expected);
  });

  it("prefixes an inline scenario's problems with scenario.", () => {
    const [error] = errorsOf(changed('scenario.extra', 1, I));
    expect(error).toMatch(/^scenario\.extra: unknown field \(expected one of name, /);
  });

  it('reports every problem up to 20, then how many more', () => {
    const json = changed(
      'inputs',
      Array.from({ length: 30 }, (_, i) => ({ seq: i + 1, step: { at: 0, do: 'crash', node: 'S9' } })),
    );
    const errors = errorsOf(json);
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe('inputs[0].step.node: unknown node "S9" (nodes are S1, S2, S3, S4, S5)');
    expect(errors[20]).toBe('and 10 more problems');
  });

  it('keeps each message short', () => {
    const errors = errorsOf(
      changed('inputs.0.step', { at: 0, do: 'write', id: 'x', key: 'k', value: 'v', ['y'.repeat(5000)]: 1 }),
    );
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.length).toBeLessThanOrEqual(300);
  });
});

describe('validateSession: the narration step shown (issue 12, item 6)', () => {
  // basic-election's narration has 7 steps; step 4 (index 3) asks for a prediction.
  const atQuestion: Session = { ...builtInSession, narration: { index: 3, revealed: false } };
  const atLast: Session = { ...builtInSession, narration: { index: 6, revealed: true } };

  it.each([
    ['at a question not yet answered', atQuestion],
    ['at the last step', atLast],
  ])('round-trips a session %s through file text', (_, session) => {
    const r = parseSessionText(textOf(session));
    expect(r.ok ? r.value : r.errors).toEqual(session);
  });

  it('opens a session made before the field existed with the narration not begun', () => {
    const json = sessionToJson(builtInSession) as JsonObject;
    expect(Object.keys(json)).not.toContain('narration');
    const r = validateSession(json);
    expect(r.ok && r.value.narration).toBe(undefined);
    expect(r.ok).toBe(true);
  });

  const N = sessionToJson(atQuestion) as JsonObject;
  const withNarration = (narration: unknown, json: JsonObject = N): JsonObject => ({ ...json, narration });
  it.each<[string, JsonObject, string]>([
    [
      'a step past the last',
      withNarration({ index: 7, revealed: true }),
      "narration.index: must be at most 6 (the scenario's narration has 7 steps, counted from 0), got 7",
    ],
    ['a negative step', withNarration({ index: -1, revealed: true }), 'narration.index: must be at least 0, got -1'],
    [
      'a fractional step',
      withNarration({ index: 1.5, revealed: true }),
      'narration.index: expected an integer, got number 1.5',
    ],
    [
      'revealed as text',
      withNarration({ index: 3, revealed: 'yes' }),
      'narration.revealed: expected true or false, got the string "yes"',
    ],
    ['a missing revealed', withNarration({ index: 3 }), 'narration.revealed: is required'],
    [
      'an unknown field',
      withNarration({ index: 3, revealed: true, step: 4 }),
      'narration.step: unknown field (expected one of index, revealed)',
    ],
    ['a number', withNarration(4), 'narration: expected an object {"index", "revealed"}, got number 4'],
    [
      'a scenario without narration (free play)',
      withNarration({ index: 0, revealed: true }, changed('scenario', 'welcome')),
      'narration: the scenario has no narration (leave this field out)',
    ],
    [
      'an inline scenario without narration',
      withNarration({ index: 0, revealed: true }, sessionToJson(inlineSession) as JsonObject),
      'narration: the scenario has no narration (leave this field out)',
    ],
  ])('refuses %s', (_, json, expected) => {
    expect(errorsOf(json)).toEqual([expected]);
  });
});

describe('validateSession: fields as the schemas read them', () => {
  it('refuses a field named __proto__ (an own key, as JSON.parse makes it)', () => {
    const text = JSON.stringify(sessionToJson(builtInSession)).replace('"settings":{', '"settings":{"__proto__":{},');
    expect(text).toContain('"__proto__"');
    const r = parseSessionText(text);
    expect(r.ok ? [] : r.errors).toEqual(['settings.__proto__: unknown field (expected one of speed, breakpoints)']);
  });

  it('says a missing field once, not also as a wrong type', () => {
    expect(errorsOf(changed('inputs.0.step.node', undefined))).toEqual(['inputs[0].step.node: is required']);
    expect(errorsOf(changed('moment.t', undefined))).toEqual(['moment.t: is required']);
  });
});

describe('validateSession: never throws', () => {
  const cyclic = changed('seed', 1);
  cyclic.settings = { ...(cyclic.settings as JsonObject), self: cyclic };
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
      ownKeys() {
        throw new Error('boom');
      },
    },
  );
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', '<script>'],
    ['a bare object', Object.create(null)],
    ['a symbol seed', changed('seed', Symbol('x'))],
    ['a bigint seed', changed('seed', 10n)],
    ['a function as settings', changed('settings', () => 1)],
    ['a cyclic value', cyclic],
    ['a Proxy that throws', throwing],
    ['deep nesting', changed('head', deep)],
    ['__proto__ as an own key', JSON.parse('{"format":"raft-visualizer-session","version":1,"__proto__":{"x":1}}')],
  ])('%s', (_, value) => {
    const r = validateSession(value);
    expect(r.ok).toBe(false);
    if (!r.ok) for (const e of r.errors) expect(typeof e).toBe('string');
  });

  it('refuses text over 5,000,000 characters without parsing it', () => {
    expect(parseSessionText(' '.repeat(5_000_001))).toEqual({
      ok: false,
      errors: ['the session is too large: 5,000,001 characters (at most 5,000,000)'],
    });
  });
});

describe('parseSessionText: syntax errors as sentences', () => {
  it.each([
    ['empty', '', 'the text is empty, not JSON'],
    ['cut short', '{"format": "raft', 'not valid JSON: the text ends too early (was it cut short?)'],
    ['markup', '<script>alert(1)</script>', 'not valid JSON at line 1, column 1: expected a value, found "<"'],
    [
      'a trailing comma',
      '{\n  "a": 1,\n}',
      'not valid JSON at line 3, column 1: expected a field name in double quotes, found "}"',
    ],
    ['a missing colon', '{"a" 1}', 'not valid JSON at line 1, column 6: expected ":", found "1"'],
    ['a missing comma', '[1 2]', 'not valid JSON at line 1, column 4: expected "," or "]", found "2"'],
    ['text after the end', '{} x', 'not valid JSON at line 1, column 4: expected the end of the text, found "x"'],
    [
      'a bad escape',
      '"\\q"',
      'not valid JSON at line 1, column 3: expected an escape such as \\n or \\u0041, found "q"',
    ],
    ['a million open brackets', '['.repeat(1_000_000), 'not valid JSON: the text ends too early (was it cut short?)'],
  ])('%s', (_, text, expected) => {
    expect(parseSessionText(text)).toEqual({ ok: false, errors: [expected] });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const texts = [
      '01',
      '1.',
      '-',
      '1e',
      '-0.5e+3',
      'tru',
      'null',
      '[1,]',
      '{"a":1,}',
      '"\t"',
      '"\\u00e9"',
      ' [ {} , [] ] ',
      '"a',
    ];
    for (let seed = 1; seed <= 200; seed++) texts.push(damageSessionJson(sessionToJson(builtInSession), seed).text);
    for (const text of texts) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(text) === null, JSON.stringify(text.slice(0, 80))).toBe(parses);
      if (!parses) expect(jsonSyntaxProblem(text)).not.toBe('not valid JSON');
    }
  });
});

describe('damaged session files', () => {
  it('refuses 500 of them, each with a readable message and no stack', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 500; seed++) {
      const valid = sessionToJson(seed % 2 === 0 ? inlineSession : builtInSession);
      const { text, kind } = damageSessionJson(valid, seed);
      kinds.add(kind);
      const r = parseSessionText(text);
      expect(r.ok, `seed ${seed} (${kind})`).toBe(false);
      if (r.ok) continue;
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(typeof e).toBe('string');
        expect(e.length).toBeGreaterThan(0);
        expect(e).not.toContain('    at ');
      }
    }
    expect([...kinds].sort()).toEqual([...FILE_DAMAGE_KINDS].sort());
  });

  it('is deterministic', () => {
    const valid = sessionToJson(builtInSession);
    expect(damageSessionJson(valid, 42)).toEqual(damageSessionJson(valid, 42));
  });
});
