import { BUILT_IN_SCENARIOS } from '../src/sim/scenario/builtIn';
import { expect, open, server, snap, test } from './helpers';
import { narrationClocks } from './narrationClocks';

const SCENARIOS = BUILT_IN_SCENARIOS.map((b) => b.scenario);

test.describe('narration', () => {
  test('the basic election, walked through with Next and Back: moments, highlights and a prediction', async ({
    page,
  }) => {
    await open(page, '?scenario=basic-election&paused=1');
    const narration = page.getByRole('region', { name: 'Narration' });
    const next = narration.getByRole('button', { name: 'Next', exact: true });
    const back = narration.getByRole('button', { name: 'Back', exact: true });
    const clock = page.getByRole('timer', { name: 'Virtual time' });
    await expect(back).toBeDisabled();

    await next.click();
    await expect(narration.getByRole('heading', { name: 'Five followers' })).toBeVisible();
    await expect(narration).toContainText('Step 1 of 7');
    await expect(server(page, 'S3')).toHaveAccessibleName(/highlighted by the narration/);

    await next.click();
    await expect(narration.getByRole('heading', { name: 'A candidate' })).toBeVisible();
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, candidate, term 1.*highlighted by the narration/);
    await expect(server(page, 'S3')).not.toHaveAccessibleName(/highlighted/);
    await expect(clock).toHaveText('t = 0.159 s');

    await next.click(); // A vote: its moment shows before the question is read against it
    await expect(clock).toHaveText('t = 0.175 s');
    await next.click(); // A leader: a question first, with the run still where it was
    await expect(narration.getByText('How many votes, its own included, does S1 need to win?')).toBeVisible();
    const waiting = await clock.textContent();
    await narration.getByRole('group', { name: 'Your prediction' }).getByRole('button', { name: '3' }).click();
    await snap(page, 'narration-question');
    await expect(clock).toHaveText(waiting!);
    await next.click();
    await expect(narration).toContainText('Answer: 3 (your prediction: right)');
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1/);
    await expect(clock).not.toHaveText(waiting!);

    await next.click(); // A write arrives
    await expect(
      page.getByRole('button', { name: 'S1 index 1, term 1, uncommitted, highlighted by the narration' }),
    ).toBeVisible();
    await snap(page, 'narration-entry');

    // Back returns to the question, then to the step before it, at its moment.
    await back.click();
    await expect(narration).toContainText('Answer: 3');
    await back.click();
    await expect(narration.getByText('How many votes, its own included, does S1 need to win?')).toBeVisible();
    await back.click();
    await expect(narration.getByRole('heading', { name: 'A vote' })).toBeVisible();
    await expect(clock).toHaveText(waiting!);
  });

  test('a presenter remote: Page Down and Page Up go through the narration, arrows too in presentation mode', async ({
    page,
  }) => {
    await open(page, '?scenario=leader-crash&paused=1');
    const narration = page.getByRole('region', { name: 'Narration' });
    const clock = page.getByRole('timer', { name: 'Virtual time' });
    await page.keyboard.press('p');
    await page.keyboard.press('PageDown');
    await expect(narration).toContainText('Step 1 of');
    await page.keyboard.press('ArrowRight');
    await expect(narration).toContainText('Step 2 of');
    // The step's words show at once; its moment once the worker has gone there.
    await expect(clock).toHaveText('t = 0.338 s');
    await page.keyboard.press('PageUp');
    await expect(narration).toContainText('Step 1 of');
    await expect(clock).toHaveText('t = 0.000 s');
    await snap(page, 'narration-presenting');
  });

  for (const s of SCENARIOS) {
    test(`${s.name} narrates end to end`, async ({ page }) => {
      await open(page, `?scenario=${s.name}&paused=1`);
      const narration = page.getByRole('region', { name: 'Narration' });
      const next = narration.getByRole('button', { name: 'Next', exact: true });
      const clock = page.getByRole('timer', { name: 'Virtual time' });
      const clocks = narrationClocks(s);
      for (let i = 0; i < s.narration.length; i++) {
        const step = s.narration[i]!;
        await next.click();
        if (step.ask) {
          await expect(narration.getByText(step.ask.question)).toBeVisible();
          await next.click();
          await expect(narration).toContainText(`Answer: ${step.ask.answer}`);
        }
        await expect(narration.getByRole('heading', { name: step.title, exact: true })).toBeVisible();
        await expect(narration).toContainText(`Step ${i + 1} of ${s.narration.length}`);
        // The words show at once; the step's moment once the worker has gone there.
        await expect(clock).toHaveText(clocks[i]!);
      }
      await expect(next).toBeDisabled();
      await expect(page.getByText(/does not come in this run/)).toHaveCount(0);
    });
  }
});
