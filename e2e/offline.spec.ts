/**
 * Works when the hall's network does not (issue 12, item 10): after one visit, the production
 * build served under its GitHub Pages sub-path loads and runs with the network gone, and a new
 * version of the site is announced ("A new version is ready — Reload"), never swapped in while
 * a lecture runs.
 */
import type { Page } from '@playwright/test';
import { eventLines, expect, RUNNING, test } from './helpers';
import { serveUnderSubpath, type SubpathServer } from './subpathServer';

let site: SubpathServer;

test.beforeEach(async () => {
  site = await serveUnderSubpath();
});
test.afterEach(() => site.close());

/** Opens the site at `query` and waits until the simulation has sent its first frame. */
async function open(page: Page, query: string): Promise<void> {
  await page.goto(`${site.base}${query}`);
  await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeEnabled();
}

/** Waits until the site's service worker is active: everything it precaches is in its cache. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration?.active?.state ?? 'none';
      }),
    )
    .toBe('activated');
}

test('after one visit the site loads and runs a scenario with the network gone', async ({ page, context }) => {
  // The first visit, online: a paused scenario, as a lecturer prepares it before the lecture.
  await open(page, `?scenario=leader-crash&paused=1`);
  await waitUntilOfflineReady(page);

  // The hall's network goes down: the browser is offline and the server answers nothing.
  await context.setOffline(true);
  site.down = true;
  const reachedBefore = site.requests.length;

  await page.reload();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  const clock = page.getByRole('timer', { name: 'Virtual time' });
  await expect(clock).toHaveText('t = 0.000 s');
  // Step runs the simulation in its worker (loaded from the cache too): each press is answered
  // by one more event, on until the clock moves.
  const lines = eventLines(page);
  for (let i = 0; i < 20 && (await clock.textContent()) === 't = 0.000 s'; i++) {
    const n = await lines.count();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(lines).toHaveCount(n + 1);
  }
  await expect(clock).not.toHaveText('t = 0.000 s');

  // Another address of the site (another scenario, as a link a student sends) opens too, and
  // its run elects a leader.
  await page.goto(`${site.base}?scenario=basic-election&speed=0.3`);
  await expect(page.getByRole('button', { name: /^S\d, leader, term \d+/ })).toBeVisible(RUNNING);
  // Nothing the page needs reached the server. The browser's own check for a new service worker
  // (a request for sw.js on navigation) got past the emulated offline state in a few loaded
  // runs; it fails, and a failed check changes nothing.
  const reached = site.requests.slice(reachedBefore).filter((path) => !path.endsWith('/sw.js'));
  expect(reached, 'requests that reached the server while it was down').toEqual([]);
});

/** A second visit: the page is loaded by the site's service worker, which controls it. */
async function openControlled(page: Page, query: string): Promise<void> {
  await open(page, query);
  await waitUntilOfflineReady(page);
  await page.reload();
  await expect(page.getByRole('button', { name: /^(Play|Pause)$/ })).toBeEnabled();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('a new version is announced, not swapped in; Reload takes it', async ({ page }) => {
  await openControlled(page, `?scenario=leader-crash&paused=1`);
  // A mark that a reload of the page would wipe.
  await page.evaluate(() => Object.assign(window, { lectureMark: 'still here' }));

  // A new version is deployed; the browser finds it on its next check (here asked at once).
  site.version = 1;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  const notice = page.getByRole('status', { name: 'New version' });
  await expect(notice).toHaveText(/A new version is ready/);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => (window as { lectureMark?: string }).lectureMark)).toBe('still here');
  const waiting = () =>
    page.evaluate(async () => ((await navigator.serviceWorker.getRegistration())?.waiting ? 'waiting' : 'none'));
  expect(await waiting()).toBe('waiting');

  // By keyboard: Reload is the first stop of Tab and is pressed with Enter; the page reloads
  // with the new version in control and the notice gone.
  await page.keyboard.press('Tab');
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeFocused();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => (window as { lectureMark?: string }).lectureMark)).toBeUndefined();
  await expect(notice).toHaveCount(0);
  expect(await waiting()).toBe('none');
});

test('Later hides the notice and the page goes on with the version it has', async ({ page }) => {
  await openControlled(page, `?scenario=leader-crash&paused=1`);
  await page.evaluate(() => Object.assign(window, { lectureMark: 'still here' }));
  site.version = 1;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const notice = page.getByRole('status', { name: 'New version' });
  await notice.getByRole('button', { name: 'Later' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => (window as { lectureMark?: string }).lectureMark)).toBe('still here');
});

test('on the first visit, before the service worker controls the page, Reload still reloads', async ({ page }) => {
  await open(page, `?scenario=leader-crash&paused=1`);
  await waitUntilOfflineReady(page);
  await page.evaluate(() => Object.assign(window, { lectureMark: 'still here' }));
  site.version = 1;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const notice = page.getByRole('status', { name: 'New version' });
  await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => (window as { lectureMark?: string }).lectureMark)).toBeUndefined();
  await expect(notice).toHaveCount(0);
});
