import { expect, test } from '@playwright/test';

test('the page starts the simulation in a worker and a leader is elected', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?seed=1');
  await expect(page.getByRole('heading', { name: 'Raft visualizer' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^S\d, leader, term \d+/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: /^S\d, (follower|candidate|leader|crashed), term \d+/ })).toHaveCount(
    5,
  );
  await page.screenshot({ path: 'e2e/screenshots/placeholder.png' });
  expect(errors).toEqual([]);
});
