import { readFile } from 'node:fs/promises';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

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

/** Opens the page with a query string and waits until the simulation has sent its first frame. */
export async function open(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeEnabled({ timeout: 10_000 });
}

/** The virtual time shown in the toolbar, in seconds. */
export async function virtualTime(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Virtual time' }).textContent()) ?? '';
  const m = /t = ([\d.]+) s/.exec(text);
  if (!m) throw new Error(`cannot read the virtual time from ${JSON.stringify(text)}`);
  return Number(m[1]);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A server's button by its id ("S1", "L", "a"). */
export function server(page: Page, id: string): Locator {
  return page.getByRole('button', {
    name: new RegExp(`^${escape(id)}, (follower|candidate|leader|crashed), term \\d+`),
  });
}

/** Every server's button. */
export function servers(page: Page): Locator {
  return page.getByRole('button', { name: /^\w+, (follower|candidate|leader|crashed), term \d+/ });
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
  const m = /^(\w+), (follower|candidate|leader|crashed), term (\d+)/.exec(name ?? '');
  if (!m) throw new Error(`not a server name: ${JSON.stringify(name)}`);
  return { id: m[1]!, role: m[2]!, term: Number(m[3]) };
}

/** The id, role and term of every server, in page order. */
export async function serverStates(page: Page): Promise<ServerState[]> {
  const names = await servers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return names.map(parseServer);
}

/** Waits until some server is leader, and returns it. */
export async function waitForLeader(page: Page, timeout = 15_000): Promise<ServerState> {
  await expect(leaders(page).first()).toBeVisible({ timeout });
  return parseServer(await leaders(page).first().getAttribute('aria-label'));
}

/** The lines of the event log. */
export function eventLines(page: Page): Locator {
  return page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
}

/**
 * Searches the event log with its filter box, as a person would, and expects a line containing
 * `text` (the log shows only the latest lines, so a plain look could miss an older one).
 * Clears the filter afterwards.
 */
export async function expectEvent(page: Page, text: string, count?: number): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Filter events' });
  await search.fill(text);
  const lines = eventLines(page).filter({ hasText: text });
  if (count === undefined) await expect(lines.first()).toBeVisible();
  else await expect(lines).toHaveCount(count);
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
