/**
 * Property-based fuzzing with fast-check: random crashes, restarts, partitions, cuts,
 * loss, duplication, writes, leadership transfers and clock skew, with PreVote and
 * CheckQuorum each on or off. After every event the safety checker runs; at the end,
 * acknowledged writes are still committed where the client was told, and once the faults
 * heal a leader is elected and makes progress. A failure shrinks to a minimal schedule.
 *
 * The run is reproducible: set FC_SEED to replay another campaign.
 */
import fc from 'fast-check';
import { layeredGet, layeredKeys } from '../../util/layeredRecord';
import { describe, expect, it } from 'vitest';
import { FAULT_SHARE, FINAL_WRITE, fuzzOne } from './fuzz';
import { runScenario } from './run';
import { DEFAULT_TIMING, scenarioOf, type Scenario, type Step } from '../scenario/scenario';
import type { World } from '../core/world';

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
  fc.record({ at, do: fc.constant('transferLeadership' as const), to: node }),
  fc.record({ at, do: fc.constant('clock' as const), node, rate: fc.constantFrom(0.25, 0.5, 0.8, 1.25, 2, 4) }),
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
  options: fc.record({ preVote: fc.boolean(), checkQuorum: fc.boolean() }),
  faults: fc.array(fault, { maxLength: 25 }),
  writes: fc.array(write, { maxLength: 15 }),
});

type Schedule = typeof schedule extends fc.Arbitrary<infer T> ? T : never;

function scenarioFrom({ seed, options, faults, writes }: Schedule) {
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
    ...NODES.map((n): Step => ({ at: HEAL_AT, do: 'clock', node: n, rate: 1 })),
    { at: HEAL_AT + 1, do: 'write', id: FINAL_WRITE, key: 'done', value: 'yes' },
  ];
  return scenarioOf({ name: 'property', seed, steps: [...faults, ...writeSteps, ...recovery], until: UNTIL, options });
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
      expect(run.stall, run.replay).toBeNull();
    }
  });
});

/** Bounds on what one run's messages may cost. */
interface MessageBounds {
  /** Peer messages (RequestVote, AppendEntries and their replies) that one event may send. */
  readonly peerMessagesPerEvent: number;
  /** AppendEntries copies that may be on their way over one link at any moment. */
  readonly appendEntriesInFlightPerLink: number;
}

/**
 * Runs a scenario and throws at the first event that breaks a bound (so a run that would
 * flood the network fails at once instead of flooding it). Messages sent by an event are
 * the new message ids on the wire after it: ids grow by one per message, and a duplicate
 * shares its original's id.
 */
function runWithinBounds(scenario: Scenario, bounds: MessageBounds): { world: World; violations: string[] } {
  let lastId = 0;
  const { world, violations } = runScenario(scenario, {
    onEvent: (p, w) => {
      const sent = new Set<number>();
      const perLink = new Map<string, number>();
      let newest = lastId;
      for (const m of w.inFlight()) {
        if (m.msgId > lastId && m.msg.from !== 'client' && m.msg.to !== 'client') sent.add(m.msgId);
        newest = Math.max(newest, m.msgId);
        if (m.msg.type !== 'AppendEntries') continue;
        const link = `${m.msg.from} to ${m.msg.to}`;
        const n = (perLink.get(link) ?? 0) + 1;
        perLink.set(link, n);
        if (n > bounds.appendEntriesInFlightPerLink)
          throw new Error(`at ${p.t.toFixed(1)} ms: ${n} AppendEntries copies in flight from ${link}`);
      }
      lastId = newest;
      if (sent.size > bounds.peerMessagesPerEvent)
        throw new Error(`at ${p.t.toFixed(1)} ms: one event (${p.event.kind}) sent ${sent.size} peer messages`);
    },
  });
  return { world, violations: violations.map((v) => v.message) };
}

describe('Message cost under duplication (issue 10: replies that say nothing new start nothing new)', () => {
  const CATCH_UP_UNTIL = 5000;
  const catchUp = fc.record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    size: fc.integer({ min: 1, max: 5 }),
    victim: fc.integer({ min: 0, max: 4 }),
    crashAt: fc.integer({ min: 300, max: 900 }),
    writes: fc.integer({ min: 65, max: 200 }),
    duplicate: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
    drop: fc.double({ min: 0, max: 0.2, noNaN: true }),
    lo: fc.integer({ min: 1, max: 30 }),
    spread: fc.integer({ min: 0, max: 40 }),
  });

  /**
   * In a cluster of one to five servers, one crashes, misses a burst of more writes than one
   * AppendEntries carries, and restarts, all while up to 60% of messages arrive twice; then
   * the network heals and one last write must commit. Bounds: one event sends at most one
   * message to each other server; and a link carries at most two copies each of the requests
   * sent within one latency: a heartbeat per half heartbeat interval (followers due soon are
   * sent theirs together), plus the request outstanding and the one sent on its answer.
   * Before the fix every duplicated reply that reported nothing new sent another
   * AppendEntries, and the copies on one link multiplied with every round trip of a catch-up.
   */
  it('a follower catching up many entries under heavy duplication: bounded messages per event and in flight per link', () => {
    fc.assert(
      fc.property(catchUp, (c) => {
        const nodes = NODES.slice(0, c.size);
        const victim = nodes[c.victim % nodes.length]!;
        const latency: [number, number] = [c.lo, c.lo + c.spread];
        const healAt = CATCH_UP_UNTIL - 1500;
        const steps: Step[] = [
          { at: 0, do: 'network', duplicate: c.duplicate, drop: c.drop, latency },
          { at: c.crashAt, do: 'crash', node: victim },
          ...Array.from({ length: c.writes }, (_, i): Step => ({
            at: c.crashAt + 10 + i,
            do: 'write',
            id: `w${i + 1}`,
            key: 'x',
            value: String(i + 1),
          })),
          { at: c.crashAt + 1200, do: 'restart', node: victim },
          { at: healAt, do: 'network', drop: 0, duplicate: 0, latency: DEFAULT_TIMING.latency },
          { at: healAt + 1, do: 'write', id: FINAL_WRITE, key: 'done', value: 'yes' },
        ];
        const scenario = scenarioOf({ name: 'catch-up', seed: c.seed, nodes, steps, until: CATCH_UP_UNTIL });
        const heartbeatsOnTheWire = Math.ceil(latency[1] / (scenario.timing.heartbeatInterval / 2));
        const { world, violations } = runWithinBounds(scenario, {
          peerMessagesPerEvent: nodes.length - 1,
          appendEntriesInFlightPerLink: 2 * (heartbeatsOnTheWire + 2),
        });
        expect(violations).toEqual([]);
        expect(layeredGet(world.client.acked, FINAL_WRITE), 'progress after the faults healed').toBeDefined();
      }),
      { numRuns: 25, seed: fcSeed },
    );
  });
});
