/**
 * The debugger: Step back, the Timeline and its branches, Next delivery and Run to next
 * election, breakpoints and watch expressions, the messages in flight and Hold messages, the
 * space-time diagram, "Why did this happen", the rule switches and the help dialog. Used as
 * a person uses them: by role and name, by mouse and by keyboard. Every test also fails on
 * any console error or uncaught page error (see helpers).
 */
import type { Page } from '@playwright/test';
import {
  RUNNING,
  downloadText,
  eventLines,
  expect,
  expectEvent,
  open,
  runToNextElection,
  runUntil,
  server,
  serverStates,
  servers,
  snap,
  test,
  virtualTime,
  waitForLeader,
} from './helpers';

const playButton = (page: Page) => page.getByRole('button', { name: 'Play', exact: true });
const stepButton = (page: Page) => page.getByRole('button', { name: 'Step', exact: true });
const stepBackButton = (page: Page) => page.getByRole('button', { name: 'Step back', exact: true });
const clock = (page: Page) => page.getByRole('timer', { name: 'Virtual time' });
const timeline = (page: Page) => page.getByRole('slider', { name: 'Timeline' });
const inFlight = (page: Page) => page.getByRole('list', { name: 'Messages in flight' }).getByRole('listitem');
const status = (page: Page) => page.getByRole('region', { name: 'Cluster view' }).getByRole('status');
const breakpoints = (page: Page) => page.getByRole('region', { name: 'Breakpoints' });
const branches = (page: Page) => page.getByRole('region', { name: 'Branches' });
const diagram = (page: Page) => page.getByRole('region', { name: 'Space-time diagram' });
const violationBanner = (page: Page) => page.getByRole('alert').filter({ hasText: 'Safety violation' });
const violationMarks = (page: Page) => page.getByRole('region', { name: 'History' }).locator('svg .tm-violation');

/** Moves focus off every control, as a click on the page's background does. */
async function clickBackground(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Raft visualizer' }).click();
}

/** What a person sees of the cluster: every server's name, the clock and the messages in flight. */
async function visibleState(page: Page) {
  return {
    servers: await servers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    clock: await clock(page).textContent(),
    messages: await inFlight(page).allTextContents(),
  };
}

/**
 * Steps (paused) until a message is in flight: the first election timeout sends some within a
 * few events. Each step waits for its event on the page.
 */
async function stepUntilInFlight(page: Page): Promise<void> {
  const lines = eventLines(page);
  for (let i = 0; i < 20 && (await inFlight(page).count()) === 0; i++) {
    const n = await lines.count();
    await stepButton(page).click();
    await expect(lines).toHaveCount(n + 1);
  }
  await expect(inFlight(page).first()).toBeVisible();
}

/** The first message's "from S1 to S3" button name split into what the event log says of it. */
function eventTextOf(messageName: string): string {
  const m = /^(.*), from (\w+) to (\w+)$/.exec(messageName);
  if (!m) throw new Error(`not a message name: ${JSON.stringify(messageName)}`);
  return `${m[2]} → ${m[3]} ${m[1]}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.describe('stepping and the timeline', () => {
  test('Step back returns exactly to the state before the last Step, by button and by ←', async ({ page }) => {
    await open(page, '?paused=1&seed=3');
    const lines = eventLines(page);
    // Step until the first messages are on their way, so there is something in flight to compare.
    await stepUntilInFlight(page);
    for (let i = 0; i < 3; i++) {
      const n = await lines.count();
      await stepButton(page).click();
      await expect(lines).toHaveCount(n + 1);
    }
    const before = await visibleState(page);
    expect(before.servers).toHaveLength(5);

    const n = await lines.count();
    await stepButton(page).click();
    await expect(lines).toHaveCount(n + 1);
    await stepBackButton(page).click();
    await expect.poll(() => visibleState(page)).toEqual(before);
    await expect(playButton(page)).toBeVisible();

    // The keyboard: S steps, ← steps back (focus on the page, not on a control).
    await clickBackground(page);
    const again = await visibleState(page);
    const m = await lines.count();
    await page.keyboard.press('s');
    await expect(lines).toHaveCount(m + 1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => visibleState(page)).toEqual(again);
    await expect(playButton(page)).toBeVisible();
    await snap(page, 'debugger-step-back');
  });

  test('the Timeline seeks back to an earlier time and forward to the end again', async ({ page }) => {
    await open(page, '?seed=3&speed=4');
    await runUntil(page, 1.2);
    // The pause's answer (the world at the moment the page's clock stopped) may show nothing new
    // on the clock: the worker answers Export trace after it, so by then the page shows it.
    await downloadText(page, () => page.getByRole('button', { name: 'Export trace', exact: true }).click());
    const atEnd = await visibleState(page);
    const end = await virtualTime(page);

    await timeline(page).fill('500');
    await expect.poll(() => virtualTime(page)).toBeCloseTo(0.5, 1);
    expect(Math.abs((await virtualTime(page)) - 0.5)).toBeLessThanOrEqual(0.01);
    await expect(timeline(page)).toHaveAttribute('aria-valuetext', /^500 ms of \d+ ms/);
    await expect(playButton(page)).toBeVisible();
    // Half a second in, the state differs from the end's.
    expect(await visibleState(page)).not.toEqual(atEnd);

    // The keyboard: Home goes to the start, End back to the end.
    await timeline(page).focus();
    await page.keyboard.press('Home');
    await expect(clock(page)).toHaveText('t = 0.000 s');
    await page.keyboard.press('End');
    await expect.poll(() => virtualTime(page)).toBeGreaterThan(end - 0.011);
    await expect(playButton(page)).toBeVisible();
    await snap(page, 'debugger-timeline');
    await expect
      .poll(() => visibleState(page), { message: 'End on the Timeline returns to the moment the run was paused' })
      .toEqual(atEnd);
  });

  test('acting in the past starts a branch; the Branches list switches between them', async ({ page }) => {
    await open(page, '?seed=2&speed=4');
    await runUntil(page, 1.2);
    await expect(branches(page)).toHaveCount(0);

    await timeline(page).fill('800');
    await expect.poll(() => virtualTime(page)).toBeCloseTo(0.8, 1);
    await page.getByRole('button', { name: 'Client write', exact: true }).click();
    const buttons = branches(page).getByRole('button');
    await expect(buttons).toHaveCount(2);
    const first = branches(page).getByRole('button', { name: /^Branch 1: / });
    const second = branches(page).getByRole('button', { name: /^Branch 2: .*c1/ });
    await expect(first).toHaveAttribute('aria-pressed', 'false');
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expectEvent(page, 'client writes c1', 1);

    await first.click();
    await expect(first).toHaveAttribute('aria-pressed', 'true');
    await expect(second).toHaveAttribute('aria-pressed', 'false');
    await expectEvent(page, 'client writes c1', 0);

    await second.click();
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expect(first).toHaveAttribute('aria-pressed', 'false');
    await expectEvent(page, 'client writes c1', 1);

    // Crashing a server from the Inspector in the past starts a third branch.
    await timeline(page).fill('500');
    await expect.poll(() => virtualTime(page)).toBeCloseTo(0.5, 1);
    await server(page, 'S1').click();
    await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Crash' }).click();
    await expect(buttons).toHaveCount(3);
    await expect(branches(page).getByRole('button', { name: /^Branch 3: .*S1/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, crashed, /);
    await snap(page, 'debugger-branches');
  });

  test('Next delivery runs to the next delivery and pauses there', async ({ page }) => {
    await open(page, '?paused=1&seed=3');
    const lines = eventLines(page);
    for (let i = 0; i < 3; i++) {
      const t0 = await virtualTime(page);
      const n = await lines.count();
      await page.getByRole('button', { name: 'Next delivery', exact: true }).click();
      await expect.poll(() => lines.count()).toBeGreaterThan(n);
      expect(await virtualTime(page)).toBeGreaterThanOrEqual(t0);
      await expect(lines.last()).toContainText(/S\d → S\d /);
      await expect(playButton(page)).toBeVisible();
    }
    // The first delivery comes after the first election timeout, so the clock has moved.
    expect(await virtualTime(page)).toBeGreaterThan(0);
    // The D key does the same.
    await clickBackground(page);
    const n = await lines.count();
    await page.keyboard.press('d');
    await expect.poll(() => lines.count()).toBeGreaterThan(n);
    await expect(lines.last()).toContainText(/S\d → S\d /);
    await snap(page, 'debugger-next-delivery');
  });

  test('Run to next election stops as a server becomes leader and says so', async ({ page }) => {
    await open(page, '?paused=1&seed=3');
    await expect(page.getByRole('button', { name: /^\w+, leader, / })).toHaveCount(0);
    await page.getByRole('button', { name: 'Run to next election', exact: true }).click();
    const leader = await waitForLeader(page);
    await expect(playButton(page)).toBeVisible();
    await snap(page, 'debugger-run-to-election');
    await expect(status(page)).toHaveText(new RegExp(`^Paused: |${leader.id} is leader in term ${leader.term}`));
  });
});

test.describe('breakpoints', () => {
  test('Pause on leader elected and a watch expression stop the run by themselves', async ({ page }) => {
    // leader-crash: S1 times out at 0 ms and leads term 1; it crashes at 600 ms and a term-2
    // election follows. Breakpoints act in the simulation, so they stop at their event at any speed.
    await open(page, '?scenario=leader-crash&paused=1&speed=1');
    const panel = breakpoints(page);
    await expect(panel.getByRole('checkbox', { name: 'Pause on safety violation' })).toBeChecked();
    const onLeader = panel.getByRole('checkbox', { name: 'Pause on leader elected' });
    await expect(onLeader).not.toBeChecked();
    await onLeader.check();
    await playButton(page).click();
    await expect(status(page)).toHaveText(/^Paused: S1 is leader in term 1/, RUNNING);
    await expect(playButton(page)).toBeVisible();
    await expect(panel).toContainText(/Paused: S1 is leader in term 1/);
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, leader, term 1/);
    await onLeader.uncheck();

    const watch = panel.getByRole('textbox', { name: 'Watch expression' });
    await watch.fill('S1.trm > 1');
    await expect(watch).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByText(/unknown field "trm"/)).toBeVisible();
    await expect(panel.getByText('Pauses when this becomes true')).toHaveCount(0);

    await watch.fill('maxTerm >= 2');
    await expect(watch).toHaveAttribute('aria-invalid', 'false');
    await expect(panel.getByText(/Pauses when this becomes true/)).toBeVisible();
    await expect(panel.getByText(/unknown field/)).toHaveCount(0);

    await playButton(page).click();
    await expect(status(page)).toHaveText(/^Paused: watch: maxTerm >= 2 became true/, RUNNING);
    await expect(playButton(page)).toBeVisible();
    expect(Math.max(...(await serverStates(page)).map((s) => s.term))).toBe(2);
    await snap(page, 'debugger-breakpoints');
  });
});

test.describe('messages', () => {
  test('a message in flight can be duplicated, dropped and delivered from the list', async ({ page }) => {
    await open(page, '?paused=1&seed=3');
    const items = inFlight(page);
    await stepUntilInFlight(page);
    await expect(items.first()).toContainText(/^\S+ S\d→S\d term \d+ \d+ ms left/);

    const firstButton = items.first().getByRole('button').first();
    const name = (await firstButton.getAttribute('aria-label'))!;
    const sameName = page.getByRole('button', { name, exact: true });
    await expect(sameName).toHaveCount(1);
    const count = await items.count();

    await items.first().getByRole('button', { name: 'Duplicate' }).click();
    await expect(items).toHaveCount(count + 1);
    await expect(sameName).toHaveCount(2);
    await expectEvent(page, `${eventTextOf(name)}: duplicated by you`, 1);

    await items.filter({ has: sameName }).first().getByRole('button', { name: 'Drop' }).click();
    await expect(items).toHaveCount(count);
    await expect(sameName).toHaveCount(1);
    await expectEvent(page, `${eventTextOf(name)}: dropped (by you)`, 1);

    await items.filter({ has: sameName }).first().getByRole('button', { name: 'Deliver now' }).click();
    await expect(sameName).toHaveCount(0);
    await expect(eventLines(page).filter({ hasText: new RegExp(`${escape(eventTextOf(name))}$`) })).toHaveCount(1);
    await snap(page, 'debugger-in-flight');
  });

  test('Hold messages keeps new messages held while timers run; they go by hand or on release', async ({ page }) => {
    await open(page, '?seed=3&speed=1&paused=1');
    const hold = page.getByRole('button', { name: 'Hold messages', exact: true });
    await expect(hold).toHaveAttribute('aria-pressed', 'false');
    await hold.click();
    await expect(hold).toHaveAttribute('aria-pressed', 'true');

    const items = inFlight(page);
    await stepUntilInFlight(page);
    const held = await items.count();
    for (const text of await items.allTextContents()) expect(text).toContain('held');

    // Timers keep running: virtual time goes on, and no held message arrives by itself.
    await runUntil(page, (await virtualTime(page)) + 0.3);
    expect(await items.count()).toBeGreaterThanOrEqual(held);
    for (const text of await items.allTextContents()) {
      expect(text).toContain('held');
      expect(text).not.toContain('ms left');
    }
    await expect(page.getByRole('button', { name: /^\w+, leader, / })).toHaveCount(0);

    // Deliver one by hand.
    const first = items.first().getByRole('button').first();
    const name = (await first.getAttribute('aria-label'))!;
    const lines = eventLines(page);
    const before = await lines.filter({ hasText: new RegExp(`${escape(eventTextOf(name))}$`) }).count();
    await items.first().getByRole('button', { name: 'Deliver now' }).click();
    await expect(lines.filter({ hasText: new RegExp(`${escape(eventTextOf(name))}$`) })).toHaveCount(before + 1);

    // Releasing sends the rest on their way, and the cluster elects a leader.
    await hold.click();
    await expect(hold).toHaveAttribute('aria-pressed', 'false');
    await expectEvent(page, 'held messages released');
    for (const text of await items.allTextContents()) expect(text).not.toContain('held');
    await runToNextElection(page);
    await snap(page, 'debugger-hold');
  });
});

test.describe('space-time diagram and explanations', () => {
  test('the space-time diagram zooms and a click on an arrow opens the Message region', async ({ page }) => {
    await open(page, '?seed=3&speed=4');
    await runUntil(page, 1.2);
    // One moment on every machine, so the diagram holds the same arrows whoever runs the test.
    await timeline(page).fill('1000');
    await expect.poll(() => virtualTime(page)).toBeCloseTo(1, 2);
    const region = diagram(page);
    await expect(region).toBeVisible();
    const delivered = region.locator('[data-outcome="delivered"]');
    await expect(delivered.first()).toBeAttached();
    expect(await delivered.count()).toBeGreaterThan(3);

    const shown = region.getByText(/^\d+ ms shown$/);
    const wide = await shown.textContent();
    await region.getByRole('button', { name: 'Zoom in' }).click();
    await expect(shown).not.toHaveText(wide!);
    const narrow = Number(/\d+/.exec((await shown.textContent())!)![0]);
    expect(narrow).toBeLessThan(Number(/\d+/.exec(wide!)![0]));
    // Zooming stops following the clock; Follow turns it back on.
    const follow = region.getByRole('button', { name: 'Follow' });
    await expect(follow).toHaveAttribute('aria-pressed', 'false');
    await region.getByRole('button', { name: 'Zoom out' }).click();
    await expect(shown).toHaveText(wide!);
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'true');

    // Click a delivered arrow between two servers that no other arrow covers where a click lands
    // (the middle of its box), newest first: they cross one another. Asked of the page, which
    // knows what is on top.
    const clear = await delivered.evaluateAll((arrows) => {
      for (let i = arrows.length - 1; i >= 0; i--) {
        const hit = arrows[i]!.querySelector('.std-hit');
        const title = arrows[i]!.querySelector('title')?.textContent ?? '';
        if (hit === null || !/, S\d+ → S\d+, sent /.test(title)) continue;
        hit.scrollIntoView({ block: 'center', inline: 'center' });
        const r = hit.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        if (top !== null && (top === hit || hit.contains(top))) return i;
      }
      return -1;
    });
    expect(clear, 'a delivered arrow no other covers').toBeGreaterThanOrEqual(0);
    const arrow = delivered.nth(clear);
    const key = (await arrow.getAttribute('data-key'))!;
    const title = (await arrow.locator('title').textContent()) ?? '';
    const [, summary, from, to] = /^(.*), (\w+) → (\w+), sent /.exec(title) ?? [];
    expect(summary, `the arrow's title ${JSON.stringify(title)}`).toBeTruthy();
    await arrow.locator('.std-hit').click();
    const panel = page.getByRole('region', { name: 'Message', exact: true });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading')).toHaveText(/^\w+ #\d+$/);
    await expect(panel).toContainText(summary!);
    await expect(panel).toContainText(`${from} → ${to}`);
    await expect(panel).toContainText('It has arrived or was dropped.');
    await expect(region.locator('.std-e-selected')).toHaveAttribute('data-key', key);
    await snap(page, 'debugger-diagram');
  });

  test("Why this vote? explains each vote for the new leader, with the voter's grant", async ({ page }) => {
    await open(page, '?scenario=basic-election&paused=1&speed=1');
    await page.getByRole('button', { name: 'Run to next election', exact: true }).click();
    const leader = await waitForLeader(page);
    const why = page.getByRole('region', { name: 'Why did this happen' });
    await expect(why).toHaveCount(0);

    // Every server that has voted for the new leader explains its vote.
    const voters = (await servers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
      .filter((name) => name.includes(`voted for ${leader.id}`) && !name.startsWith(`${leader.id},`))
      .map((name) => name.split(',')[0]!);
    expect(voters.length, 'servers that voted for the leader').toBeGreaterThanOrEqual(2);
    for (const voter of voters) {
      await server(page, voter).click();
      await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Why this vote?' }).click();
      await expect(why.getByRole('heading')).toHaveText(`Why ${voter} voted for ${leader.id} in term ${leader.term}`);
      const steps = why.getByRole('listitem');
      await expect(steps.filter({ hasText: `${leader.id}'s election timer ran out` })).toHaveCount(1);
      await expect(steps.filter({ hasText: `${leader.id} asked ${voter} for its vote` })).toHaveCount(1);
      await expect(diagram(page).locator('.std-arrow.std-e-highlight').first()).toBeAttached();
      if (voter === voters[0]) await snap(page, 'debugger-why-vote');
      // The voter's own grant is the heart of the answer; it was sent after the recorded window began.
      await expect
        .soft(steps.filter({ hasText: `${voter} granted its vote to ${leader.id}` }), `${voter}'s grant`)
        .toHaveCount(1);
      await expect
        .soft(steps.filter({ hasText: 'Earlier history is not in the recorded window' }), `${voter}: no missing past`)
        .toHaveCount(0);
    }
    await why.getByRole('button', { name: 'Close explanation' }).click();
    await expect(why).toBeHidden();
    await expect(diagram(page).locator('.std-e-highlight')).toHaveCount(0);
  });

  test('Why did this happen explains a committed write and highlights its messages', async ({ page }) => {
    // basic-election: S1 leads from 192 ms; its write x=1 of 1.5 s is committed on every
    // follower by 1.59 s (then y=2 and x=3).
    await open(page, '?scenario=basic-election&speed=4');
    const leader = await waitForLeader(page);
    const follower = ['S1', 'S2', 'S3', 'S4', 'S5'].find((id) => id !== leader.id)!;
    const entry = page
      .getByRole('list', { name: `${follower} log` })
      .getByRole('listitem', { name: new RegExp(`^${follower} index \\d+, term \\d+, committed$`) })
      .filter({ hasText: 'x=1' });
    // Past 1.8 s, so the Timeline can go back to 1.8 s below.
    await runUntil(page, 1.9);
    await expect(entry).toHaveCount(1);
    // Back to just after it happened, so the diagram (which follows the clock) shows it.
    await timeline(page).fill('1800');
    await expect.poll(() => virtualTime(page)).toBeCloseTo(1.8, 2);
    await expect(entry).toHaveCount(1);

    await entry.getByRole('button').click();
    const why = page.getByRole('region', { name: 'Why did this happen' });
    await expect(why).toBeVisible();
    await expect(why.getByRole('heading')).toHaveText(
      new RegExp(`^Why ${follower} has x=1 at index \\d+ \\(term ${leader.term}\\), committed$`),
    );
    const steps = why.getByRole('list').getByRole('listitem');
    expect(await steps.count()).toBeGreaterThanOrEqual(4);
    await expect(steps.filter({ hasText: /the client sent w1 \(x=1\)/ })).toHaveCount(1);
    await expect(steps.filter({ hasText: `sent ${follower} AppendEntries` }).first()).toBeVisible();
    await expect(steps.filter({ hasText: `${leader.id} committed through index` })).toHaveCount(1);
    await expect(steps.filter({ hasText: 'Earlier history is not in the recorded window' })).toHaveCount(0);
    await expect(diagram(page).locator('.std-arrow.std-e-highlight').first()).toBeAttached();
    await expect(diagram(page).locator('.std-mark.std-e-highlight').first()).toBeAttached();
    await expect(diagram(page).locator('.std-arrow.std-e-dim').first()).toBeAttached();
    await snap(page, 'debugger-why');
  });
});

test.describe('rule switches', () => {
  test('committing old-term entries by counting replicas breaks Figure 8', async ({ page }) => {
    await open(page, '?scenario=figure-8-overwritten&paused=1&speed=1');
    const rules = page.getByRole('group', { name: 'Rule switches (bugs, for teaching)' });
    const sw = rules.getByRole('checkbox', { name: /^Commit old-term entries by counting replicas/ });
    await expect(sw).not.toBeChecked();
    // The switch is an action in the simulation: it shows checked once the simulation has it.
    await sw.click();
    await expect(sw).toBeChecked();
    await expect(rules).toContainText('Not Raft');
    await playButton(page).click();
    await expect(violationBanner(page)).toBeVisible(RUNNING);
    await expect(status(page)).toHaveText(/^Paused: safety violation/);
    await expect(violationMarks(page).first()).toBeAttached();
    await expect(timeline(page)).toHaveAttribute('aria-valuetext', /[1-9]\d* safety violations/);
    await snap(page, 'debugger-rule-figure-8');
  });

  test('Figure 8 with Figure 2’s rules runs past its end with no violation', async ({ page }) => {
    await open(page, '?scenario=figure-8-overwritten&speed=4');
    // The scenario file ends at 2500 ms.
    await runUntil(page, 2.6);
    await expect(violationBanner(page)).toHaveCount(0);
    await expect(violationMarks(page)).toHaveCount(0);
    await expect(timeline(page)).toHaveAttribute(
      'aria-valuetext',
      /; \d+ elections, \d+ crashes, 0 safety violations$/,
    );
  });

  test('forgetting votedFor on restart gives a term two leaders', async ({ page }) => {
    await open(page, '?scenario=restart-forgets-vote&paused=1&speed=0.5');
    const sw = page.getByRole('checkbox', { name: /^Forget votedFor on restart/ });
    await sw.click();
    await expect(sw).toBeChecked();
    await playButton(page).click();
    await expect(violationBanner(page)).toBeVisible(RUNNING);
    await expect(status(page)).toHaveText(/^Paused: safety violation/);
    await expect(violationMarks(page).first()).toBeAttached();
    await snap(page, 'debugger-rule-forget-vote');

    // Without the switch the same scenario runs past its end (600 ms) safely.
    await open(page, '?scenario=restart-forgets-vote&speed=0.5');
    await runUntil(page, 0.7);
    await expect(violationBanner(page)).toHaveCount(0);
    await expect(violationMarks(page)).toHaveCount(0);
  });
});

test.describe('help', () => {
  test('the help dialog lists the debugger commands with their keys', async ({ page }) => {
    await open(page, '?paused=1');
    await page.getByRole('button', { name: 'Keys ?' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    const keysOf = async (label: string) =>
      dialog
        .getByRole('row')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('kbd')
        .allTextContents();
    expect(await keysOf('Step back')).toEqual(['←', 'Z']);
    expect(await keysOf('Step')).toEqual(['S', '→']);
    expect(await keysOf('Next delivery')).toEqual(['D']);
    expect(await keysOf('Run to next election')).toEqual(['E']);
    expect(await keysOf('Hold messages')).toEqual(['M']);
    await snap(page, 'debugger-help');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
