/**
 * `npm run bench:history`: a one-hour simulated session (the reference workload, a client
 * write every 100 ms, with a leader crash and restart every five minutes and a partition
 * now and then), recorded with checkpoints; then 50 seeks to random moments and 50 steps
 * back. Prints the seek times (p50, p95, max) and the memory the history holds. Run with
 * --expose-gc so the memory figure is after a full collection.
 */
import { performance } from 'node:perf_hooks';
import { History } from '../debug/history';
import { Prng } from '../sim/core/prng';
import { referenceWorkload } from '../sim/scenario/referenceWorkload';

const SECONDS = 3600;
const SEEKS = 50;

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const baseline = heapMb();
const history = new History(referenceWorkload(SECONDS));
const w = history.world;
const recordStart = performance.now();
for (let t = 0; t < SECONDS * 1000;) {
  t += 300_000;
  history.run(t - 20_000);
  const leader = w.hosts.find((h) => h.up && h.role === 'leader');
  if (leader) history.act({ at: w.now, do: 'crash', node: leader.id });
  history.run(t - 10_000);
  if (leader) history.act({ at: w.now, do: 'restart', node: leader.id });
  history.act({ at: w.now, do: 'partition', groups: [w.ids.slice(0, 2), w.ids.slice(2)] });
  history.run(t - 5_000);
  history.act({ at: w.now, do: 'heal' });
  history.run(Math.min(t, SECONDS * 1000));
}
const recordMs = performance.now() - recordStart;
const events = w.seq;
const committed = w.checker.committed;
const checkpoints = history.branch.checkpoints.length;
const memory = heapMb() - baseline;

const rng = Prng.of(1, 'seeks');
const seekMs: number[] = [];
for (let i = 0; i < SEEKS; i++) {
  const t = rng.between(0, SECONDS * 1000);
  const start = performance.now();
  history.seekTime(t);
  seekMs.push(performance.now() - start);
}
// As the page's worker seeks: to a second before the target, then on to it, recording what happens.
const pageSeekMs: number[] = [];
for (let i = 0; i < SEEKS; i++) {
  const t = rng.between(0, SECONDS * 1000);
  const start = performance.now();
  history.seekTime(Math.max(0, t - 1000));
  let events = 0;
  history.run(t, () => events++);
  pageSeekMs.push(performance.now() - start);
}
const backMs: number[] = [];
for (let i = 0; i < SEEKS; i++) {
  history.seekTime(rng.between(0, SECONDS * 1000));
  const seq = w.seq;
  const start = performance.now();
  history.seekSeq(seq - 1);
  backMs.push(performance.now() - start);
}
seekMs.sort((a, b) => a - b);
pageSeekMs.sort((a, b) => a - b);
backMs.sort((a, b) => a - b);
const round = (x: number) => Math.round(x * 10) / 10;
process.stdout.write(
  `recorded ${SECONDS} simulated s (${events} events, ${committed} entries committed, ${checkpoints} checkpoints) in ${(recordMs / 1000).toFixed(1)} s wall\n` +
    `seek to a random moment: p50 ${round(percentile(seekMs, 50))} ms, p95 ${round(percentile(seekMs, 95))} ms, max ${round(seekMs.at(-1)!)} ms\n` +
    `seek with a second of lead-in (as the page does): p50 ${round(percentile(pageSeekMs, 50))} ms, p95 ${round(percentile(pageSeekMs, 95))} ms, max ${round(pageSeekMs.at(-1)!)} ms\n` +
    `step back: p50 ${round(percentile(backMs, 50))} ms, p95 ${round(percentile(backMs, 95))} ms, max ${round(backMs.at(-1)!)} ms\n` +
    `history memory (heap after GC, above the empty process): ${memory.toFixed(1)} MB\n`,
);
process.stdout.write(
  `${JSON.stringify({
    simulatedSeconds: SECONDS,
    events,
    checkpoints,
    recordWallMs: Math.round(recordMs),
    seekP50Ms: round(percentile(seekMs, 50)),
    seekP95Ms: round(percentile(seekMs, 95)),
    seekMaxMs: round(seekMs.at(-1)!),
    pageSeekP95Ms: round(percentile(pageSeekMs, 95)),
    stepBackP95Ms: round(percentile(backMs, 95)),
    memoryMb: round(memory),
  })}\n`,
);
