import { readFile } from 'node:fs/promises';
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';

/**
 * The Playwright `test` with one addition: every console error and uncaught page error is
 * collected, and a test fails at the end if there were any.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors or page errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * For a wait on the simulation's own work: a run playing in real time (opened with `?speed=`),
 * or a long session replaying. How much wall time that takes depends on the machine's load,
 * so such a wait has no timeout of its own and is bounded only by the test's timeout
 * (playwright.config.ts), which guards against a hang and measures nothing. Waits on what
 * the page shows at once (a click's answer) keep the config's expect timeout.
 */
export const RUNNING = { timeout: 0 } as const;

/** Opens the page with a query string and waits until the simulation has sent its first frame. */
export async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeEnabled();
}

/** The virtual time shown in the toolbar, in seconds. */
export async function virtualTime(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Virtual time' }).textContent()) ?? '';
  const m = /t = ([\d.]+) s/.exec(text);
  if (!m) throw new Error(`cannot read the virtual time from ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** Waits, while the run plays, until the virtual clock shows at least `seconds`. */
export async function waitForVirtualTime(page: Page, seconds: number): Promise<void> {
  await expect
    .poll(() => virtualTime(page), { ...RUNNING, message: `the virtual clock reaches ${seconds} s` })
    .toBeGreaterThanOrEqual(seconds);
}

/**
 * Plays on (if not already playing) until the virtual clock shows at least `seconds`, then
 * pauses and waits until the page says so. For checks of what holds from a virtual moment on:
 * where exactly the run stops after it depends on the machine, what is checked must not.
 */
export async function runUntil(page: Page, seconds: number): Promise<void> {
  const play = page.getByRole('button', { name: 'Play', exact: true });
  if (await play.isVisible()) await play.click();
  await waitForVirtualTime(page, seconds);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(play).toBeVisible();
}

/**
 * The change of the virtual clock, in whole virtual milliseconds (the clock's resolution),
 * over the page's next `frames` animation frames, read in the page. A count of frames, not of milliseconds: the page moves its clock once a
 * frame by the frame's wall time (at most 100 ms) times the speed, so on a loaded machine,
 * whose frames come further apart, the change only grows.
 */
export async function clockChangeOver(page: Page, frames: number): Promise<number> {
  return page.getByRole('timer', { name: 'Virtual time' }).evaluate(
    (out, n) =>
      new Promise<number>((resolve) => {
        const read = () => Number(/t = ([\d.]+) s/.exec(out.textContent ?? '')?.[1] ?? NaN);
        let left = n;
        let first = NaN;
        const tick = () => {
          if (Number.isNaN(first)) first = read();
          if (left-- > 0) requestAnimationFrame(tick);
          else resolve(Math.round((read() - first) * 1000));
        };
        requestAnimationFrame(tick);
      }),
    frames,
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The role words of a server's accessible name (CONTRACTS.md sections 4 and 5). */
const ROLES = '(follower|pre-candidate|candidate|leader|crashed)';

/** A server's button by its id ("S1", "L", "a"). */
export function server(page: Page, id: string): Locator {
  return page.getByRole('button', {
    name: new RegExp(`^${escape(id)}, ${ROLES}, term \\d+`),
  });
}

/** Every server's button. */
export function servers(page: Page): Locator {
  return page.getByRole('button', { name: new RegExp(`^\\w+, ${ROLES}, term \\d+`) });
}

/** The buttons of the servers that are leaders right now. */
export function leaders(page: Page): Locator {
  return page.getByRole('button', { name: /^\w+, leader, term \d+/ });
}

export interface ServerState {
  readonly id: string;
  readonly role: string;
  readonly term: number;
}

/** Reads a server's id, role and term from its accessible name. */
export function parseServer(name: string | null): ServerState {
  const m = new RegExp(`^(\\w+), ${ROLES}, term (\\d+)`).exec(name ?? '');
  if (!m) throw new Error(`not a server name: ${JSON.stringify(name)}`);
  return { id: m[1]!, role: m[2]!, term: Number(m[3]) };
}

/** The id, role and term of every server, in page order. */
export async function serverStates(page: Page): Promise<ServerState[]> {
  const names = await servers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return names.map(parseServer);
}

/** Waits until some server is leader (see RUNNING: however long the run takes), and returns it. */
export async function waitForLeader(page: Page): Promise<ServerState> {
  await expect(leaders(page).first()).toBeVisible(RUNNING);
  return parseServer(await leaders(page).first().getAttribute('aria-label'));
}

/**
 * Presses "Run to next election" (the simulation runs, paused, to the moment a server becomes
 * leader, at once whatever the speed) and waits until the page says which, in the status
 * and on the server. Returns the new leader.
 */
export async function runToNextElection(page: Page): Promise<ServerState> {
  const status = page.getByRole('region', { name: 'Cluster view' }).getByRole('status');
  const before = await status.textContent();
  const said = /^Paused: (\w+) is leader in term (\d+)/;
  await page.getByRole('button', { name: 'Run to next election', exact: true }).click();
  await expect
    .poll(async () => {
      const text = (await status.textContent()) ?? '';
      return text !== before && said.test(text) ? text : `still ${JSON.stringify(text)}`;
    })
    .toMatch(said);
  const [, id, term] = said.exec((await status.textContent()) ?? '')!;
  await expect(server(page, id!)).toHaveAccessibleName(new RegExp(`^${escape(id!)}, leader, term ${term}`));
  return { id: id!, role: 'leader', term: Number(term) };
}

/** The lines of the event log. */
export function eventLines(page: Page): Locator {
  return page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
}

/**
 * Searches the event log with its filter box, as a person would, and expects a line containing
 * `text` (the log shows only the latest lines, so a plain look could miss an older one), or
 * exactly `count` such lines. Clears the filter afterwards. Pass RUNNING as `options` to wait
 * for an event the playing run has still to reach.
 */
export async function expectEvent(
  page: Page,
  text: string,
  count?: number,
  options: { timeout?: number } = {},
): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Filter events' });
  await search.fill(text);
  const lines = eventLines(page).filter({ hasText: text });
  if (count === undefined) await expect(lines.first()).toBeVisible(options);
  else await expect(lines).toHaveCount(count, options);
  await search.fill('');
}

/** The accessible name of the focused element: its aria-label, or else its text without aria-hidden parts. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const label = el.getAttribute('aria-label');
    if (label !== null) return label;
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Saves a screenshot of the viewport to e2e/screenshots/. */
export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage });
}

/**
 * Watches the virtual-time clock in the page and records every time its value goes down.
 * Returns a function that reads the records ("3.075 -> 3.008").
 */
export async function watchClockForBackwardJumps(page: Page): Promise<() => Promise<string[]>> {
  await page.getByRole('timer', { name: 'Virtual time' }).evaluate((out) => {
    const w = window as unknown as { clockBackwards: string[] };
    w.clockBackwards = [];
    let last = -Infinity;
    const read = () => Number(/t = ([\d.]+) s/.exec(out.textContent ?? '')?.[1] ?? NaN);
    new MutationObserver(() => {
      const t = read();
      if (t < last) w.clockBackwards.push(`${last} -> ${t}`);
      last = t;
    }).observe(out, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { clockBackwards: string[] }).clockBackwards);
}

/** Does what starts a download (a click) and returns the downloaded file's name and text. */
export async function downloadText(page: Page, start: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), start()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/**
 * Presses Share and opens the link it shows in a new browser context, as someone the link
 * was sent to would: returns their page (close it when done).
 */
export async function openSharedLink(page: Page, browser: Browser): Promise<Page> {
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page
    .getByRole('group', { name: 'Shared link' })
    .getByRole('textbox', { name: 'Link' })
    .inputValue();
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  return other;
}
