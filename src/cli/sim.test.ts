/**
 * The command line, per CONTRACTS.md section 3: exit codes, the last line of standard
 * output, messages for bad input, and the trace file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shared = join(root, '..', 'shared', 'scenarios');

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  const lines = r.stdout.trimEnd().split('\n');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1] ?? '' };
}

describe('npm run sim', () => {
  it('runs a scenario: exit 0 and a JSON summary as the last line', () => {
    const r = sim('--scenario', join(shared, 'basic-election.json'));
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.last) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([
      'ok',
      'seed',
      'until',
      'events',
      'violations',
      'leaders',
      'committed',
      'acked',
    ]);
    expect(summary).toMatchObject({ ok: true, seed: 1, until: 5000, violations: [], committed: 3, acked: 3 });
  });

  it('--seed and --until override the file, and --trace writes JSON Lines starting with init', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'raft-')), 'trace.jsonl');
    const r = sim('--scenario', join(shared, 'leader-crash.json'), '--seed', '9', '--until', '1000', '--trace', out);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.last) as { seed: number; until: number; events: number };
    expect(summary.seed).toBe(9);
    expect(summary.until).toBe(1000);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(summary.events);
    const first = JSON.parse(lines[0]!) as { t: number; seq: number; event: { kind: string }; nodes: unknown[] };
    expect(first).toMatchObject({ t: 0, seq: 0, event: { kind: 'init' } });
    expect(first.nodes).toHaveLength(5);
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    const last = JSON.parse(lines.at(-1)!) as { t: number; nodes: { id: string; up: boolean; role: string }[] };
    expect(last.t).toBeLessThanOrEqual(1000);
    expect(last.nodes.find((n) => n.id === 'S1')).toMatchObject({ up: false, role: 'leader' });
  });

  it('refuses a bad scenario with exit 2, naming the file and the place', () => {
    const file = join(shared, 'bad-unknown-node.json');
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: steps[0].node: unknown node "S9"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--scenario', '/nonexistent/x.json'], 'no such file'],
    [['--scenario'], '--scenario needs a file name'],
    [['--fuzz', 'many'], '--fuzz needs an integer'],
    [['--scenario', 'a.json', '--until', '-5'], '--until needs a positive number'],
    [['--frobnicate'], 'unknown argument'],
    [[], 'give exactly one of --scenario FILE or --fuzz RUNS'],
  ])('bad input %j exits 2 with "%s"', (args, message) => {
    const r = sim(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('reports invalid JSON with exit 2', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'raft-')), 'broken.json');
    writeFileSync(file, '{ "steps": [ ');
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: not valid JSON`);
  });

  it('exits 1 when a safety property is violated (a teaching switch on)', () => {
    const scenario = JSON.parse(
      readFileSync(join(root, 'src/sim/scenarios/figure-8-overwritten.json'), 'utf8'),
    ) as Record<string, unknown>;
    const file = join(mkdtempSync(join(tmpdir(), 'raft-')), 'buggy.json');
    writeFileSync(file, JSON.stringify({ ...scenario, options: { rules: { commitOldTermByCount: true } } }));
    const r = sim('--scenario', file);
    expect(r.status).toBe(1);
    const summary = JSON.parse(r.last) as { ok: boolean; violations: string[] };
    expect(summary.ok).toBe(false);
    expect(summary.violations.join('\n')).toContain('Current-term commit rule');
  });

  it('--fuzz prints a JSON summary with runs, events, violations and failedSeeds', () => {
    const r = sim('--fuzz', '3', '--seed', '5', '--until', '5000');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.last) as Record<string, unknown>;
    expect(summary).toMatchObject({ ok: true, runs: 3, violations: [], failedSeeds: [] });
    expect(summary.events).toBeGreaterThan(100);
  });
});
