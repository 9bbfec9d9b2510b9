/**
 * `npm run bench`: simulated seconds per wall-clock second on the reference workload,
 * with the safety checker running after every event as it always does. The last line
 * of standard output is a JSON object with `virtualPerWall`.
 */
import { performance } from 'node:perf_hooks';
import { referenceWorkload } from '../sim/scenario/referenceWorkload';
import { runScenario } from '../sim/headless/run';

const SECONDS = 600;
const REPEATS = 5;

function once(seconds: number) {
  const scenario = referenceWorkload(seconds);
  const start = performance.now();
  const { summary } = runScenario(scenario);
  const wallMs = performance.now() - start;
  return { wallMs, summary };
}

once(60); // warm up the JIT
const runs = [];
for (let i = 0; i < REPEATS; i++) {
  const { wallMs, summary } = once(SECONDS);
  const virtualPerWall = SECONDS / (wallMs / 1000);
  runs.push({
    wallMs,
    virtualPerWall,
    events: summary.events,
    committed: summary.committed,
    acked: summary.acked,
    ok: summary.ok,
  });
  process.stdout.write(
    `run ${i + 1}: ${SECONDS} simulated s in ${wallMs.toFixed(0)} ms wall = ${virtualPerWall.toFixed(0)} simulated s per wall s; ${summary.events} events (${((summary.events / wallMs) * 1000).toFixed(0)}/s), ${summary.committed} committed, ${summary.acked} acked, ${summary.ok ? 'safe' : 'VIOLATION'}\n`,
  );
}
runs.sort((a, b) => a.virtualPerWall - b.virtualPerWall);
const median = runs[Math.floor(runs.length / 2)]!;
process.stdout.write(
  `${JSON.stringify({
    virtualPerWall: Math.round(median.virtualPerWall),
    simulatedSeconds: SECONDS,
    wallMs: Math.round(median.wallMs),
    events: median.events,
    eventsPerWallSecond: Math.round((median.events / median.wallMs) * 1000),
    committed: median.committed,
    acked: median.acked,
    ok: runs.every((r) => r.ok),
    runs: runs.map((r) => Math.round(r.virtualPerWall)),
  })}\n`,
);
