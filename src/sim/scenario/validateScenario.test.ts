/**
 * Bad scenarios are refused with a message naming the exact place; good ones get the
 * contract's defaults.
 */
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../raft/types';
import { MAX_LOG_ENTRIES, MAX_SEED, MAX_STEPS, MAX_TERM, MAX_UNTIL } from './limits';
import { Prng } from '../core/prng';
import { DEFAULT_NODES, DEFAULT_TIMING, scenarioOf, type InitialNodeState } from './scenario';
import { parseScenarioText, validateScenario } from './validateScenario';
import { World } from '../core/world';

function errorsOf(value: unknown): string[] {
  const r = validateScenario(value);
  return r.ok ? [] : r.errors;
}

describe('validateScenario', () => {
  it('fills in the defaults: seed 1, five nodes S1..S5, the default timing, until 10000', () => {
    const r = validateScenario({ steps: [] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.seed).toBe(1);
    expect(r.value.nodes).toEqual(DEFAULT_NODES);
    expect(r.value.timing).toEqual(DEFAULT_TIMING);
    expect(r.value.until).toBe(10000);
    expect(r.value.initial).toEqual({});
  });

  it('accepts the contract example with every step kind', () => {
    const r = validateScenario({
      name: 'figure-8',
      description: 'x',
      seed: 7,
      nodes: ['S1', 'S2', 'S3', 'S4', 'S5'],
      timing: { electionTimeout: [150, 300], heartbeatInterval: 50, latency: [10, 20] },
      initial: {
        S1: { term: 3, votedFor: null, log: [{ term: 1, command: { op: 'set', id: 'w0', key: 'x', value: '0' } }] },
      },
      steps: [
        { at: 0, do: 'crash', node: 'S5' },
        { at: 0, do: 'timeout', node: 'S1' },
        { at: 100, do: 'write', id: 'w1', key: 'x', value: '1' },
        { at: 150, do: 'write', id: 'w2', key: 'y', value: '2', to: 'S2' },
        {
          at: 300,
          do: 'partition',
          groups: [
            ['S1', 'S2'],
            ['S3', 'S4', 'S5'],
          ],
        },
        { at: 400, do: 'heal' },
        { at: 500, do: 'restart', node: 'S5' },
        { at: 600, do: 'cut', from: 'S1', to: 'S3' },
        { at: 650, do: 'network', drop: 0.1, duplicate: 0.05 },
      ],
      until: 5000,
    });
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it.each([
    [{ steps: [{ at: 0, do: 'crash', node: 'S9' }] }, 'steps[0].node: unknown node "S9"'],
    [{}, 'steps: is required'],
    [{ steps: {} }, 'steps: expected an array of steps, got an object'],
    [{ steps: [{ do: 'heal' }] }, 'steps[0].at: is required'],
    [{ steps: [{ at: -1, do: 'heal' }] }, 'steps[0].at: must be at least 0, got -1'],
    [{ steps: [{ at: 0, do: 'explode' }] }, 'steps[0].do: unknown action the string "explode"'],
    [{ steps: [{ at: 0, do: 'heal', node: 'S1' }] }, 'steps[0].node: unknown field'],
    [{ steps: [{ at: 0, do: 'write', id: 'w', key: 'k' }] }, 'steps[0].value: is required'],
    [
      {
        steps: [
          { at: 0, do: 'write', id: 'w', key: 'k', value: '1' },
          { at: 1, do: 'write', id: 'w', key: 'k', value: '2' },
        ],
      },
      'steps[1].id: duplicate write id "w" (also used at steps[0])',
    ],
    [
      { steps: [{ at: 0, do: 'partition', groups: [['S1'], ['S1', 'S2']] }] },
      'steps[0].groups[1][0]: node "S1" is already in',
    ],
    [{ steps: [{ at: 0, do: 'network', drop: 1.5 }] }, 'steps[0].drop: must be a probability between 0 and 1, got 1.5'],
    [{ steps: [{ at: 0, do: 'network', latency: [20, 10] }] }, 'steps[0].latency: min 20 is greater than max 10'],
    [{ steps: [], seed: 1.5 }, 'seed: expected an integer, got number 1.5'],
    [{ steps: [], until: -1 }, 'until: must be at least 0, got -1'],
    [{ steps: [], nodes: ['A', 'A'] }, 'nodes[1]: duplicate node "A"'],
    [{ steps: [], nodes: [] }, 'nodes: expected a non-empty array'],
    [
      { steps: [], timing: { electionTimeout: [0, 10] } },
      'timing.electionTimeout[0]: must be at least 10 (shorter timers would flood the run with elections), got 0',
    ],
    [{ steps: [], initial: { S9: { term: 1 } } }, 'initial.S9: unknown node "S9"'],
    [
      { steps: [], initial: { S1: { term: 1, log: [{ term: 2, command: { op: 'noop' } }] } } },
      "initial.S1.log[0].term: entry term 2 is later than the node's term 1",
    ],
    [
      {
        steps: [],
        initial: {
          S1: {
            term: 3,
            log: [
              { term: 2, command: { op: 'noop' } },
              { term: 1, command: { op: 'noop' } },
            ],
          },
        },
      },
      'initial.S1.log[1].term: terms never decrease along a log: 1 follows 2',
    ],
    [
      { steps: [], initial: { S1: { term: 1, log: [{ term: 1, command: { op: 'del' } }] } } },
      'initial.S1.log[0].command.op',
    ],
    [{ steps: [], stepz: [] }, 'stepz: unknown field'],
    [
      { steps: [], options: { rules: { commitOldTermByCount: 'yes' } } },
      'options.rules.commitOldTermByCount: expected true or false',
    ],
    [[], 'a scenario is a JSON object, got an array'],
  ])('refuses %j with "%s"', (input, message) => {
    const errors = errorsOf(input);
    expect(
      errors.some((e) => e.startsWith(message)),
      `${JSON.stringify(errors)} should start with ${message}`,
    ).toBe(true);
  });

  it('reports a JSON syntax error without throwing', () => {
    const r = parseScenarioText('{"steps": [');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^not valid JSON: /);
  });

  it('reports every problem, not just the first', () => {
    expect(
      errorsOf({
        steps: [
          { at: 0, do: 'crash', node: 'S9' },
          { at: 'soon', do: 'heal' },
        ],
      }),
    ).toHaveLength(2);
  });
});

describe('names that are also JavaScript built-ins', () => {
  it('refuses a step called toString or __proto__ with a message, and runs nodes called constructor', async () => {
    const { validateScenario } = await import('./validateScenario');
    const { World } = await import('../core/world');
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const result = validateScenario({ steps: [{ at: 0, do: name }] });
      expect(result.ok).toBe(false);
    }
    const odd = validateScenario({ nodes: ['constructor', 'toString', 'S3'], steps: [] });
    expect(odd.ok).toBe(true);
    if (odd.ok) expect(() => new World(odd.value).runUntil(1000)).not.toThrow();
  });
});

/** The only problem with `value`, or a note that there were none or several. */
function onlyError(value: unknown): string {
  const errors = errorsOf(value);
  return errors.length === 1 ? errors[0]! : `${errors.length} problems: ${JSON.stringify(errors)}`;
}

const noop = (term: number): Entry => ({ term, command: { op: 'noop' } });
const set = (term: number, id: string, value = '1'): Entry => ({
  term,
  command: { op: 'set', id, key: 'x', value },
});
const steps = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ at: 0, do: 'write', id: `w${i}`, key: 'k', value: 'v' }));

describe('numbers no person would set are refused, with the limit named', () => {
  it.each<[string, unknown, string]>([
    // The issue's own inputs.
    [
      'a starting term of 2^53 - 1',
      { steps: [], initial: { S1: { term: 9007199254740991 } } },
      'initial.S1.term: must be at most 1000000 (the highest term a run may start at), got 9007199254740991',
    ],
    [
      'a heartbeat of 1e-300 ms',
      { steps: [], timing: { heartbeatInterval: 1e-300 } },
      'timing.heartbeatInterval: must be at least 5 (shorter heartbeats would flood the run with messages), got 1e-300',
    ],
    [
      'an election timeout of 1e-300 ms',
      { steps: [], timing: { electionTimeout: [1e-300, 300] } },
      'timing.electionTimeout[0]: must be at least 10 (shorter timers would flood the run with elections), got 1e-300',
    ],
    [
      'until 1e15',
      { steps: [], until: 1e15 },
      'until: must be at most 3600000 (one hour of virtual time), got 1000000000000000',
    ],
    // Each limit just past its end.
    [
      'a term just past the limit',
      { steps: [], initial: { S1: { term: MAX_TERM + 1 } } },
      'initial.S1.term: must be at most 1000000 (the highest term a run may start at), got 1000001',
    ],
    [
      'an entry term past the limit, under a node term past it too',
      { steps: [], initial: { S1: { term: MAX_TERM, log: [noop(MAX_TERM + 1)] } } },
      'initial.S1.log[0].term: must be at most 1000000 (the highest term a run may start at), got 1000001',
    ],
    [
      'a heartbeat of 4.9 ms',
      { steps: [], timing: { heartbeatInterval: 4.9 } },
      'timing.heartbeatInterval: must be at least 5 (shorter heartbeats would flood the run with messages), got 4.9',
    ],
    [
      'an election timeout of 9.9 ms',
      { steps: [], timing: { electionTimeout: [9.9, 20] } },
      'timing.electionTimeout[0]: must be at least 10 (shorter timers would flood the run with elections), got 9.9',
    ],
    [
      'a heartbeat over a minute',
      { steps: [], timing: { heartbeatInterval: 60_001 } },
      'timing.heartbeatInterval: must be at most 60000 (one minute), got 60001',
    ],
    [
      'an election timeout over a minute',
      { steps: [], timing: { electionTimeout: [150, 1e300] } },
      'timing.electionTimeout[1]: must be at most 60000 (one minute), got 1e+300',
    ],
    [
      'a latency over ten seconds',
      { steps: [], timing: { latency: [10, 10_001] } },
      'timing.latency[1]: must be at most 10000 (ten seconds), got 10001',
    ],
    [
      "a network step's latency over ten seconds",
      { steps: [{ at: 0, do: 'network', latency: [5, 1e6] }] },
      'steps[0].latency[1]: must be at most 10000 (ten seconds), got 1000000',
    ],
    [
      'a step after until',
      { steps: [{ at: 5000.5, do: 'heal' }], until: 5000 },
      'steps[0].at: must be at most 5000 (until), got 5000.5',
    ],
    [
      'a step after an hour',
      { steps: [{ at: 1e15, do: 'heal' }] },
      'steps[0].at: must be at most 3600000 (one hour of virtual time), got 1000000000000000',
    ],
    [
      'ten nodes',
      { steps: [], nodes: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] },
      'nodes: at most 9 nodes, got 10',
    ],
    ['too many steps', { steps: steps(MAX_STEPS + 1) }, 'steps: at most 10000 steps, got 10001'],
    [
      'too long a log',
      { steps: [], initial: { S1: { term: 1, log: Array.from({ length: MAX_LOG_ENTRIES + 1 }, () => noop(1)) } } },
      'initial.S1.log: at most 10000 entries, got 10001',
    ],
    [
      'a seed of 2^32',
      { steps: [], seed: MAX_SEED + 1 },
      'seed: must be at most 4294967295 (seeds are 32-bit numbers), got 4294967296',
    ],
    [
      'a message number past a billion',
      { steps: [{ at: 0, do: 'drop', msgId: 1e9 + 1 }] },
      'steps[0].msgId: must be at most 1000000000 (the highest message number), got 1000000001',
    ],
    [
      'ten partition groups',
      { steps: [{ at: 0, do: 'partition', groups: Array.from({ length: 10 }, () => []) }] },
      'steps[0].groups: at most 9 groups, got 10',
    ],
    [
      'a 201-character write key',
      { steps: [{ at: 0, do: 'write', id: 'w', key: 'k'.repeat(201), value: 'v' }] },
      'steps[0].key: at most 200 characters, got 201',
    ],
    [
      'a 201-character command value in a log',
      { steps: [], initial: { S1: { term: 1, log: [set(1, 'w', 'v'.repeat(201))] } } },
      'initial.S1.log[0].command.value: at most 200 characters, got 201',
    ],
    [
      'a description of 10,001 characters',
      { steps: [], description: 'd'.repeat(10_001) },
      'description: at most 10000 characters, got 10001',
    ],
    ['a name of 1,001 characters', { steps: [], name: 'n'.repeat(1001) }, 'name: at most 1000 characters, got 1001'],
  ])('%s', (_, input, message) => {
    expect(onlyError(input)).toBe(message);
  });

  it('accepts each limit itself', () => {
    const atLimits = {
      seed: MAX_SEED,
      nodes: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'],
      timing: { electionTimeout: [10, 60_000], heartbeatInterval: 5, latency: [0, 10_000] },
      initial: { A: { term: MAX_TERM, votedFor: 'A', log: [noop(1), noop(MAX_TERM)] } },
      steps: [
        { at: 0, do: 'drop', msgId: 1e9 },
        { at: MAX_UNTIL, do: 'write', id: 'i'.repeat(200), key: 'k'.repeat(200), value: 'v'.repeat(200) },
        { at: MAX_UNTIL, do: 'network', latency: [10_000, 10_000] },
        { at: MAX_UNTIL, do: 'partition', groups: [['A'], ['B'], ['C'], ['D'], ['E'], ['F'], ['G'], ['H'], ['I']] },
      ],
      until: MAX_UNTIL,
      name: 'n'.repeat(1000),
      description: 'd'.repeat(10_000),
    };
    expect(errorsOf(atLimits)).toEqual([]);
    expect(errorsOf({ steps: steps(MAX_STEPS), nodes: ['S1'] })).toEqual([]);
    expect(
      errorsOf({
        steps: [],
        initial: { S1: { term: 1, log: Array.from({ length: MAX_LOG_ENTRIES }, () => noop(1)) } },
      }),
    ).toEqual([]);
  });

  it('does not walk a huge steps array or log before refusing it', () => {
    const huge = { length: 2 ** 32 - 1 };
    const arrayLike = new Proxy([], {
      get: (target, key) => (key === 'length' ? huge.length : (Reflect.get(target, key) as unknown)),
    });
    expect(onlyError({ steps: arrayLike })).toBe('steps: at most 10000 steps, got 4294967295');
  });
});

describe('an initial state Raft could not have reached is refused', () => {
  const w = (term: number, id: string, value = '1') => set(term, id, value);
  it.each<[string, Record<string, Partial<InitialNodeState>>, string]>([
    [
      'two entries with the same index and term but different commands',
      { S1: { term: 2, log: [w(1, 'a'), w(2, 'b')] }, S2: { term: 2, log: [w(1, 'a'), w(2, 'c')] } },
      'initial.S2.log[1]: breaks Log Matching: S1 has another entry with the same index (2) and term (2): S1 has term 2, b: x=1, S2 has term 2, c: x=1',
    ],
    [
      'logs that agree at an index and term but not before it',
      {
        S1: { term: 3, log: [w(1, 'a'), w(1, 'b'), w(3, 'd')] },
        S3: { term: 3, log: [w(1, 'a'), w(2, 'c'), w(3, 'd')] },
      },
      'initial.S3.log[1]: breaks Log Matching: S1 and S3 both have term 3 at index 3, so they must agree on every entry before it, but at index 2 S1 has term 1, b: x=1 and S3 has term 2, c: x=1',
    ],
    [
      'a no-op and a write at the same index and term',
      { S4: { term: 1, log: [noop(1)] }, S5: { term: 1, log: [w(1, 'a')] } },
      'initial.S5.log[0]: breaks Log Matching: S4 has another entry with the same index (1) and term (1): S4 has term 1, noop, S5 has term 1, a: x=1',
    ],
    [
      'a vote in term 0',
      { S1: { term: 0, votedFor: 'S1' } },
      'initial.S1.votedFor: no server votes in term 0 (the first election is in term 1), but S1 voted for S1',
    ],
    [
      'a vote for a server that never reached the term',
      { S1: { term: 2 }, S2: { term: 3, votedFor: 'S1' } },
      "initial.S2.votedFor: S2 voted for S1 in term 3, so S1 stood in term 3, but S1's term is 2 (terms never go back)",
    ],
    [
      'a vote for a server left at term 0',
      { S2: { term: 1, votedFor: 'S3' } },
      "initial.S2.votedFor: S2 voted for S3 in term 1, so S3 stood in term 1, but S3's term is 0 (terms never go back)",
    ],
    [
      'a vote for a candidate that voted for another in the same term',
      { S1: { term: 3, votedFor: 'S3' }, S2: { term: 3, votedFor: 'S1' }, S3: { term: 3, votedFor: 'S3' } },
      "initial.S2.votedFor: S2 voted for S1 in term 3, so S1 voted for itself in term 3, but S1's votedFor is S3",
    ],
    [
      'a vote for a candidate with no vote of its own in that term',
      { S1: { term: 3 }, S2: { term: 3, votedFor: 'S1' } },
      "initial.S2.votedFor: S2 voted for S1 in term 3, so S1 voted for itself in term 3, but S1's votedFor is null",
    ],
  ])('%s', (_, initial, message) => {
    expect(onlyError({ steps: [], initial })).toBe(message);
  });

  it("accepts Figure 8's votes: a vote for a candidate that has moved on to a later term", () => {
    expect(
      errorsOf({
        steps: [],
        initial: {
          S1: { term: 3, log: [w(1, 'a'), w(2, 'b')] },
          S2: { term: 2, votedFor: 'S1', log: [w(1, 'a'), w(2, 'b')] },
          S3: { term: 3, votedFor: 'S5', log: [w(1, 'a')] },
          S5: { term: 3, votedFor: 'S5', log: [w(1, 'a'), w(3, 'c')] },
        },
      }),
    ).toEqual([]);
  });

  it("agrees with the safety checker: an initial state is refused for Log Matching exactly when the checker's first event reports it", () => {
    // Small random logs over three servers, terms 1..3 and three commands, so that both
    // outcomes are common; each initial state is also run unvalidated in a World.
    const rng = Prng.of(2024, 'initial-states');
    const ids = ['S1', 'S2', 'S3'];
    const outcomes = { refused: 0, accepted: 0 };
    for (let run = 0; run < 400; run++) {
      const initial: Record<string, InitialNodeState> = {};
      for (const id of ids) {
        const log: Entry[] = [];
        for (let i = rng.int(4), term = 1; i > 0; i--) {
          term = Math.min(3, term + rng.int(2));
          const pick = rng.int(3);
          log.push(pick === 0 ? noop(term) : w(term, pick === 1 ? 'a' : 'b'));
        }
        initial[id] = { term: 3, votedFor: null, log };
      }
      const refused = errorsOf({ nodes: ids, steps: [], initial }).some((e) => e.includes('Log Matching'));
      const world = new World(scenarioOf({ nodes: ids, steps: [], initial }));
      const flagged = world.violations.some((v) => v.property === 'Log Matching');
      expect(refused, JSON.stringify(initial)).toBe(flagged);
      outcomes[refused ? 'refused' : 'accepted']++;
    }
    expect(outcomes.refused).toBeGreaterThan(50);
    expect(outcomes.accepted).toBeGreaterThan(50);
  });
});

describe('fields from outside, as the schemas read them', () => {
  const top = 'name, title, description, seed, nodes, timing, initial, steps, until, options, narration';
  it.each<[string, unknown, string[]]>([
    [
      'a missing field is said once, not also as a wrong type',
      { steps: [{ do: 'heal' }] },
      ['steps[0].at: is required'],
    ],
    [
      'a server name that UTF-8 cannot carry is said once, not also as an unknown node',
      { steps: [{ at: 0, do: 'crash', node: 'a\ud800' }] },
      ['steps[0].node: is not valid Unicode text: a lone surrogate \\uD800 at character 2'],
    ],
    [
      'every unknown field, not only the first',
      { steps: [], stepz: [], nodez: [] },
      [`stepz: unknown field (expected one of ${top})`, `nodez: unknown field (expected one of ${top})`],
    ],
    [
      'a field named __proto__ (an own key, as JSON.parse makes it)',
      JSON.parse('{"steps": [], "__proto__": {"seed": 2}}'),
      [`__proto__: unknown field (expected one of ${top})`],
    ],
    [
      'a field named constructor in a step',
      { steps: [{ at: 0, do: 'heal', constructor: 1 }] },
      ['steps[0].constructor: unknown field (expected one of at, do, late)'],
    ],
    [
      'an unknown action, and its time',
      { steps: [{ at: -1, do: 'explode' }] },
      [
        'steps[0].at: must be at least 0, got -1',
        'steps[0].do: unknown action the string "explode" (expected one of crash, restart, timeout, write, partition, heal, cut, network, restore, drop, deliverNow, spreadTimers, alignTimers, hold, duplicate, rules, transferLeadership, clock, options)',
      ],
    ],
    [
      'a command without op',
      { steps: [], initial: { S1: { term: 1, log: [{ term: 1, command: {} }] } } },
      ['initial.S1.log[0].command.op: expected "set" or "noop", got undefined'],
    ],
  ])('%s', (_, input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });

  it('keeps initial states of servers named like prototype members, in a dict without a prototype', () => {
    const r = parseScenarioText(
      '{"nodes": ["constructor", "__proto__", "S3"], "initial": {"constructor": {"term": 2}, "__proto__": {"term": 3}}, "steps": []}',
    );
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.value.initial)).toBeNull();
    expect(Object.entries(r.value.initial)).toEqual([
      ['constructor', { term: 2, votedFor: null, log: [] }],
      ['__proto__', { term: 3, votedFor: null, log: [] }],
    ]);
  });

  it('writes a step with its fields in order, late last and only when true', () => {
    const r = validateScenario({
      steps: [
        { late: true, node: 'S1', do: 'crash', at: 5 },
        { late: false, at: 6, do: 'heal' },
      ],
    });
    expect(r.ok ? r.value.steps.map((s) => Object.entries(s)) : r.errors).toEqual([
      [
        ['at', 5],
        ['do', 'crash'],
        ['node', 'S1'],
        ['late', true],
      ],
      [
        ['at', 6],
        ['do', 'heal'],
      ],
    ]);
  });
});

describe('PreVote, CheckQuorum, leadership transfer and clock skew (CONTRACTS.md section 5)', () => {
  it('accepts the options and the new steps, and keeps only the fields given', () => {
    const r = validateScenario({
      nodes: ['S1', 'S2', 'S3'],
      options: { preVote: true, checkQuorum: false },
      steps: [
        { at: 100, do: 'transferLeadership', to: 'S2' },
        { at: 200, do: 'clock', node: 'S3', rate: 0.25 },
        { at: 300, do: 'clock', node: 'S3', rate: 4 },
        { at: 400, do: 'options', checkQuorum: true },
        { at: 500, do: 'options', preVote: false, checkQuorum: false, late: true },
      ],
    });
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.value.options).toEqual({ preVote: true, checkQuorum: false });
    expect(r.value.steps.map((step) => Object.entries(step))).toEqual([
      [
        ['at', 100],
        ['do', 'transferLeadership'],
        ['to', 'S2'],
      ],
      [
        ['at', 200],
        ['do', 'clock'],
        ['node', 'S3'],
        ['rate', 0.25],
      ],
      [
        ['at', 300],
        ['do', 'clock'],
        ['node', 'S3'],
        ['rate', 4],
      ],
      [
        ['at', 400],
        ['do', 'options'],
        ['checkQuorum', true],
      ],
      [
        ['at', 500],
        ['do', 'options'],
        ['preVote', false],
        ['checkQuorum', false],
        ['late', true],
      ],
    ]);
  });

  it.each<[string, unknown, string[]]>([
    [
      'preVote not a flag',
      { steps: [], options: { preVote: 1 } },
      ['options.preVote: expected true or false, got number 1'],
    ],
    [
      'checkQuorum not a flag',
      { steps: [], options: { checkQuorum: 'on' } },
      ['options.checkQuorum: expected true or false, got the string "on"'],
    ],
    [
      'an unknown option',
      { steps: [], options: { preVotes: true } },
      ['options.preVotes: unknown field (expected one of leaderNoop, preVote, checkQuorum, rules)'],
    ],
    ['a transfer without a target', { steps: [{ at: 0, do: 'transferLeadership' }] }, ['steps[0].to: is required']],
    [
      'a transfer to an unknown server',
      { nodes: ['S1', 'S2', 'S3'], steps: [{ at: 0, do: 'transferLeadership', to: 'S4' }] },
      ['steps[0].to: unknown node "S4" (nodes are S1, S2, S3)'],
    ],
    [
      'a transfer with a node field',
      { steps: [{ at: 0, do: 'transferLeadership', to: 'S2', node: 'S1' }] },
      ['steps[0].node: unknown field (expected one of at, do, late, to)'],
    ],
    [
      'a clock too fast',
      { steps: [{ at: 0, do: 'clock', node: 'S1', rate: 5 }] },
      ['steps[0].rate: must be at most 4 (a clock four times fast), got 5'],
    ],
    [
      'a clock too slow',
      { steps: [{ at: 0, do: 'clock', node: 'S1', rate: 0.2 }] },
      ['steps[0].rate: must be at least 0.25 (a clock four times slow), got 0.2'],
    ],
    [
      'a stopped clock',
      { steps: [{ at: 0, do: 'clock', node: 'S1', rate: 0 }] },
      ['steps[0].rate: must be at least 0.25 (a clock four times slow), got 0'],
    ],
    [
      'a clock rate that is no number',
      { steps: [{ at: 0, do: 'clock', node: 'S1', rate: '2' }] },
      ['steps[0].rate: expected a number, got the string "2"'],
    ],
    [
      'an infinite clock rate (1e400 in JSON)',
      { steps: [{ at: 0, do: 'clock', node: 'S1', rate: Infinity }] },
      ['steps[0].rate: expected a number, got number Infinity'],
    ],
    ['a clock without a rate', { steps: [{ at: 0, do: 'clock', node: 'S1' }] }, ['steps[0].rate: is required']],
    [
      'a clock of an unknown server',
      { steps: [{ at: 0, do: 'clock', node: 'S6', rate: 2 }] },
      ['steps[0].node: unknown node "S6" (nodes are S1, S2, S3, S4, S5)'],
    ],
    [
      'an options step that switches nothing',
      {
        steps: [
          { at: 0, do: 'heal' },
          { at: 0, do: 'options' },
        ],
      },
      ['steps[1]: an options step switches preVote, checkQuorum or both, but names neither'],
    ],
    [
      'an options step with a switch that is no flag',
      { steps: [{ at: 0, do: 'options', checkQuorum: 'yes' }] },
      ['steps[0].checkQuorum: expected true or false, got the string "yes"'],
    ],
    [
      'an options step with the teaching rules in it',
      { steps: [{ at: 0, do: 'options', preVote: true, rules: {} }] },
      ['steps[0].rules: unknown field (expected one of at, do, late, preVote, checkQuorum)'],
    ],
    [
      'ten servers',
      { nodes: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10'], steps: [] },
      ['nodes: at most 9 nodes, got 10'],
    ],
    ['no servers', { nodes: [], steps: [] }, ['nodes: expected a non-empty array of node ids, got an empty array']],
  ])('refuses %s, naming the place', (_, input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });

  it('accepts one server and nine', () => {
    expect(errorsOf({ nodes: ['S1'], steps: [] })).toEqual([]);
    expect(errorsOf({ nodes: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'], steps: [] })).toEqual([]);
  });
});

describe('narration numbers have the limits of every other border', () => {
  it('a moment past an hour and a log index past any log are refused, in the words of limits.ts', () => {
    const result = validateScenario({
      steps: [],
      narration: [
        { title: 'a', text: 'b', at: 1e300 },
        { title: 'a', text: 'b', at: 0, highlight: { entries: [{ node: 'S1', index: 1e15 }] } },
        { title: 'a', text: 'b', at: 0, highlight: { messages: [{ from: 'client', to: 'S9' }] } },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'narration[0].at: must be at most 3600000 (one hour of virtual time), got 1e+300',
      'narration[1].highlight.entries[0].index: must be at most 1000000000 (far beyond any run’s log), got 1000000000000000',
      'narration[2].highlight.messages[0].to: unknown node "S9" (nodes are S1, S2, S3, S4, S5, client)',
    ]);
  });
});
