/**
 * `npm run sim`: runs a scenario or a fuzzing campaign headless, checking Raft's safety
 * properties after every event (and, fuzzing, liveness once faults heal). The last line of
 * standard output is one JSON object. Exit status: 0 safe, 1 a safety property was violated
 * (or a fuzz run stalled), 2 bad input.
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { fuzzCampaign, HEALED_TIMEOUTS } from '../sim/headless/fuzz';
import { DEFAULT_TIMING, type Scenario } from '../sim/scenario/scenario';
import { runScenario } from '../sim/headless/run';
import { MAX_FILE_SIZE } from '../sim/scenario/limits';
import { parseScenarioFileText } from '../share/validateSession';
import { parseSimArgs, usage, type SimArgs } from './args';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/**
 * Reads and validates a scenario file at the same border as the page's Open scenario: a file
 * over MAX_FILE_SIZE bytes is refused unread, and a refusal lists the first
 * MAX_REPORTED_PROBLEMS problems (each kept short), then how many more. Exits 2 on any of it.
 */
function readScenario(file: string) {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_SIZE) fail(`${file}: the file is too large: ${size} bytes (at most ${MAX_FILE_SIZE})`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(`${file}: cannot read the scenario (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`);
  }
  const parsed = parseScenarioFileText(text);
  if (!parsed.ok) fail(parsed.errors.map((e) => `${file}: ${e}`).join('\n'));
  return parsed.value;
}

/** Buffered writing of trace lines to a file. */
function traceWriter(file: string): {
  write: (line: string) => void;
  close: () => void;
} {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (error) {
    fail(`${file}: cannot write the trace (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let buffer: string[] = [];
  let size = 0;
  const flush = () => {
    if (buffer.length > 0) writeSync(fd, buffer.join(''));
    buffer = [];
    size = 0;
  };
  return {
    write: (line) => {
      buffer.push(line, '\n');
      size += line.length;
      if (size > 1 << 20) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

/** The scenario with --preVote and --checkQuorum, where given, in place of its own options. */
function withSwitches(scenario: Scenario, args: SimArgs): Scenario {
  if (args.preVote === undefined && args.checkQuorum === undefined) return scenario;
  return {
    ...scenario,
    options: {
      ...scenario.options,
      ...(args.preVote === undefined ? {} : { preVote: args.preVote }),
      ...(args.checkQuorum === undefined ? {} : { checkQuorum: args.checkQuorum }),
    },
  };
}

function runOne(args: SimArgs & { scenario: string }): number {
  const scenario = withSwitches(readScenario(args.scenario), args);
  const writer = args.trace === undefined ? undefined : traceWriter(args.trace);
  const { summary, world } = runScenario(scenario, {
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.until === undefined ? {} : { until: args.until }),
    ...(writer === undefined ? {} : { trace: writer.write }),
  });
  writer?.close();
  const name = scenario.name;
  process.stdout.write(`${name}: ${summary.events} events to t=${summary.until}, seed ${summary.seed}\n`);
  for (const [term, id] of Object.entries(summary.leaders)) process.stdout.write(`  term ${term}: leader ${id}\n`);
  process.stdout.write(`  committed ${summary.committed} entries; ${summary.acked} writes acknowledged\n`);
  for (const state of world.nodeStates()) {
    process.stdout.write(
      `  ${state.id}: ${state.up ? state.role : `crashed (was ${state.role})`}, term ${state.term}, log ${state.log.length}, commit ${state.commitIndex}\n`,
    );
  }
  for (const v of summary.violations) process.stdout.write(`VIOLATION ${v}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.ok ? 0 : 1;
}

function runFuzz(args: SimArgs & { fuzz: number }): number {
  const until = args.until ?? 20000;
  const extensions = { preVote: args.preVote, checkQuorum: args.checkQuorum };
  const result = fuzzCampaign({
    runs: args.fuzz,
    seed: args.seed ?? 1,
    until,
    extensions,
    onRun: (run) => {
      if (!run.ok) process.stdout.write(`seed ${run.seed} FAILED: ${run.violations[0]!}\n  replay: ${run.replay}\n`);
      else if (run.stall !== null)
        process.stdout.write(`seed ${run.seed} STALLED: ${run.stall}\n  replay: ${run.replay}\n`);
    },
  });
  const healed = HEALED_TIMEOUTS * DEFAULT_TIMING.electionTimeout[1];
  if (until < healed)
    process.stdout.write(
      `runs of ${until} ms are shorter than ${healed} ms: too short to judge liveness, not judged\n`,
    );
  const on = Object.entries(extensions)
    .filter(([, v]) => v)
    .map(([k]) => k);
  process.stdout.write(
    `${result.runs} runs${on.length === 0 ? '' : ` with ${on.join(' and ')}`}, ${result.events} events, ${result.violations.length} violations, ${result.stalls} stalls\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
}

function main(): number {
  const argv = process.argv.slice(2);
  // Asking for help is not bad input: the usage goes to standard output, exit 0.
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const parsed = parseSimArgs(argv);
  if (!parsed.ok) fail(parsed.error);
  const args = parsed.value;
  if (args.scenario !== undefined) return runOne({ ...args, scenario: args.scenario });
  return runFuzz({ ...args, fuzz: args.fuzz! });
}

try {
  process.exitCode = main();
} catch (error) {
  // Never a stack trace: say what went wrong in one line.
  process.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
