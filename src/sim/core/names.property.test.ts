/**
 * Names are data: request ids, keys, values and server names that look like members of
 * Object.prototype (`__proto__`, `constructor`, `toString`, ...) or are any other string
 * behave like every other name. Writes are acknowledged and applied exactly once, and names
 * survive the scenario file, the trace, a session link and the picture export unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredKeys } from '../../util/layeredRecord';
import type { Entry } from '../../raft/types';
import { decodeSession, encodeSession } from '../../share/sessionLink';
import type { Session } from '../../share/session';
import { applyFrame, useSim } from '../../store/simStore';
import { pictureModelFrom } from '../../view/picture/pictureModel';
import { escapeXml, pictureSvg } from '../../view/picture/pictureSvg';
import { FrameBuilder } from '../../worker/frames';
import { runScenario } from '../headless/run';
import { parseScenarioText } from '../scenario/validateScenario';
import { World } from './world';

/** Every own member of Object.prototype, and a few that engines add. */
const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype', 'then', 'length'];
const NODE_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** Any text, with prototype members weighted in. */
const anyName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
);

/** A server id as the scenario format allows, with prototype members weighted in. */
const nodeName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES.filter((n) => NODE_ID.test(n))) },
  { weight: 2, arbitrary: fc.stringMatching(NODE_ID) },
);

function setIds(log: readonly Entry[]): string[] {
  return log.flatMap((e) => (e.command.op === 'set' ? [e.command.id] : []));
}

describe('names are data, never object keys', () => {
  it('the issue’s four writes: 4 acknowledgements and 4 entries', () => {
    const writes = [
      ['__proto__', 'constructor'],
      ['toString', '__proto__'],
      ['valueOf', 'hasOwnProperty'],
      ['constructor', 'toString'],
    ];
    const file = {
      steps: writes.map(([id, key], i) => ({ at: 1500 + 100 * i, do: 'write', id, key, value: String(i + 1) })),
      until: 5000,
    };
    const parsed = parseScenarioText(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const acks: string[] = [];
    const r = runScenario(parsed.value, { onEvent: (p) => p.event.kind === 'clientAck' && acks.push(p.event.id) });
    expect(acks.sort()).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
    for (const h of r.world.hosts) {
      expect(setIds(h.context.log)).toEqual(['__proto__', 'toString', 'valueOf', 'constructor']);
      expect([...h.context.kv]).toEqual([
        ['constructor', '1'],
        ['__proto__', '2'],
        ['hasOwnProperty', '3'],
        ['toString', '4'],
      ]);
    }
  });

  it('the issue’s servers: __proto__ starts at its initial term 7', () => {
    // As a file read from disk: JSON text, where "__proto__" is an own key like any other.
    const good = parseScenarioText(
      '{"nodes":["constructor","toString","hasOwnProperty","__proto__","valueOf"],"initial":{"__proto__":{"term":7}},"steps":[]}',
    );
    if (!good.ok) throw new Error(good.errors.join('\n'));
    const world = new World(good.value);
    expect(world.nodeStates().map((n) => [n.id, n.term])).toEqual([
      ['constructor', 0],
      ['toString', 0],
      ['hasOwnProperty', 0],
      ['__proto__', 7],
      ['valueOf', 0],
    ]);
  });

  it('a name that UTF-8 cannot carry (a lone surrogate) is refused at the border, naming the place', () => {
    const r = parseScenarioText('{"steps":[{"at":1,"do":"write","id":"a\\ud800b","key":"k","value":"\\udc00"}]}');
    expect(r.ok ? [] : r.errors).toEqual([
      'steps[0].id: is not valid Unicode text: a lone surrogate \\uD800 at character 2',
      'steps[0].value: is not valid Unicode text: a lone surrogate \\uDC00 at character 1',
    ]);
  });

  it('any ids, keys and values: every write is acknowledged once and applied once on every server', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(anyName, anyName, anyName), { minLength: 1, maxLength: 6, selector: ([id]) => id }),
        fc.integer({ min: 1, max: 1000 }),
        (writes, seed) => {
          const file = {
            seed,
            steps: writes.map(([id, key, value], i) => ({ at: 1500 + 100 * i, do: 'write', id, key, value })),
            until: 1500 + 100 * writes.length + 3000,
          };
          const parsed = parseScenarioText(JSON.stringify(file));
          if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
          const acks: string[] = [];
          const lines: string[] = [];
          const r = runScenario(parsed.value, {
            trace: (line) => lines.push(line),
            onEvent: (p) => p.event.kind === 'clientAck' && acks.push(p.event.id),
          });
          const ids = writes.map(([id]) => id);
          expect(r.summary.ok).toBe(true);
          expect(acks.sort()).toEqual([...ids].sort());
          const expectedKv = new Map(writes.map(([, key, value]) => [key, value] as const));
          for (const h of r.world.hosts) {
            expect(setIds(h.context.log)).toEqual(ids);
            expect(layeredKeys(h.context.applied).sort()).toEqual([...ids].sort());
            expect([...h.context.kv].sort()).toEqual([...expectedKv].sort());
          }
          // The trace carries them unchanged.
          const last = JSON.parse(lines.at(-1)!) as { nodes: { log: Entry[] }[] };
          for (const n of last.nodes) expect(setIds(n.log)).toEqual(ids);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any server names round-trip through the scenario file, the trace, a session link and the picture', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(nodeName, { minLength: 3, maxLength: 7 }),
        fc.nat(),
        fc.uniqueArray(anyName, { minLength: 1, maxLength: 3 }),
        async (nodes, pick, writeIds) => {
          const chosen = nodes[pick % nodes.length]!;
          const file = {
            name: 'names',
            seed: 3,
            nodes,
            initial: { [chosen]: { term: 7, votedFor: null, log: [] } },
            steps: writeIds.map((id, i) => ({ at: 1500 + 100 * i, do: 'write', id, key: id, value: id })),
            until: 4000,
          };
          // A computed key makes "__proto__" an own key, so the JSON text has it as a file would.
          const parsed = parseScenarioText(JSON.stringify(file));
          if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
          const scenario = parsed.value;
          expect(scenario.nodes).toEqual(nodes);

          const lines: string[] = [];
          const r = runScenario(scenario, { trace: (l) => lines.push(l) });
          expect(r.summary.ok).toBe(true);
          type Line = { nodes: { id: string; term: number }[] };
          const first = JSON.parse(lines[0]!) as Line;
          expect(first.nodes.map((n) => n.id)).toEqual(nodes);
          expect(first.nodes.map((n) => n.term)).toEqual(nodes.map((id) => (id === chosen ? 7 : 0)));
          expect((JSON.parse(lines.at(-1)!) as Line).nodes.map((n) => n.id)).toEqual(nodes);
          expect(r.summary.acked).toBe(writeIds.length);

          const session: Session = {
            scenario: { kind: 'inline', scenario },
            seed: 3,
            settings: {
              speed: 0.02,
              breakpoints: { leader: true, term: false, commit: false, violation: true, watch: '' },
            },
            inputs: [],
            head: { seq: 0, t: 0 },
            moment: { seq: 0, t: 0 },
          };
          const back = await decodeSession(await encodeSession(session));
          expect(back.ok ? back.value : back.errors).toEqual(session);

          const frames = new FrameBuilder();
          frames.reset(r.world);
          applyFrame(
            frames.build(r.world, {
              running: false,
              speed: 0.02,
              handled: 0,
              history: { branch: 0, branches: [], headT: r.world.now, headSeq: r.world.seq },
              markers: null,
              pausedBy: null,
            }),
          );
          const svg = pictureSvg(pictureModelFrom(useSim.getState(), r.world.now));
          for (const id of nodes) expect(svg).toContain(`>${escapeXml(id)}<`);
          expect(pictureModelFrom(useSim.getState(), r.world.now).ids).toEqual(nodes);
        },
      ),
      { numRuns: 30 },
    );
  });
});
