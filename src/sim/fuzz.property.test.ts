/**
 * Property-based fuzzing with fast-check: random crashes, restarts, partitions, cuts,
 * loss, duplication and writes. After every event the safety checker runs; at the end,
 * acknowledged writes are still committed where the client was told, and once the faults
 * heal a leader is elected and makes progress. A failure shrinks to a minimal schedule.
 *
 * The run is reproducible: set FC_SEED to replay another campaign.
 */
import fc from 'fast-check';
import { layeredGet, layeredKeys } from '../raft/layeredRecord';
import { describe, expect, it } from 'vitest';
import { FAULT_SHARE, FINAL_WRITE, fuzzOne } from './fuzz';
import { runScenario } from './run';
import { DEFAULT_TIMING, scenarioOf, type Step } from './scenario';

const NODES = ['S1', 'S2', 'S3', 'S4', 'S5'] as const;
const UNTIL = 6000;
const HEAL_AT = UNTIL * FAULT_SHARE;

const node = fc.constantFrom(...NODES);
const at = fc.integer({ min: 0, max: HEAL_AT - 1 });

const fault: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ at, do: fc.constant('crash' as const), node }),
  fc.record({ at, do: fc.constant('restart' as const), node }),
  fc.record({ at, do: fc.constant('timeout' as const), node }),
  fc.record({ at, do: fc.constant('heal' as const) }),
  fc.record({ at, do: fc.constant('cut' as const), from: node, to: node }),
  fc
    .record({
      at,
      split: fc.integer({ min: 1, max: 4 }),
      order: fc.shuffledSubarray([...NODES], { minLength: 5, maxLength: 5 }),
    })
    .map(({ at, split, order }): Step => ({
      at,
      do: 'partition',
      groups: [order.slice(0, split), order.slice(split)],
    })),
  fc
    .record({
      at,
      drop: fc.double({ min: 0, max: 0.3, noNaN: true }),
      duplicate: fc.double({ min: 0, max: 0.2, noNaN: true }),
      lo: fc.integer({ min: 1, max: 30 }),
      spread: fc.integer({ min: 0, max: 40 }),
    })
    .map(({ at, drop, duplicate, lo, spread }): Step => ({
      at,
      do: 'network',
      drop,
      duplicate,
      latency: [lo, lo + spread],
    })),
);

const write = fc.record({ at, key: fc.constantFrom('x', 'y'), to: fc.option(node, { nil: undefined }) });

const schedule = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  faults: fc.array(fault, { maxLength: 25 }),
  writes: fc.array(write, { maxLength: 15 }),
});

type Schedule = typeof schedule extends fc.Arbitrary<infer T> ? T : never;

function scenarioFrom({ seed, faults, writes }: Schedule) {
  const writeSteps: Step[] = writes.map((w, i) => ({
    at: w.at,
    do: 'write',
    id: `w${i + 1}`,
    key: w.key,
    value: String(i + 1),
    ...(w.to === undefined ? {} : { to: w.to }),
  }));
  const recovery: Step[] = [
    { at: HEAL_AT, do: 'heal' },
    { at: HEAL_AT, do: 'network', drop: 0, duplicate: 0, latency: DEFAULT_TIMING.latency },
    ...NODES.map((n): Step => ({ at: HEAL_AT, do: 'restart', node: n })),
    { at: HEAL_AT + 1, do: 'write', id: FINAL_WRITE, key: 'done', value: 'yes' },
  ];
  return scenarioOf({ name: 'property', seed, steps: [...faults, ...writeSteps, ...recovery], until: UNTIL });
}

const fcSeed = process.env.FC_SEED === undefined ? 20261123 : Number(process.env.FC_SEED);

describe('Raft under random faults (fast-check)', () => {
  it('is safe after every event, keeps acknowledged writes, and makes progress once faults heal', () => {
    fc.assert(
      fc.property(schedule, (input) => {
        const { world, violations } = runScenario(scenarioFrom(input));
        expect(violations.map((v) => v.message)).toEqual([]);
        for (const id of layeredKeys(world.client.acked)) {
          const { index, term } = layeredGet(world.client.acked, id)!;
          for (const n of world.nodeStates()) {
            if (n.commitIndex < index) continue;
            const e = n.log[index - 1]!;
            expect(e.term, `${n.id} index ${index}`).toBe(term);
            expect(e.command.op === 'set' && e.command.id, `${n.id} index ${index}`).toBe(id);
          }
        }
        expect(layeredGet(world.client.acked, FINAL_WRITE), 'progress after the faults healed').toBeDefined();
        expect(world.hosts.some((h) => h.up && h.role === 'leader')).toBe(true);
      }),
      { numRuns: 120, seed: fcSeed },
    );
  });

  it('the CLI fuzzer’s own schedules are safe and make progress (40 seeds)', () => {
    for (let seed = 1000; seed < 1040; seed++) {
      const run = fuzzOne(seed, 12000);
      expect(run.violations).toEqual([]);
      expect(run.progressed, run.replay).toBe(true);
    }
  });
});
