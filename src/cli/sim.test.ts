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
import { parseSimArgs } from './args';
import { MAX_FILE_SIZE } from '../sim/scenario/limits';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Copies of the example scenarios the contracts ship with, kept in test-support/ so the tests need nothing outside the project.
const examples = join(root, 'test-support', 'scenarios');

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
    const r = sim('--scenario', join(examples, 'basic-election.json'));
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
    const r = sim('--scenario', join(examples, 'leader-crash.json'), '--seed', '9', '--until', '1000', '--trace', out);
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
    const file = join(examples, 'bad-unknown-node.json');
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: steps[0].node: unknown node "S9"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['--scenario', '/nonexistent/x.json'], 'no such file'],
    [['--scenario'], '--scenario needs a file name'],
    [['--fuzz', 'many'], '--fuzz: expected an integer, got "many"'],
    [['--scenario', 'a.json', '--until', '-5'], '--until: must be at least 0, got -5'],
    [
      ['--scenario', 'a.json', '--until', '1e15'],
      '--until: must be at most 3600000 (one hour of virtual time), got 1e15',
    ],
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
      readFileSync(join(root, 'src/sim/scenario/builtIn/figure-8-overwritten.json'), 'utf8'),
    ) as Record<string, unknown>;
    const file = join(mkdtempSync(join(tmpdir(), 'raft-')), 'buggy.json');
    writeFileSync(file, JSON.stringify({ ...scenario, options: { rules: { commitOldTermByCount: true } } }));
    const r = sim('--scenario', file);
    expect(r.status).toBe(1);
    const summary = JSON.parse(r.last) as { ok: boolean; violations: string[] };
    expect(summary.ok).toBe(false);
    expect(summary.violations.join('\n')).toContain('Current-term commit rule');
  });

  it('--fuzz prints a JSON summary with runs, events, violations and failedSeeds, then stalls and stalledSeeds', () => {
    const r = sim('--fuzz', '3', '--seed', '5', '--until', '5000');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.last) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([
      'ok',
      'runs',
      'events',
      'violations',
      'failedSeeds',
      'stalls',
      'stalledSeeds',
    ]);
    expect(summary).toMatchObject({ ok: true, runs: 3, violations: [], failedSeeds: [], stalls: 0, stalledSeeds: [] });
    expect(summary.events).toBeGreaterThan(100);
  });
});

describe('npm run sim: PreVote and CheckQuorum switches (CONTRACTS.md section 5)', () => {
  it('--preVote and --checkQuorum turn the options on for a scenario: a server asks for pre-votes first', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'raft-')), 'trace.jsonl');
    const file = join(examples, 'basic-election.json');
    const r = sim('--scenario', file, '--preVote', '--checkQuorum', '--until', '2000', '--trace', out);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.last)).toMatchObject({ ok: true, violations: [] });
    const trace = readFileSync(out, 'utf8');
    expect(trace).toContain('"role":"precandidate"');
    expect(trace).toContain('"quorumContact":');
    const plain = sim('--scenario', file, '--until', '2000', '--trace', out);
    expect(plain.status).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('precandidate');
  });

  it('--preVote=false turns off a scenario’s own option', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'raft-')), 'trace.jsonl');
    const scenario = JSON.parse(readFileSync(join(examples, 'basic-election.json'), 'utf8')) as Record<string, unknown>;
    const file = tempFile('prevote.json', { ...scenario, options: { preVote: true }, until: 2000 });
    expect(sim('--scenario', file, '--trace', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('precandidate');
    expect(sim('--scenario', file, '--preVote=false', '--trace', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('precandidate');
  });

  it('--fuzz with both: every run uses them', () => {
    const r = sim('--fuzz', '2', '--seed', '3', '--until', '5000', '--preVote', '--checkQuorum');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 runs with preVote and checkQuorum');
    expect(JSON.parse(r.last)).toMatchObject({ ok: true, runs: 2, stalls: 0 });
  });
});

function tempFile(name: string, json: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'raft-')), name);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

describe('npm run sim: numbers no person would set are bad input (exit 2)', () => {
  it('refuses a starting term of 2^53 - 1 and timers of 1e-300 ms, naming each place, with no stack', () => {
    const file = tempFile('huge.json', {
      timing: { electionTimeout: [1e-300, 1e-300], heartbeatInterval: 1e-300 },
      initial: { S1: { term: 9007199254740991 } },
      steps: [{ at: 0, do: 'timeout', node: 'S1' }],
    });
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${file}: timing.electionTimeout[0]: must be at least 10 (shorter timers would flood the run with elections), got 1e-300`,
      `${file}: timing.electionTimeout[1]: must be at least 10 (shorter timers would flood the run with elections), got 1e-300`,
      `${file}: timing.heartbeatInterval: must be at least 5 (shorter heartbeats would flood the run with messages), got 1e-300`,
      `${file}: initial.S1.term: must be at most 1000000 (the highest term a run may start at), got 9007199254740991`,
    ]);
  });

  it('refuses an initial state that already breaks Log Matching as bad input, instead of running it to a violation', () => {
    const file = tempFile('mismatch.json', {
      initial: {
        S1: {
          term: 2,
          log: [
            { term: 1, command: { op: 'noop' } },
            { term: 2, command: { op: 'noop' } },
          ],
        },
        S2: {
          term: 2,
          log: [
            { term: 1, command: { op: 'noop' } },
            { term: 2, command: { op: 'set', id: 'w1', key: 'x', value: '1' } },
          ],
        },
      },
      steps: [],
      until: 1000,
    });
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${file}: initial.S2.log[1]: breaks Log Matching: S1 has another entry with the same index (2) and term (2): S1 has term 2, noop, S2 has term 2, w1: x=1\n`,
    );
  });

  it('prints the first 20 problems of a file and how many more', () => {
    const file = tempFile('many.json', { steps: Array.from({ length: 25 }, () => ({ at: -1, do: 'heal' })) });
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(`${file}: steps[0].at: must be at least 0, got -1`);
    expect(lines[20]).toBe(`${file}: and 5 more problems`);
  });

  it('refuses a file over the size limit without reading it, as the page does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    const file = join(dir, 'huge.json');
    writeFileSync(file, ' '.repeat(MAX_FILE_SIZE + 1));
    const r = sim('--scenario', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${file}: the file is too large: ${MAX_FILE_SIZE + 1} bytes (at most ${MAX_FILE_SIZE})\n`);
  });
});

describe('parseSimArgs: the limits of every border', () => {
  const errorOf = (...args: string[]) => {
    const r = parseSimArgs(args);
    return r.ok ? 'accepted' : r.error;
  };
  it.each([
    [
      ['--scenario', 'a.json', '--until', '1e15'],
      '--until: must be at most 3600000 (one hour of virtual time), got 1e15',
    ],
    [
      ['--scenario', 'a.json', '--until', '3600000.5'],
      '--until: must be at most 3600000 (one hour of virtual time), got 3600000.5',
    ],
    [
      ['--scenario', 'a.json', '--until', 'Infinity'],
      '--until: must be at most 3600000 (one hour of virtual time), got "Infinity"',
    ],
    [['--scenario', 'a.json', '--until='], '--until: expected a number, got ""'],
    [['--scenario', 'a.json', '--until'], '--until needs a number'],
    [['--scenario', 'a.json', '--seed', '-1'], '--seed: must be at least 0, got -1'],
    [['--scenario', 'a.json', '--seed', '1.5'], '--seed: expected an integer, got 1.5'],
    [['--scenario', 'a.json', '--seed', ' '], '--seed: expected an integer, got " "'],
    [
      ['--scenario', 'a.json', '--seed', '4294967296'],
      '--seed: must be at most 4294967295 (seeds are 32-bit numbers), got 4294967296',
    ],
    [
      ['--scenario', 'a.json', '--seed', '9007199254740993'],
      '--seed: must be at most 4294967295 (seeds are 32-bit numbers), got 9007199254740993',
    ],
    [['--fuzz', '0'], '--fuzz: must be at least 1, got 0'],
    [['--fuzz', '1e15'], '--fuzz: must be at most 100000 (the most runs of one campaign), got 1e15'],
    [
      ['--fuzz', '10', '--seed', '4294967290'],
      '--fuzz: 10 runs from seed 4294967290 would use seeds up to 4294967299, but seeds must be at most 4294967295 (seeds are 32-bit numbers)',
    ],
  ])('%j: %s', (args, message) => {
    expect(errorOf(...args)).toBe(message);
  });

  it.each([
    [['--scenario', 'a.json', '--preVote'], { scenario: 'a.json', preVote: true }],
    [['--fuzz', '5', '--checkQuorum=true', '--preVote=false'], { fuzz: 5, checkQuorum: true, preVote: false }],
  ])('switches %j', (args, value) => {
    expect(parseSimArgs(args)).toEqual({ ok: true, value });
  });

  it('refuses a switch with a value other than true or false', () => {
    expect(errorOf('--fuzz', '5', '--preVote=yes')).toBe('--preVote: expected true or false after "=", got "yes"');
  });

  it('accepts each limit itself', () => {
    expect(parseSimArgs(['--scenario', 'a.json', '--until', '3600000', '--seed', '4294967295'])).toEqual({
      ok: true,
      value: { scenario: 'a.json', until: 3_600_000, seed: 4_294_967_295 },
    });
    expect(parseSimArgs(['--fuzz', '100000', '--seed', '0'])).toEqual({ ok: true, value: { fuzz: 100_000, seed: 0 } });
    expect(parseSimArgs(['--fuzz', '6', '--seed', '4294967290']).ok).toBe(true);
  });
});
