/**
 * The production build works when served under a sub-path, as on GitHub Pages
 * (https://<user>.github.io/<repo>/): every asset, including the worker, is loaded
 * relative to the page.
 */
import { expect, test } from '@playwright/test';
import { RUNNING } from './helpers';
import { serveUnderSubpath, type SubpathServer } from './subpathServer';

let server: SubpathServer;
let base = '';

test.beforeAll(async () => {
  server = await serveUnderSubpath();
  base = server.base;
});

test.afterAll(() => server.close());

test('the built site runs under a sub-path: page, styles and worker load, and a leader is elected', async ({
  page,
}) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?speed=0.3`);
  await expect(page.getByRole('button', { name: /^S\d, leader, term \d+/ })).toBeVisible(RUNNING);
  const background = await page.locator('.top').evaluate((el) => getComputedStyle(el).borderBottomStyle);
  expect(background).toBe('solid'); // the stylesheet loaded
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
