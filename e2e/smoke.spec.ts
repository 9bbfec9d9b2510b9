import { expect, test } from '@playwright/test';

test('at the default speed a first leader is visible within 10 seconds of opening the page', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const start = Date.now();
  await page.goto('./');
  await expect(page.getByRole('button', { name: /^S\d, leader, term \d+/ })).toBeVisible({ timeout: 10_000 });
  const seconds = (Date.now() - start) / 1000;
  console.log(`first leader visible after ${seconds.toFixed(1)} s`);
  expect(seconds).toBeLessThan(10);
  await expect(page.getByRole('status')).toContainText(/is leader in term \d+/);
  await expect(page.getByRole('button', { name: /^S\d, (follower|candidate|leader|crashed), term \d+/ })).toHaveCount(
    5,
  );
  // Messages are on their way and the virtual clock runs.
  await expect(page.getByRole('list', { name: 'Messages in flight' }).getByRole('button').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/first-leader.png' });
  expect(errors).toEqual([]);
});
