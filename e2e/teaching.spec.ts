import { SCENARIO_CATALOG } from '../src/sim/scenario/builtIn/catalog';
import { RUNNING, expect, open, snap, test } from './helpers';

test.describe('the scenario library', () => {
  test('the Scenario list offers at least twelve built-ins; choosing one loads it and puts it in the address', async ({
    page,
  }) => {
    await open(page, '?speed=0.2');
    const list = page.getByRole('combobox', { name: 'Scenario' });
    const titles = await list.getByRole('option').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(13); // free play and at least twelve built-ins
    for (const s of SCENARIO_CATALOG) expect(titles).toContain(s.title);

    await list.selectOption({ label: 'A client write redirected to the leader' });
    await expect(page).toHaveURL(/[?&]scenario=client-redirect(&|$)/);
    await expect(page.getByText(/S1 is a follower: it does not append the write/)).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(/S3 is leader in term 1|entry 1 committed/, RUNNING);
    await snap(page, 'teaching-scenario-picked');
  });

  test('every built-in scenario opens by ?scenario=<name>, shown as chosen in the list', async ({ page }) => {
    for (const s of SCENARIO_CATALOG) {
      await open(page, `?scenario=${s.name}&paused=1`);
      await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue(s.name);
      await expect(page.getByText(s.description, { exact: true })).toBeVisible();
    }
  });
});

test.describe('presenting', () => {
  test('Presentation mode (button or P) enlarges the page, hides secondary panels, and Page Down / Page Up step', async ({
    page,
  }) => {
    await open(page, '?paused=1&seed=3');
    const toggle = page.getByRole('button', { name: 'Presentation mode' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('region', { name: 'Breakpoints' })).toBeVisible();
    await page.keyboard.press('p');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: 'Breakpoints' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Space-time diagram' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Logs' })).toBeVisible();
    const size = await page.locator('.app').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThan(18);
    const clock = page.getByRole('timer', { name: 'Virtual time' });
    // Each key is answered by the worker in its own time: wait for one step to show before
    // pressing the next, or the clock read in between may be the first step's.
    const before = await clock.textContent();
    await page.keyboard.press('PageDown');
    await expect(clock).not.toHaveText(before!);
    const first = await clock.textContent();
    await page.keyboard.press('PageDown');
    await expect(clock).not.toHaveText(first!);
    await page.keyboard.press('PageUp');
    await expect(clock).toHaveText(first!);
    await snap(page, 'teaching-presentation');
    await toggle.click();
    await expect(page.getByRole('region', { name: 'Breakpoints' })).toBeVisible();
  });

  test('?embed=1 shows the cluster and playback without the page chrome', async ({ page }) => {
    await open(page, '?embed=1&speed=0.3');
    await expect(page.getByRole('heading', { name: /Raft/ })).toBeHidden();
    await expect(page.getByRole('slider', { name: 'Timeline' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Logs' })).toBeHidden();
    await expect(
      page.getByRole('button', { name: /^S1, (follower|candidate|leader|crashed), term \d+/ }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await snap(page, 'teaching-embed');
  });
});
