/**
 * The worst link the validator accepts (nine servers on the fastest timers, every message
 * held and duplicated, as many events as a session may hold) opens in the page: the run
 * shows its moment, the network list says how full it is, and the page still answers.
 * Its time and memory are measured by `npm run bench:hostile`.
 */
import { encodeSession } from '../src/share/sessionLink';
import { MAX_IN_FLIGHT } from '../src/sim/scenario/limits';
import { hostileSession } from '../test-support/hostileSession';
import { RUNNING, expect, server, test } from './helpers';

test('the worst link a session may carry opens at its moment, and the page keeps working', async ({ page }) => {
  const session = hostileSession();
  await page.goto(`./?paused=1#session=${await encodeSession(session)}`);
  const seconds = (session.moment.t / 1000).toFixed(3);
  await expect(page.getByRole('timer', { name: 'Virtual time' })).toHaveText(`t = ${seconds} s`, RUNNING);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(`Messages in flight (${MAX_IN_FLIGHT}) · holding`)).toBeVisible();
  await expect(page.getByRole('note')).toContainText('The network is full');
  await expect(server(page, 'S9')).toBeVisible();
  // Still answering: a step moves the run on.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('timer', { name: 'Virtual time' })).not.toHaveText(`t = ${seconds} s`);
});

test('holding messages until the network is full: the page says so, still answers, and recovers', async ({ page }) => {
  // The run fills the network in real time at 10×; on a loaded machine that takes more than
  // the usual guard against a hang.
  test.slow();
  await page.goto('./?seed=3&speed=10');
  await page.getByRole('button', { name: 'Hold messages' }).click();
  await expect(page.getByRole('note')).toContainText('The network is full', RUNNING);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.getByRole('button', { name: 'Hold messages' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('note')).toHaveCount(0, RUNNING);
});
