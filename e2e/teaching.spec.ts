import { readdirSync, readFileSync } from 'node:fs';
import { expect, open, snap, test } from './helpers';

/** The built-in scenario files, read as the page's catalog reads them. */
const dir = new URL('../src/sim/scenarios/', import.meta.url);
const SCENARIO_CATALOG = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { name: string; title: string; description: string },
  );

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
    await expect(page.getByRole('status')).toHaveText(/S3 is leader in term 1|entry 1 committed/, { timeout: 15_000 });
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
