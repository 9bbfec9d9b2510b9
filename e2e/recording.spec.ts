import { downloadText as download, expect, open, server, snap, test } from './helpers';

test('Record saves what a person does as a scenario file; opened again, it replays event for event and narrates the actions', async ({
  page,
}) => {
  await open(page, '?scenario=basic-election&paused=1&speed=0.5');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 4; i++) await step.click();
  const record = page.getByRole('button', { name: 'Record' });
  await record.click();
  await expect(record).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Run to next election' }).click();
  await page.getByRole('button', { name: 'Client write' }).click();
  await server(page, 'S2').click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Crash' }).click();
  for (let i = 0; i < 8; i++) await step.click();
  await inspector.getByRole('button', { name: 'Restart' }).click();
  for (let i = 0; i < 8; i++) await step.click();
  // The worker answers Export trace after every click before it: the page shows where they end by then.
  const live = await download(page, () => page.getByRole('button', { name: 'Export trace' }).click());
  await snap(page, 'recording-on');

  const file = await download(page, () => record.click());
  await expect(record).toHaveAttribute('aria-pressed', 'false');
  expect(file.name).toBe('basic-election-recording.json');
  const scenario = JSON.parse(file.text) as { steps: { do: string }[]; narration: { title: string }[] };
  expect(scenario.narration.map((s) => s.title)).toEqual([
    'The start',
    'Action 1: write c1 (y=1)',
    'Action 2: crash S2',
    'Action 3: restart S2',
    'The end of the recording',
  ]);

  // Open the file as a scenario: the same run, walked through by its narration.
  await open(page, '?paused=1');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open scenario' }).click(),
  ]);
  await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('(opened)');
  const narration = page.getByRole('region', { name: 'Narration' });
  const next = narration.getByRole('button', { name: 'Next', exact: true });
  for (const title of scenario.narration.map((s) => s.title)) {
    await next.click();
    await expect(narration.getByRole('heading', { name: title })).toBeVisible();
    if (title === 'Action 2: crash S2')
      await expect(server(page, 'S2')).toHaveAccessibleName(/^S2, crashed, .*highlighted/);
  }
  // Likewise after every Next: the page shows the last step's moment by then.
  const replayed = await download(page, () => page.getByRole('button', { name: 'Export trace' }).click());
  await snap(page, 'recording-replayed');
  expect(replayed.text).toBe(live.text);
});

test('a file that is not a scenario is refused with an alert naming the place, and the run goes on', async ({
  page,
}) => {
  await open(page, '?scenario=split-vote&paused=1');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open scenario' }).click(),
  ]);
  const bad = JSON.stringify({ steps: [{ at: 5, do: 'crash', node: 'S9' }] });
  await chooser.setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(page.getByRole('alert')).toContainText(
    'bad.json is not a scenario this page can run: steps[0].node: unknown node "S9"',
  );
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('split-vote');
});

test('a scenario file whose steps come at t = 0 opens at its start, and Step runs those steps', async ({ page }) => {
  await open(page, '?paused=1');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open scenario' }).click(),
  ]);
  const file = JSON.stringify({
    steps: [
      { at: 0, do: 'crash', node: 'S5' },
      { at: 0, do: 'timeout', node: 'S1' },
    ],
  });
  await chooser.setFiles({ name: 'at-zero.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('(opened)');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await expect(server(page, 'S5')).toHaveAccessibleName(/^S5, crashed/);
  await step.click();
  await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, candidate, term 1/);
});
