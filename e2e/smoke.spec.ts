/**
 * The page as a newcomer opens it: no parameters, the default speed. How long the first
 * leader takes in wall time is measured, not asserted: `node --import tsx scripts/first-leader-bench.ts`
 * prints it. Here the test waits for the leader however long the machine takes.
 */
import { expect, open, servers, snap, test, waitForLeader } from './helpers';

test('at the default speed the page elects a first leader, announces it and keeps running', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.locator('.speed-value')).toHaveText('0.035×');
  await expect(page.getByText(/ · seed \d+$/)).toHaveText('welcome · seed 1');

  const leader = await waitForLeader(page);
  // The first client write comes at 600 ms of virtual time, some ten seconds after the
  // election at this speed: the latest announcement is still the election's.
  await expect(page.getByRole('region', { name: 'Cluster view' }).getByRole('status')).toHaveText(
    `${leader.id} is leader in term ${leader.term}`,
  );
  await expect(servers(page)).toHaveCount(5);
  // Messages are on their way (the leader's heartbeats) and the virtual clock runs.
  await expect(page.getByRole('list', { name: 'Messages in flight' }).getByRole('button').first()).toBeVisible();
  await snap(page, 'first-leader');
});
