/**
 * Bad scenarios are refused with a message naming the exact place; good ones get the
 * contract's defaults.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NODES, DEFAULT_TIMING } from './scenario';
import { parseScenarioText, validateScenario } from './validateScenario';

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
    [{ steps: [], until: 0 }, 'until: must be greater than 0, got 0'],
    [{ steps: [], nodes: ['A', 'A'] }, 'nodes[1]: duplicate node "A"'],
    [{ steps: [], nodes: [] }, 'nodes: expected a non-empty array'],
    [{ steps: [], timing: { electionTimeout: [0, 10] } }, 'timing.electionTimeout[0]: must be greater than 0, got 0'],
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
    const { World } = await import('./world');
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const result = validateScenario({ steps: [{ at: 0, do: name }] });
      expect(result.ok).toBe(false);
    }
    const odd = validateScenario({ nodes: ['constructor', 'toString', 'S3'], steps: [] });
    expect(odd.ok).toBe(true);
    if (odd.ok) expect(() => new World(odd.value).runUntil(1000)).not.toThrow();
  });
});
