/**
 * Keys as people expect (issue 12, item 5). Space plays and pauses unless a text field or a
 * control reached by keyboard has the focus: after a click on a button Space does not press
 * it again, after Tab to it Space does. After the Speed or Timeline slider, Space, P, C and
 * the other shortcuts still work. A server clicked twice stays selected; Escape or the close
 * button deselects. Each test does what the person who found the defect did.
 */
import type { Page } from '@playwright/test';
import { expect, expectEvent, focusedName, open, runToNextElection, server, snap, test } from './helpers';

const playButton = (page: Page) => page.getByRole('button', { name: 'Play', exact: true });
const pauseButton = (page: Page) => page.getByRole('button', { name: 'Pause', exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });

/** Tabs forward until the focused element's name is `name` (as a keyboard user gets there). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80 && (await focusedName(page)) !== name; i++) await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe(name);
}

/** split-vote paused at S5's election: it makes no writes of its own, so every write is ours. */
async function openElected(page: Page): Promise<void> {
  await open(page, '?scenario=split-vote&paused=1&speed=0.02');
  await runToNextElection(page);
}

test.describe('Space', () => {
  test('after a click on Client write, Space plays and pauses and writes nothing more', async ({ page }) => {
    await openElected(page);
    const write = page.getByRole('button', { name: 'Client write', exact: true });
    await write.click();
    await expect(write).toBeFocused();
    await page.keyboard.press('Space');
    await expect(pauseButton(page)).toBeVisible();
    await page.keyboard.press('Space');
    await expect(playButton(page)).toBeVisible();
    // One click, one write: Space did not press the button again.
    await expectEvent(page, 'client writes c', 1);
  });

  test('after a click on a server, Space plays and pauses; the server stays selected', async ({ page }) => {
    await openElected(page);
    await server(page, 'S2').click();
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S2');
    await page.keyboard.press('Space');
    await expect(pauseButton(page)).toBeVisible();
    await page.keyboard.press('Space');
    await expect(playButton(page)).toBeVisible();
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S2');
  });

  test('after a click on a link, Space plays and pauses and leaves the link cut once', async ({ page }) => {
    await openElected(page);
    const s1s3 = page.getByRole('button', { name: /^Link S1–S3/ });
    await s1s3.click();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut. Press to restore');
    await page.keyboard.press('Space');
    await expect(pauseButton(page)).toBeVisible();
    await page.keyboard.press('Space');
    await expect(playButton(page)).toBeVisible();
    // One click, one cut: Space did not restore the link.
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut. Press to restore');
  });

  test('after Tab to Client write, Space presses it and the run stays paused', async ({ page }) => {
    await openElected(page);
    await tabTo(page, 'Client write');
    await page.keyboard.press('Space');
    await expectEvent(page, 'client writes c1', 1);
    await expect(playButton(page)).toBeVisible();
    // A click on the caption (nothing to press there), then Tab back: the keyboard's focus again.
    await page.getByRole('region', { name: 'Cluster view' }).getByRole('status').click();
    await tabTo(page, 'Client write');
    await page.keyboard.press(' ');
    await expectEvent(page, 'client writes c2', 1);
    await expect(playButton(page)).toBeVisible();
  });
});

test.describe('after a slider', () => {
  test('the Speed slider takes its arrows; Space, C and P are still the page’s', async ({ page }) => {
    await openElected(page);
    const speed = page.getByRole('slider', { name: 'Speed' });
    await speed.click();
    const before = await speed.inputValue();
    await page.keyboard.press('ArrowLeft');
    await expect(speed).not.toHaveValue(before);
    await expect(speed).toBeFocused();

    await page.keyboard.press('Space');
    await expect(pauseButton(page)).toBeVisible();
    await page.keyboard.press('Space');
    await expect(playButton(page)).toBeVisible();
    await page.keyboard.press('p');
    await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('p');
    await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('c');
    await expectEvent(page, 'client writes c1', 1);
  });

  test('the Timeline slider, reached by keyboard, takes its arrows; Space plays', async ({ page }) => {
    await openElected(page);
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await tabTo(page, 'Timeline');
    const clock = page.getByRole('timer', { name: 'Virtual time' });
    const before = await clock.textContent();
    await page.keyboard.press('ArrowLeft');
    await expect(clock).not.toHaveText(before!);
    await expect(timeline).toBeFocused();
    await page.keyboard.press('Space');
    await expect(pauseButton(page)).toBeVisible();
    await page.keyboard.press('.');
    await expect(playButton(page)).toBeVisible();
    await snap(page, 'keys-after-timeline');
  });
});

test.describe('selecting a server', () => {
  test('a second click keeps it selected: crash the leader, click it, restart it', async ({ page }) => {
    await openElected(page);
    await server(page, 'S5').click();
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S5');
    await inspector(page).getByRole('button', { name: 'Crash' }).click();
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, crashed, /);

    await server(page, 'S5').click();
    await expect(server(page, 'S5')).toHaveAttribute('aria-pressed', 'true');
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S5');
    await inspector(page).getByRole('button', { name: 'Restart' }).click();
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, follower, /);
    await snap(page, 'keys-second-click');

    // Escape deselects; so does the Inspector's close button.
    await page.keyboard.press('Escape');
    await expect(inspector(page)).toContainText('Select a server');
    await expect(server(page, 'S5')).toHaveAttribute('aria-pressed', 'false');
    await server(page, 'S3').click();
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S3');
    await inspector(page).getByRole('button', { name: 'Close inspector' }).click();
    await expect(inspector(page)).toContainText('Select a server');
  });
});
