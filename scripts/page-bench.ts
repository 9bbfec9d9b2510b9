/**
 * `npm run bench:page`: the animating page's main-thread cost in headless Chromium.
 * Opens the built page at RaftScope's default playback speed (?speed=0.01), lets it
 * settle (15 s: the first leader is elected and heartbeats and writes flow), then over a measured window reads the main thread's task time from the Chrome
 * DevTools Protocol (Performance.getMetrics, TaskDuration) and the intervals between
 * requestAnimationFrame callbacks. Prints one JSON object as its last line.
 */
import { startPreview } from './preview';

const PORT = 4181;
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 15000);
const WINDOW_MS = 10000;
const speed = process.argv[2] ?? '0.01';

const preview = await startPreview(PORT);
try {
  const { url, browser } = preview;
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${url}?speed=${speed}${process.argv[3] ?? ''}`);
  await page.waitForTimeout(SETTLE_MS);
  const taskTime = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')!.value;
  };
  // A string, not a function: the TypeScript loader would wrap a function in helpers the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    const loop = (t) => { window.__frames.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  const before = await taskTime();
  const start = Date.now();
  await page.waitForTimeout(WINDOW_MS);
  const after = await taskTime();
  const elapsed = (Date.now() - start) / 1000;
  const frames = await page.evaluate<number[]>('window.__frames');
  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i]!)
    .sort((a, b) => a - b);
  const pct = (p: number) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? NaN;
  const virtualTime = (await page.getByRole('timer', { name: 'Virtual time' }).textContent()) ?? '';
  const result = {
    speed: Number(speed),
    windowSeconds: Number(elapsed.toFixed(2)),
    mainThreadMsPerSecond: Number((((after - before) * 1000) / elapsed).toFixed(1)),
    frames: intervals.length,
    frameIntervalP50Ms: Number(pct(0.5).toFixed(2)),
    frameIntervalP95Ms: Number(pct(0.95).toFixed(2)),
    frameIntervalMaxMs: Number((intervals.at(-1) ?? NaN).toFixed(2)),
    clock: virtualTime.trim(),
  };
  console.log(
    `main thread ${result.mainThreadMsPerSecond} ms per second; frame interval p50 ${result.frameIntervalP50Ms} ms, p95 ${result.frameIntervalP95Ms} ms over ${result.frames} frames`,
  );
  console.log(JSON.stringify(result));
} finally {
  await preview.close();
}
