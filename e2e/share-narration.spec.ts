/**
 * Share remembers the narration step (issue 12, item 6): a link or a session file made in the
 * middle of a narration reopens at the same step, with Next and Back going on from there.
 */
import type { Locator, Page } from '@playwright/test';
import { downloadText, expect, open, openSharedLink, test } from './helpers';

function narrationOf(page: Page): Locator {
  return page.getByRole('region', { name: 'Narration' });
}

/** Presses Next once per count, each time waiting until the narration shows that count ("Step 3 of 9"). */
async function next(page: Page, counts: readonly string[]): Promise<void> {
  const narration = narrationOf(page);
  for (const count of counts) {
    await narration.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(narration.locator('.narration-count')).toHaveText(count);
  }
}

test('a link shared at step 7 of a narration opens at step 7, and Next goes on to step 8', async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000); // a guard against a hang: two pages and nine narration moments, on a loaded machine
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '?scenario=figure-8-overwritten&paused=1');
  // Steps 3 and 5 put a question first: Next shows it, Next again reveals the answer.
  const nine = (k: number) => `Step ${k} of 9`;
  await next(page, [1, 2, 3, 3, 4, 5, 5, 6, 7].map(nine));
  const narration = narrationOf(page);
  await expect(narration.getByRole('heading', { name: 'A write of term 5' })).toBeVisible();

  // Someone else opens it.
  const other = await openSharedLink(page, browser);
  // The worker answers Share after every command before it (Next's move to step 7's moment):
  // the sharer's page shows that moment by now.
  const clock = await page.getByRole('timer', { name: 'Virtual time' }).textContent();
  const theirs = narrationOf(other);
  await expect(theirs).toContainText('Step 7 of 9');
  await expect(theirs.getByRole('heading', { name: 'A write of term 5' })).toBeVisible();
  await expect(other.getByRole('timer', { name: 'Virtual time' })).toHaveText(clock!);
  await next(other, [nine(8)]);
  await expect(theirs.getByRole('heading', { name: 'Committed at last' })).toBeVisible();
  await theirs.getByRole('button', { name: 'Back', exact: true }).click();
  await theirs.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(theirs.locator('.narration-count')).toHaveText(nine(6));
  await other.close();
});

test('a session file exported at a question not yet answered reopens at that question; Next reveals it', async ({
  page,
}) => {
  await open(page, '?scenario=basic-election&paused=1');
  const seven = (k: number) => `Step ${k} of 7`;
  await next(page, [1, 2, 3, 4].map(seven));
  const narration = narrationOf(page);
  const question = narration.getByText('How many votes, its own included, does S1 need to win?');
  await expect(question).toBeVisible();
  const clock = page.getByRole('timer', { name: 'Virtual time' });
  const file = await downloadText(page, () => page.getByRole('button', { name: 'Export session' }).click());
  // The worker answers Export session after every command before it: the page shows their end.
  const asked = await clock.textContent();

  await open(page, '?scenario=leader-crash&paused=1');
  await expect(narration).toContainText('8 steps');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import session' }).click(),
  ]);
  await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect(narration.locator('.narration-count')).toHaveText(seven(4));
  await expect(question).toBeVisible();
  await expect(clock).toHaveText(asked!);
  // Next reveals the answer and goes to the step's moment, as it did before the export.
  await narration.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(narration.getByText(/^Answer:/)).toBeVisible();
  await expect(clock).not.toHaveText(asked!);
  await expect(narration.locator('.narration-count')).toHaveText(seven(4));
});
