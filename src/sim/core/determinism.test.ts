/**
 * Seed + scenario reproduce the trace byte for byte; another seed gives another trace.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fuzzScenario } from '../headless/fuzz';
import { runScenario } from '../headless/run';
import type { Scenario } from '../scenario/scenario';
import { BUILT_IN_SCENARIOS } from '../scenario/builtIn';

function traceOf(s: Scenario, seed?: number): { hash: string; lines: number; first: string } {
  const hash = createHash('sha256');
  let lines = 0;
  let first = '';
  runScenario(s, {
    ...(seed === undefined ? {} : { seed }),
    trace: (line) => {
      if (lines === 0) first = line;
      hash.update(line).update('\n');
      lines++;
    },
  });
  return { hash: hash.digest('hex'), lines, first };
}

describe('determinism', () => {
  it.each(BUILT_IN_SCENARIOS.map((b) => [b.scenario.name, b.scenario] as const))(
    '%s: the same seed gives a byte-identical trace',
    (_name, s) => {
      const a = traceOf(s);
      const b = traceOf(s);
      expect(a.lines).toBeGreaterThan(50);
      expect(b).toEqual(a);
    },
  );

  it('a fault-heavy fuzz schedule replays byte for byte', () => {
    const s = fuzzScenario(42, 10000);
    expect(traceOf(s)).toEqual(traceOf(s));
  });

  it('another seed gives another trace', () => {
    const s = BUILT_IN_SCENARIOS[0]!.scenario;
    const hashes = new Set([1, 2, 3, 4, 5].map((seed) => traceOf(s, seed).hash));
    expect(hashes.size).toBe(5);
  });

  it('the trace starts with an init line holding every node at time 0', () => {
    const { first } = traceOf(BUILT_IN_SCENARIOS.find((b) => b.scenario.name === 'figure-7')!.scenario);
    const init = JSON.parse(first) as {
      t: number;
      seq: number;
      event: { kind: string };
      nodes: { id: string; log: unknown[] }[];
    };
    expect(init.t).toBe(0);
    expect(init.seq).toBe(0);
    expect(init.event.kind).toBe('init');
    expect(init.nodes.map((n) => n.id)).toEqual(['L', 'a', 'b', 'c', 'd', 'e', 'f']);
    expect(init.nodes[0]!.log).toHaveLength(10);
  });
});
