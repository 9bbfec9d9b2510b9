/**
 * What the page says matches what it shows (issue 12, item 4): the caption under the cluster
 * tells the state at the moment shown; a message that met a partition on its way is shown as
 * lost, and Deliver now says so before it is pressed; a narration step's words match the
 * messages on screen; the timeline's legend draws the track's marks; the Keys dialog opens at
 * its top. Each test does what the person who found the defect did.
 */
import type { Locator, Page } from '@playwright/test';
import { BUILT_IN_SCENARIOS } from '../src/sim/scenario/builtIn';
import { eventLines, expect, expectEvent, open, parseServer, servers, snap, test } from './helpers';
import { narrationClocks } from './narrationClocks';

const FIGURE_8 = 'figure-8-overwritten';

const caption = (page: Page) => page.getByRole('region', { name: 'Cluster view' }).getByRole('status');
const clock = (page: Page) => page.getByRole('timer', { name: 'Virtual time' });
const narration = (page: Page) => page.getByRole('region', { name: 'Narration' });
const inFlight = (page: Page) => page.getByRole('list', { name: 'Messages in flight' }).getByRole('listitem');

/**
 * Expects the caption to agree with the servers as drawn: every server it names as leader is
 * drawn as leader of that term, and no crashed server is named as leader. Returns the caption.
 */
async function expectCaptionTrue(page: Page): Promise<string> {
  const text = (await caption(page).textContent()) ?? '';
  const states = (await servers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).map(
    parseServer,
  );
  for (const s of states) {
    const claims = new RegExp(
      `\\b${s.id} is leader in term (\\d+)|\\b${s.id} still believes it leads term (\\d+)`,
    ).exec(text);
    if (s.role === 'leader')
      expect(claims?.[1] ?? claims?.[2], `${s.id} leads term ${s.term}: "${text}"`).toBe(String(s.term));
    else expect(claims, `${s.id} is ${s.role}, yet the caption says "${text}"`).toBeNull();
    if (s.role === 'crashed') expect(text).toMatch(new RegExp(`\\b${s.id}\\b[^;]* crashed`));
  }
  return text;
}

/**
 * Presses the narration's Next, step after step, until the step of scenario `name` titled
 * `title` shows at its moment (a question on the way is revealed with a second Next).
 */
async function nextUntil(page: Page, name: string, title: string): Promise<void> {
  const scenario = BUILT_IN_SCENARIOS.find((b) => b.scenario.name === name)!.scenario;
  const steps = scenario.narration;
  const target = steps.findIndex((s) => s.title === title);
  expect(target, `${name} has a step "${title}"`).toBeGreaterThanOrEqual(0);
  const next = narration(page).getByRole('button', { name: 'Next', exact: true });
  const place = /Step (\d+) of/;
  const at = async () => Number(place.exec((await narration(page).textContent()) ?? '')?.[1] ?? 0) - 1;
  for (let i = await at(); i < target; i++) {
    await next.click();
    await expect(narration(page)).toContainText(`Step ${i + 2} of ${steps.length}`);
    if (steps[i + 1]!.ask) {
      await expect(narration(page).getByText(steps[i + 1]!.ask!.question)).toBeVisible();
      await next.click();
      await expect(narration(page)).toContainText(`Answer: ${steps[i + 1]!.ask!.answer}`);
    }
  }
  await expect(narration(page).getByRole('heading', { name: title, exact: true })).toBeVisible();
  // The words show at once; the run is at the step's moment once the worker has gone there.
  await expect(clock(page)).toHaveText(narrationClocks(scenario)[target]!);
}

test.describe('the caption under the cluster', () => {
  test('Figure 8 at "S1 crashes, S5 returns", and after seeking back, names no crashed server as leader', async ({
    page,
  }) => {
    await open(page, `?scenario=${FIGURE_8}&paused=1`);
    await nextUntil(page, FIGURE_8, 'S1 leads term 4');
    await expect(caption(page)).toHaveText(/^S1 is leader in term 4/);
    await expectCaptionTrue(page);

    await nextUntil(page, FIGURE_8, 'S1 crashes, S5 returns');
    await expect(clock(page)).toHaveText('t = 0.202 s');
    await expect(page.getByRole('button', { name: /^S1, crashed, / })).toBeVisible();
    await expect(caption(page)).not.toHaveText(/S1 is leader/);
    expect(await expectCaptionTrue(page)).toMatch(/^No leader; S5 is a candidate in term 5; S1 crashed/);
    await snap(page, 'truth-caption-figure-8');

    // On to S5's election, then back along the timeline with its arrow keys to 220 ms, when S1 is
    // down and nobody leads yet.
    await nextUntil(page, FIGURE_8, 'S5 leads term 5');
    await expect(caption(page)).toHaveText(/^S5 is leader in term 5; S1 crashed/);
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(clock(page)).toHaveText('t = 0.220 s');
    await expect(page.getByRole('button', { name: /^S5, candidate, term 5/ })).toBeVisible();
    await expect(caption(page)).toHaveText(/^No leader; S5 is a candidate in term 5; S1 crashed/);
    await expectCaptionTrue(page);
  });
});

test.describe('a message that meets a partition on its way', () => {
  /** leader-crash at 0 ms: S1's four RequestVotes have just left. */
  async function votesLeaving(page: Page): Promise<void> {
    await open(page, '?scenario=leader-crash&paused=1');
    const lines = eventLines(page);
    for (let i = 0; i < 5 && (await inFlight(page).count()) < 4; i++) {
      const n = await lines.count();
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect(lines).toHaveCount(n + 1);
    }
    await expect(inFlight(page)).toHaveCount(4);
  }

  const vote = (page: Page, to: string): Locator => inFlight(page).filter({ hasText: `RequestVote S1→${to}` });

  test('is shown lost from the moment the partition begins, stays lost after a heal, and cannot be delivered', async ({
    page,
  }) => {
    await votesLeaving(page);
    for (const to of ['S2', 'S3', 'S4', 'S5']) await expect(vote(page, to)).not.toContainText('lost');

    // Partition {S1, S2} | {S3, S4, S5} while the votes fly.
    await page.getByRole('button', { name: 'Partition…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Partition the network' });
    await dialog.getByRole('button', { name: 'Apply partition' }).click();
    await expect(dialog).toBeHidden();
    for (const to of ['S3', 'S4', 'S5']) await expect(vote(page, to)).toContainText('lost: met a partition');
    await expect(vote(page, 'S2')).not.toContainText('lost');

    // The network heals before they arrive: they met the break on their way all the same.
    await page.getByRole('button', { name: 'Heal network' }).click();
    await expectEvent(page, 'network healed');
    await expect(vote(page, 'S3')).toContainText('lost: met a partition, will be dropped');
    await expect(vote(page, 'S3').getByRole('button', { name: 'Deliver now' })).toBeDisabled();
    await expect(vote(page, 'S2').getByRole('button', { name: 'Deliver now' })).toBeEnabled();

    // The Message panel says so before anything is pressed, and offers no Deliver now.
    await vote(page, 'S3').getByRole('button').first().click();
    const panel = page.getByRole('region', { name: 'Message', exact: true });
    await expect(panel).toContainText(
      'It met a partition on its way: it will be dropped when it arrives, even if the network heals first.',
    );
    await expect(panel.getByRole('button', { name: 'Deliver now' })).toBeDisabled();
    await expect(panel.getByRole('button', { name: 'Deliver now' })).toHaveAccessibleDescription(/met a partition/);
    await snap(page, 'truth-lost-message');

    // The legend explains the faded message.
    await page.getByText('Legend', { exact: true }).click();
    await expect(page.getByText(/lost \(it met a partition or cut on its way/)).toBeVisible();

    // And so it goes: dropped on arrival, though the network is whole.
    await page.getByRole('button', { name: 'Next delivery' }).click();
    for (let i = 0; i < 6 && (await vote(page, 'S3').count()) > 0; i++)
      await page.getByRole('button', { name: 'Next delivery' }).click();
    await expect(vote(page, 'S3')).toHaveCount(0);
    await expectEvent(page, 'S1 → S3 RequestVote term 1 (last log 0/0): dropped (partition)', 1);
  });
});

test.describe('the narration', () => {
  test('basic-election "A write arrives": the AppendEntries it speaks of are on screen', async ({ page }) => {
    await open(page, '?scenario=basic-election&paused=1');
    await nextUntil(page, 'basic-election', 'A write arrives');
    await expect(narration(page)).toContainText('in AppendEntries');
    const appends = inFlight(page).filter({ hasText: /^AppendEntries S1→S\d/ });
    await expect(appends.first()).toBeVisible();
    expect(await appends.count()).toBeGreaterThanOrEqual(1);
    await snap(page, 'truth-narration-write');
  });
});

test.describe('the timeline legend', () => {
  test('lists every kind of mark the track draws, drawn as on the track', async ({ page }) => {
    // disruptive-server, walked through to its end: elections, commits, a partition and its heal.
    await open(page, '?scenario=disruptive-server&paused=1');
    await nextUntil(page, 'disruptive-server', 'S5 catches up');
    const history = page.getByRole('region', { name: 'History' });

    /** Colour, width, dashes and height of each kind's line, on the track and in the legend. */
    const looks = (selector: string) =>
      history.locator(selector).evaluateAll((lines) =>
        lines.map((l) => {
          const cs = getComputedStyle(l);
          const kind = /tm-(\w+)/.exec((l.closest('.tm') as Element).getAttribute('class') ?? '')![1]!;
          return {
            kind,
            stroke: cs.stroke,
            width: cs.strokeWidth,
            dash: cs.strokeDasharray,
            top: l.getAttribute('y1'),
          };
        }),
      );
    const track = await looks('.timeline-marks .tm line');
    const key = await looks('.timeline-legend .tm line');
    const drawn = [...new Set(track.map((m) => m.kind))];
    expect(drawn).toEqual(expect.arrayContaining(['election', 'commit', 'partition', 'heal']));
    for (const kind of drawn) {
      const inLegend = key.find((k) => k.kind === kind);
      expect(inLegend, `the legend lists ${kind}`).toBeDefined();
      expect(inLegend).toEqual(track.find((m) => m.kind === kind));
    }
    // And the kinds no run here drew: every kind of marker has its entry.
    expect(key.map((k) => k.kind).sort()).toEqual(
      ['action', 'commit', 'crash', 'election', 'heal', 'partition', 'restart', 'violation'].sort(),
    );
    await expect(history.getByRole('list', { name: 'Timeline marks' }).getByRole('listitem')).toHaveCount(8);
    await history.screenshot({ path: 'e2e/screenshots/truth-timeline-legend.png' });
  });
});

test.describe('the Keys dialog', () => {
  test('opens at its top, by the key and by the button', async ({ page }) => {
    await open(page, '?paused=1');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport();
    await expect(dialog.getByRole('row').nth(1)).toBeInViewport();
    expect(await dialog.evaluate((d) => d.scrollTop)).toBe(0);
    await snap(page, 'truth-keys-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Keys ?' }).click();
    await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport();
    expect(await dialog.evaluate((d) => d.scrollTop)).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });
});
