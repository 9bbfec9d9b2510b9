import type { Page } from '@playwright/test';
import { damageLink, damageSessionJson } from '../test-support/damage';
import { builtInSession } from '../test-support/sessionFixtures';
import { sessionToJson } from '../src/share/session';
import { downloadText, expect, open, server, snap, test } from './helpers';

/** Clicks a button that downloads a file and returns the file's name and text. */
function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  return downloadText(page, () => page.getByRole('button', { name: button, exact: true }).click());
}

/**
 * Hands the page damaged input through the doors a person uses (the address's hash, the
 * Import session file input), one at a time, and collects the alert each one gets (null:
 * none within 20 seconds, a guard against waiting for an alert that never comes; an alert
 * takes milliseconds), dismissing it by its button before the next.
 */
async function throwAtPage(
  page: Page,
  items: readonly ({ hash: string } | { file: { name: string; text: string } })[],
): Promise<(string | null)[]> {
  return page.evaluate(async (list) => {
    const until = <T>(probe: () => T | null | undefined): Promise<T | null> =>
      new Promise((resolve) => {
        const start = performance.now();
        const tick = () => {
          const v = probe();
          if (v) resolve(v);
          else if (performance.now() - start > 20_000) resolve(null);
          else setTimeout(tick, 2);
        };
        tick();
      });
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Import session')!;
    const input = button.nextElementSibling as HTMLInputElement;
    const answers: (string | null)[] = [];
    for (const item of list) {
      if ('hash' in item) location.hash = item.hash;
      else {
        const files = new DataTransfer();
        files.items.add(new File([item.file.text], item.file.name, { type: 'application/json' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      const alert = await until(() => document.querySelector<HTMLElement>('[role="alert"]'));
      answers.push(alert?.querySelector('p')?.textContent ?? null);
      alert?.querySelector('button')?.click();
      await until(() => document.querySelector('[role="alert"]') === null);
    }
    return answers;
  }, items);
}

/** A session worth sharing: a few of a person's actions, steps, a step back, and a moment in the past. */
async function makeSession(page: Page): Promise<void> {
  await open(page, '?scenario=basic-election&paused=1&speed=0.5');
  await page.getByRole('button', { name: 'Run to next election' }).click();
  await expect(page.getByRole('status').first()).toContainText(/leader in term 1/);
  await page.getByRole('button', { name: 'Client write' }).click();
  await server(page, 'S3').click();
  await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Crash' }).click();
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Client write' }).click();
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  // The worker answers Export trace after every command before it: the page shows their end by
  // the time the file comes, so what a test reads next is the session's.
  await download(page, 'Export trace');
}

/** What a person sees of the run: the clock, every server, every log entry. */
async function visibleState(page: Page): Promise<string[]> {
  const clock = await page.getByRole('timer', { name: 'Virtual time' }).textContent();
  const nodes = await page
    .getByRole('button', { name: /^S\d, / })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const entries = await page
    .getByRole('button', { name: /^S\d index \d+/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return [clock ?? '', ...nodes, ...entries];
}

test.describe('sharing a session', () => {
  test('Share puts a link on the clipboard; opening it gives the same run, event for event, at the same moment', async ({
    page,
    context,
    browser,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await makeSession(page);
    // The worker answers Export trace after every command before it: the page shows their end.
    const trace = await download(page, 'Export trace');
    const before = await visibleState(page);
    expect(trace.name).toMatch(/^raft-basic-election-seed1-t\d+\.trace\.jsonl$/);

    await page.getByRole('button', { name: 'Share' }).click();
    const shared = page.getByRole('group', { name: 'Shared link' });
    await expect(shared.getByRole('status')).toHaveText('Link copied to the clipboard.');
    const link = await shared.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
    expect(link).toMatch(/#session=[A-Za-z0-9_-]+$/);
    await snap(page, 'sharing-link');

    // Someone else opens it.
    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    await expect(other.getByRole('button', { name: 'Play' })).toBeEnabled();
    await expect.poll(() => visibleState(other)).toEqual(before);
    const again = await download(other, 'Export trace');
    expect(again.text.split('\n').length).toBeGreaterThan(20);
    expect(again.text).toBe(trace.text);
    // Each trace line is an event of the contract's trace format.
    const first = JSON.parse(trace.text.split('\n')[0]!) as { event: { kind: string }; nodes: unknown[] };
    expect(first.event.kind).toBe('init');
    expect(first.nodes).toHaveLength(5);
    await other.close();
  });

  test('Export session and Import session: the file reopens the same session, and a person’s settings come with it', async ({
    page,
  }) => {
    await makeSession(page);
    await page.getByRole('checkbox', { name: 'Pause on commit' }).check();
    // The worker answers Export trace after every command before it: the page shows their end.
    const trace = await download(page, 'Export trace');
    const before = await visibleState(page);
    const file = await download(page, 'Export session');
    expect(file.name).toMatch(/\.session\.json$/);

    await open(page, '?paused=1');
    await expect(page.getByRole('checkbox', { name: 'Pause on commit' })).not.toBeChecked();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import session' }).click(),
    ]);
    await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('basic-election');
    await expect.poll(() => visibleState(page)).toEqual(before);
    await expect(page.getByRole('checkbox', { name: 'Pause on commit' })).toBeChecked();
    expect((await download(page, 'Export trace')).text).toBe(trace.text);
  });

  test('500 damaged links each get an alert, and the session on the page is untouched', async ({ page }) => {
    test.setTimeout(120_000);
    await makeSession(page);
    const before = await visibleState(page);
    const trace = await download(page, 'Export trace');
    const links = await Promise.all(Array.from({ length: 500 }, (_, i) => damageLink(builtInSession, i + 1)));
    expect(new Set(links.map((l) => l.kind)).size).toBeGreaterThanOrEqual(8);

    // The first few as a person opens a link: the address changes, the page answers.
    const alert = page.getByRole('alert');
    for (const { hash, kind } of links.slice(0, 10)) {
      await page.goto(`./?scenario=basic-election&paused=1&speed=0.5${hash}`);
      await expect(alert, kind).toHaveText(/^This link/);
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await expect(alert).toHaveCount(0);
    }
    // All 500 through the same door, driven from inside the page (Playwright's round trips would take minutes).
    const answers = await throwAtPage(
      page,
      links.map((l) => ({ hash: l.hash })),
    );
    answers.forEach((a, i) => expect(a, `link ${i + 1} (${links[i]!.kind})`).toMatch(/^This link/));

    expect(await visibleState(page)).toEqual(before);
    expect((await download(page, 'Export trace')).text).toBe(trace.text);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => visibleState(page)).not.toEqual(before);
  });

  test('500 damaged session files each get an alert, and the session on the page is untouched', async ({ page }) => {
    test.setTimeout(120_000);
    await makeSession(page);
    const before = await visibleState(page);
    const valid = sessionToJson(builtInSession);
    const files = Array.from({ length: 500 }, (_, i) => ({
      name: `damaged-${i + 1}.json`,
      ...damageSessionJson(valid, i + 1),
    }));
    const alert = page.getByRole('alert');
    for (const file of files.slice(0, 10)) {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Import session' }).click(),
      ]);
      await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
      await expect(alert, file.kind).toContainText(`${file.name} is not a session`);
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await expect(alert).toHaveCount(0);
    }
    const answers = await throwAtPage(
      page,
      files.map((f) => ({ file: { name: f.name, text: f.text } })),
    );
    answers.forEach((a, i) =>
      expect(a, `file ${i + 1} (${files[i]!.kind})`).toContain(`${files[i]!.name} is not a session`),
    );
    expect(await visibleState(page)).toEqual(before);
  });

  test('a well-formed link whose actions do not fit the run is refused after replaying, and the session stays', async ({
    page,
  }) => {
    await makeSession(page);
    const before = await visibleState(page);
    const file = await download(page, 'Export session');
    const json = JSON.parse(file.text) as { inputs: { seq: number }[] };
    json.inputs[1]!.seq += 1; // the crash moved one event later than it happened
    const { validateSession } = await import('../src/share/validateSession');
    const { encodeSession } = await import('../src/share/sessionLink');
    const session = validateSession(json);
    if (!session.ok) throw new Error(session.errors.join('; '));
    await page.goto(`./?scenario=basic-election&paused=1&speed=0.5#session=${await encodeSession(session.value)}`);
    await expect(page.getByRole('alert')).toContainText('The session does not replay: inputs[1]');
    expect(await visibleState(page)).toEqual(before);
    await expect(page).not.toHaveURL(/#session=/);
  });

  test('a shared link whose write carries a script shows it as text and runs nothing', async ({ page }) => {
    await makeSession(page);
    const file = await download(page, 'Export session');
    // The write's key and value are free text: put markup in them, as a hostile link would.
    const json = JSON.parse(file.text) as { inputs: { step: { do: string; key?: string; value?: string } }[] };
    const write = json.inputs.find((r) => r.step.do === 'write')!;
    write.step.key = '<img src=x onerror="window.pwned=1">';
    write.step.value = '<script>window.pwned=2</script>';
    const { decodeSession, encodeSession } = await import('../src/share/sessionLink');
    const { validateSession } = await import('../src/share/validateSession');
    const session = validateSession(json);
    if (!session.ok) throw new Error(session.errors.join('; '));
    const encoded = await encodeSession(session.value);
    expect((await decodeSession(encoded)).ok).toBe(true);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`./?paused=1#session=${encoded}`);
    await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
    await expect(
      page.getByText('<img src=x onerror="window.pwned=1">=<script>window.pwned=2</script>').first(),
    ).toBeAttached();
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });
});
