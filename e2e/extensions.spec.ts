/**
 * The narrated scenarios of elections beyond Figure 2, each run in the page to its outcome and
 * to the contrasting one (the option on from the start, by the address or by the switch),
 * read by role and accessible name. The run is stopped by a watch expression on the virtual
 * time (`t >= 1000`), which acts inside the simulation, so it stops at the same event on any
 * machine and at any speed; the times are those of the headless runs
 * (src/sim/scenario/extensionScenarios.test.ts).
 */
import type { Page } from '@playwright/test';
import { RUNNING, expect, open, server, snap, test } from './helpers';

/**
 * Plays until the first event at or after virtual time `ms`, where a watch expression
 * (Breakpoints) pauses the run, and waits until the page says so.
 */
/** The narration's note that PreVote or CheckQuorum is not as the scenario has it. */
function changedNote(page: Page) {
  return page.getByRole('region', { name: 'Narration' }).getByRole('note');
}

async function runUntil(page: Page, seconds: number): Promise<void> {
  const ms = Math.round(seconds * 1000);
  const watch = page.getByRole('region', { name: 'Breakpoints' }).getByRole('textbox', { name: 'Watch expression' });
  await watch.fill(`t >= ${ms}`);
  await expect(watch).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const status = page.getByRole('region', { name: 'Cluster view' }).getByRole('status');
  await expect(status).toHaveText(new RegExp(`^Paused: watch: t >= ${ms} became true`), RUNNING);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

/** A log entry's button, by its accessible name's start ("S4 index 2, term 1, committed"). */
const entry = (page: Page, name: string) =>
  page.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });

const switchNamed = (page: Page, name: 'PreVote' | 'CheckQuorum') => page.getByRole('checkbox', { name });

test.describe('PreVote: a server cut off for two seconds rejoins (prevote-rejoin)', () => {
  test('as written: under Figure 2 it deposes the healthy leader; after PreVote goes on, the same fault does not', async ({
    page,
  }) => {
    await open(page, '?scenario=prevote-rejoin&paused=1&speed=4');
    await expect(switchNamed(page, 'PreVote')).not.toBeChecked();

    // Cut off (0.4 s to 2.4 s): S5 runs up its term while S1 leads term 1.
    await runUntil(page, 1);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1\b/);
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, candidate, term ([2-9]|1\d)\b/);

    // Back: S1 was deposed; S3 leads term 13 and everyone followed S5's terms up.
    await runUntil(page, 3.2);
    await expect(server(page, 'S3')).toHaveAccessibleName(/^S3, leader, term 13\b/);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, follower, term 13\b/);
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, follower, term 13\b/);

    // PreVote is switched on at 3.5 s; cut off again from 4 s: S5 only asks for pre-votes.
    await runUntil(page, 4.5);
    await expect(switchNamed(page, 'PreVote')).toBeChecked();
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, pre-candidate, term 13\b/);
    await expect(server(page, 'S3')).toHaveAccessibleName(/^S3, leader, term 13\b/);
    await snap(page, 'extensions-prevote-precandidate');

    // Back at 6 s: S3 still leads term 13, S5 follows it in the same term.
    await runUntil(page, 6.2);
    await expect(server(page, 'S3')).toHaveAccessibleName(/^S3, leader, term 13\b/);
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, follower, term 13\b/);
    await expect(entry(page, 'S5 index 3, term 13, committed')).toBeVisible();
  });

  test('with preVote=1 in the address: S5 never raises its term, and S1 leads term 1 throughout', async ({ page }) => {
    await open(page, '?scenario=prevote-rejoin&preVote=1&paused=1&speed=4');
    await expect(switchNamed(page, 'PreVote')).toBeChecked();

    await runUntil(page, 1);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1\b/);
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, pre-candidate, term 1\b/);

    await runUntil(page, 3.2);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1\b/);
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, follower, term 1\b/);

    await runUntil(page, 6.2);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1\b/);
    await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, follower, term 1\b/);
    await expect(entry(page, 'S5 index 3, term 1, committed')).toBeVisible();
  });
});

test.describe('CheckQuorum: a leader that can send but not hear (deaf-leader)', () => {
  test('as written: under Figure 2 S1 keeps leading and x=2 waits; after CheckQuorum goes on, S1 steps down and S4 commits', async ({
    page,
  }) => {
    await open(page, '?scenario=deaf-leader&paused=1&speed=4');
    await expect(switchNamed(page, 'CheckQuorum')).not.toBeChecked();
    // As written: the narration describes this very run, so it has no note of a change.
    await expect(changedNote(page)).toHaveCount(0);

    // Deaf from 0.5 s to 2.5 s: S1 leads term 1, the followers stay quiet, entry 2 waits.
    await runUntil(page, 2);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1\b/);
    for (const id of ['S2', 'S3', 'S4', 'S5'])
      await expect(server(page, id)).toHaveAccessibleName(new RegExp(`^${id}, follower, term 1\\b`));
    await expect(entry(page, 'S1 index 2, term 1, uncommitted')).toBeVisible();
    await snap(page, 'extensions-deaf-leader-stuck');

    // CheckQuorum on at 3 s, deaf again from 3.5 s: S1 steps down, S4 leads term 2 and
    // commits x=3; S1, still deaf, keeps asking for votes in vain.
    await runUntil(page, 4.5);
    await expect(switchNamed(page, 'CheckQuorum')).toBeChecked();
    await expect(server(page, 'S4')).toHaveAccessibleName(/^S4, leader, term 2\b/);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, candidate, term \d+/);
    await expect(entry(page, 'S4 index 4, term 2, committed')).toBeVisible();
  });

  test('with the CheckQuorum switch on from the start: the first deaf spell already ends with a new leader that commits x=2', async ({
    page,
  }) => {
    await open(page, '?scenario=deaf-leader&paused=1&speed=4');
    const checkQuorum = switchNamed(page, 'CheckQuorum');
    await checkQuorum.check();
    await expect(checkQuorum).toBeChecked();
    // The narration describes the run as written: it says the run now differs.
    await expect(changedNote(page)).toHaveText(
      'Changed from the scenario: CheckQuorum on (the scenario has it off). The run may not do what this narration says.',
    );

    await runUntil(page, 1.5);
    await expect(server(page, 'S4')).toHaveAccessibleName(/^S4, leader, term 2\b/);
    await expect(server(page, 'S1')).not.toHaveAccessibleName(/^S1, leader\b/);
    await expect(entry(page, 'S4 index 2, term 1, committed')).toBeVisible();
    await expect(entry(page, 'S1 index 2, term 1, uncommitted')).toBeVisible();
  });

  test('with checkQuorum=1 in the address: the same', async ({ page }) => {
    await open(page, '?scenario=deaf-leader&checkQuorum=1&paused=1&speed=4');
    await expect(switchNamed(page, 'CheckQuorum')).toBeChecked();
    await expect(changedNote(page)).toContainText('CheckQuorum on (the scenario has it off)');
    await runUntil(page, 1.5);
    await expect(server(page, 'S4')).toHaveAccessibleName(/^S4, leader, term 2\b/);
    await expect(entry(page, 'S4 index 2, term 1, committed')).toBeVisible();
    // At 3 s the scenario turns CheckQuorum on itself: from then on the run is as it says.
    await runUntil(page, 3.2);
    await expect(changedNote(page)).toHaveCount(0);
  });
});

test.describe('the other three', () => {
  test('partial-partition: S1 and S2 take turns under Figure 2; with both switches on from the start, S1 keeps term 1', async ({
    page,
  }) => {
    await open(page, '?scenario=partial-partition&paused=1&speed=4');
    await runUntil(page, 3.6);
    await expect(server(page, 'S2')).toHaveAccessibleName(/^S2, leader, term 10\b/);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, pre-candidate, term 10\b/);

    await open(page, '?scenario=partial-partition&preVote=1&checkQuorum=1&paused=1&speed=4');
    await runUntil(page, 3.6);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1\b/);
    await expect(server(page, 'S2')).toHaveAccessibleName(/^S2, pre-candidate, term 1\b/);
  });

  test('transfer-before-restart: S2 leads term 3 before S4 restarts', async ({ page }) => {
    await open(page, '?scenario=transfer-before-restart&paused=1&speed=4');
    await runUntil(page, 2.6);
    await expect(server(page, 'S2')).toHaveAccessibleName(/^S2, leader, term 3\b/);
    await expect(server(page, 'S4')).toHaveAccessibleName(/^S4, follower, term 3\b/);
  });

  test('fast-clock: S3 has won every election, four terms', async ({ page }) => {
    await open(page, '?scenario=fast-clock&paused=1&speed=4');
    await runUntil(page, 4.5);
    await expect(server(page, 'S3')).toHaveAccessibleName(/^S3, leader, term 4\b/);
  });
});
