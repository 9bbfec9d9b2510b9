/**
 * The wall time from opening the built page at its default speed to the first leader on
 * screen, in headless Chromium. Build first (`npm run build`), then:
 *
 *   node --import tsx scripts/first-leader-bench.ts [RUNS] [QUERY]
 *
 * RUNS (default 5) fresh pages, each opened with QUERY (default none: the default speed and
 * the welcome scenario). For each run the page itself records, with a MutationObserver, the
 * moment a server's accessible name first says `leader`, in milliseconds since navigation
 * began (`performance.now()`), and the virtual time the clock then shows. Prints one line per
 * run and, as its last line, a JSON object: `wallMs` (every run), `medianWallMs`, `maxWallMs`,
 * `virtualMs` (the clock at that moment) and `idealWallMs` (virtual time over the speed: what
 * a machine with nothing else to do would take once the page runs). No assertion on wall
 * time: this prints the number; the browser tests wait for the leader however long it takes.
 */
import { startPreview } from './preview';

const PORT = 4182;
const runs = Number(process.argv[2] ?? 5);
const query = process.argv[3] ?? '';
/** A page that shows no leader in this long is reported as failed (a hang guard, not a limit measured against). */
const GIVE_UP_MS = 180_000;

// Strings, not functions: the TypeScript loader would wrap a function in helpers the page lacks.
const WATCH_FOR_LEADER = `(() => {
  const found = () => {
    const el = [...document.querySelectorAll('[role="button"][aria-label], button[aria-label]')].find((e) =>
      /^[^,]+, leader, term \\d+/.test(e.getAttribute('aria-label') ?? ''),
    );
    if (!el) return false;
    const clock = [...document.querySelectorAll('[role="timer"]')].find((e) => e.getAttribute('aria-label') === 'Virtual time');
    const m = /t = ([\\d.]+) s/.exec(clock?.textContent ?? '');
    window.__firstLeader = { wallMs: performance.now(), virtualMs: m ? Number(m[1]) * 1000 : NaN, name: el.getAttribute('aria-label') };
    return true;
  };
  const start = () => {
    if (found()) return;
    const observer = new MutationObserver(() => { if (found()) observer.disconnect(); });
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
})()`;

interface Run {
  readonly wallMs: number;
  readonly virtualMs: number;
  readonly name: string;
  readonly speed: number;
}

const preview = await startPreview(PORT);
try {
  const { url, browser } = preview;
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(WATCH_FOR_LEADER);
    await page.goto(`${url}${query}`);
    await page.waitForFunction('window.__firstLeader !== undefined', undefined, { timeout: GIVE_UP_MS });
    const found = await page.evaluate<{ wallMs: number; virtualMs: number; name: string }>('window.__firstLeader');
    const speedText = (await page.locator('.speed-value').textContent()) ?? '';
    const run = { ...found, speed: Number(speedText.replace('×', '')) };
    results.push(run);
    console.log(
      `run ${i + 1}: first leader after ${(run.wallMs / 1000).toFixed(2)} s of wall time, at t = ${(run.virtualMs / 1000).toFixed(3)} s (${run.name.split(',').slice(0, 3).join(',')}), speed ${run.speed}×`,
    );
    await context.close();
  }
  const wall = results.map((r) => r.wallMs).sort((a, b) => a - b);
  const speed = results[0]?.speed ?? NaN;
  const virtualMs = results[0]?.virtualMs ?? NaN;
  console.log(
    JSON.stringify({
      query,
      runs,
      speed,
      wallMs: results.map((r) => Math.round(r.wallMs)),
      medianWallMs: Math.round(wall[Math.floor((wall.length - 1) / 2)] ?? NaN),
      maxWallMs: Math.round(wall.at(-1) ?? NaN),
      virtualMs: Number(virtualMs.toFixed(1)),
      idealWallMs: Math.round(virtualMs / speed),
    }),
  );
} finally {
  await preview.close();
}
