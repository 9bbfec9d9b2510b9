/**
 * Issue 13 on the page: elections as production Raft runs them (CONTRACTS.md section 5).
 * PreVote's pre-candidate and its messages, the PreVote and CheckQuorum switches (and the
 * address's preVote=1, checkQuorum=1), a leader's quorum contact, leadership transfer from the
 * Inspector, a server's clock rate, and free play with 1 to 9 servers (?nodes=N, Servers).
 * Everything is found by role and accessible name, as a person (or a screen reader) finds it;
 * every wait is on what the page shows.
 */
import type { Locator, Page } from '@playwright/test';
import {
  eventLines,
  expect,
  expectEvent,
  open,
  openSharedLink,
  RUNNING,
  runToNextElection,
  server,
  servers,
  snap,
  test,
  waitForLeader,
} from './helpers';

const step = (page: Page) => page.getByRole('button', { name: 'Step', exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const status = (page: Page) => page.getByRole('region', { name: 'Cluster view' }).getByRole('status');
const inFlight = (page: Page) => page.getByRole('list', { name: 'Messages in flight' }).getByRole('button');
const preVote = (page: Page) => page.getByRole('checkbox', { name: 'PreVote', exact: true });
const checkQuorum = (page: Page) => page.getByRole('checkbox', { name: 'CheckQuorum', exact: true });
const preCandidates = (page: Page) => page.getByRole('button', { name: /^S\d, pre-candidate, term \d+/ });

/** Presses Step until `target` is visible (at most `limit` events), as a person stepping through a run. */
async function stepUntil(page: Page, target: Locator, limit = 60): Promise<void> {
  const lines = eventLines(page);
  for (let i = 0; i < limit; i++) {
    if (await target.first().isVisible()) return;
    // The worker answers each Step with one more event in the log: wait for it before looking
    // again (Play shows at once, answered or not, so it says nothing).
    const n = await lines.count();
    await step(page).click();
    await expect(lines).toHaveCount(n + 1);
  }
  await expect(target.first()).toBeVisible();
}

/** The id in a server button's accessible name. */
async function idOf(button: Locator): Promise<string> {
  return ((await button.getAttribute('aria-label')) ?? '').split(',')[0]!;
}

/** The computed stroke colour and dash pattern of a server's shape. */
async function shapeLook(button: Locator): Promise<string> {
  return button
    .locator('.shape')
    .first()
    .evaluate((el) => {
      const css = getComputedStyle(el);
      return `${el.tagName} ${el.getAttribute('transform') ?? ''} ${css.stroke} ${css.strokeDasharray}`;
    });
}

test.describe('PreVote (§9.6) on the page', () => {
  test('a pre-candidate has its own shape and colour, name, caption, log row and Inspector; its messages their own labels', async ({
    page,
  }) => {
    await open(page, '?preVote=1&paused=1');
    await expect(preVote(page)).toBeChecked();
    await expect(checkQuorum(page)).not.toBeChecked();
    // The first election timer to fire makes a pre-candidate, not a candidate; its term stays.
    await stepUntil(page, preCandidates(page));
    const pre = preCandidates(page).first();
    const id = await idOf(pre);
    await expect(pre).toHaveAccessibleName(new RegExp(`^${id}, pre-candidate, term 0, .*, 1 pre-vote(,|$)`));
    await expect(status(page)).toHaveText(new RegExp(`^No leader; ${id} is a pre-candidate in term 0`));
    const logs = page.getByRole('region', { name: 'Logs' });
    await expect(logs.getByRole('button', { name: new RegExp(`^${id} pre-candidate`) })).toBeVisible();

    // Its own shape (a square standing upright, dotted) and colour: neither a follower's nor a candidate's.
    const follower = page.getByRole('button', { name: /^S\d, follower, / }).first();
    const look = await shapeLook(pre);
    expect(look).toMatch(/^rect /);
    expect(look).not.toContain('rotate');
    expect(look).not.toBe(await shapeLook(follower));

    await pre.click();
    await expect(inspector(page).getByRole('heading')).toHaveText(`Inspector: ${id}`);
    await expect(inspector(page).getByRole('definition').first()).toHaveText('pre-candidate');
    await expect(inspector(page).getByText(/^Pre-votes$/)).toBeVisible();
    await expect(inspector(page)).toContainText(`${id} (1 of the 3 it needs for term 1)`);

    // Its PreVote requests, in the list of messages in flight and in the Message region.
    const request = inFlight(page)
      .filter({ hasText: /^PreVote/ })
      .first();
    await stepUntil(page, request);
    await expect(request).toHaveAccessibleName(new RegExp(`^PreVote for term 1 .*, from ${id} to S\\d$`));
    await expect(request).toContainText('for term 1');
    await snap(page, 'prevote-light');
    await request.click();
    const message = page.getByRole('region', { name: 'Message', exact: true });
    await expect(message.getByRole('heading')).toHaveText(/^PreVote #\d+$/);
    await expect(message).toContainText('The sender keeps its own term');

    // The answers, and then a candidate with a raised term once a majority said yes.
    await stepUntil(page, inFlight(page).filter({ hasText: /^PreVoteReply/ }));
    await stepUntil(page, page.getByRole('button', { name: /^S\d, candidate, term 1/ }));
    await expectEvent(page, 'PreVote for term 1');
    await expectEvent(page, 'PreVote reply for term 1: granted');

    // The space-time diagram draws them in their own colour, and the pre-candidate's lane mark.
    const diagram = page.getByRole('region', { name: 'Space-time diagram' });
    await expect(diagram.locator('.std-v-prevote-request').first()).toBeAttached();
    await expect(diagram.locator('.std-v-prevote-granted').first()).toBeAttached();
    await expect(diagram.locator('.std-m-precandidate').first()).toBeAttached();
    const colour = (cls: string) =>
      diagram
        .locator(`.${cls} .std-line`)
        .first()
        .evaluate((el) => getComputedStyle(el).stroke);
    expect(await colour('std-v-prevote-request')).not.toBe(await colour('std-v-vote-request'));

    // The legend names the role and each new kind of message.
    await page.getByText('Legend', { exact: true }).click();
    const legend = page.locator('.legend');
    await expect(legend.getByRole('listitem').filter({ hasText: /^pre-candidate, with PreVote on/ })).toBeVisible();
    for (const glyph of ['pre? t4', 'pre ✓', 'pre ✕', 'TimeoutNow'])
      await expect(legend.getByRole('listitem').filter({ hasText: glyph })).toHaveCount(1);
  });

  test('the pre-candidate in the dark theme', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await open(page, '?preVote=1&paused=1');
    await stepUntil(page, preCandidates(page));
    await stepUntil(page, inFlight(page).filter({ hasText: /^PreVote/ }));
    await snap(page, 'prevote-dark');
    // The dark theme's own colours: a pale stroke on the dark panel.
    const stroke = await preCandidates(page)
      .first()
      .locator('.shape')
      .evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).toBe('rgb(127, 219, 230)');
    await context.close();
  });
});

test.describe('the PreVote and CheckQuorum switches', () => {
  test('by mouse and keyboard: each is an action at the moment shown, in the event log, and Step back undoes it', async ({
    page,
  }) => {
    await open(page, '?paused=1');
    await expect(preVote(page)).not.toBeChecked();
    await preVote(page).check();
    await expect(preVote(page)).toBeChecked();
    await expectEvent(page, 'options: PreVote on, CheckQuorum off', 1);

    // The keyboard: Tab from PreVote to CheckQuorum, Space; its focus is visible.
    await preVote(page).focus();
    await page.keyboard.press('Tab');
    await expect(checkQuorum(page)).toBeFocused();
    const ring = await page
      .locator('.election-switch label', { has: checkQuorum(page) })
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).toBe('solid');
    await page.keyboard.press('Space');
    await expect(checkQuorum(page)).toBeChecked();
    await expectEvent(page, 'options: PreVote on, CheckQuorum on', 1);

    // Going back one event takes each switch back.
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(checkQuorum(page)).not.toBeChecked();
    await expect(preVote(page)).toBeChecked();
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(preVote(page)).not.toBeChecked();
  });

  test('by touch', async ({ browser }) => {
    const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await open(page, '?paused=1');
    await preVote(page).tap();
    await expect(preVote(page)).toBeChecked();
    await checkQuorum(page).tap();
    await expect(checkQuorum(page)).toBeChecked();
    await context.close();
  });

  test('preVote=1 and checkQuorum=1 start any scenario with them on; a bad value gets a notice naming it', async ({
    page,
  }) => {
    await open(page, '?scenario=leader-crash&preVote=1&checkQuorum=1&paused=1');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('leader-crash');
    await expect(preVote(page)).toBeChecked();
    await expect(checkQuorum(page)).toBeChecked();

    await open(page, '?preVote=on&paused=1');
    await expect(page.getByRole('alert').filter({ hasText: 'Ignored preVote="on": expected 1 or 0.' })).toHaveCount(1);
    await expect(preVote(page)).not.toBeChecked();
  });

  test('a shared link carries free play with seven servers and a switch flipped', async ({
    page,
    context,
    browser,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await open(page, '?nodes=7&paused=1');
    await expect(servers(page)).toHaveCount(7);
    await preVote(page).check();
    await expect(preVote(page)).toBeChecked();
    const other = await openSharedLink(page, browser);
    await expect(other.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
    await expect(servers(other)).toHaveCount(7);
    await expect(preVote(other)).toBeChecked();
    await expect(other.getByRole('combobox', { name: 'Servers' })).toHaveValue('7');
    await other.close();
  });
});

test.describe('CheckQuorum (§6.2) on the page', () => {
  test("the leader's quorum contact on the ring and in the Inspector; it steps down when no majority answers", async ({
    page,
  }) => {
    await open(page, '?checkQuorum=1&speed=0.3');
    const leader = await waitForLeader(page);
    const button = server(page, leader.id);
    await expect(button).toHaveAccessibleName(/, heard from 5 of 5 within the CheckQuorum window$/, RUNNING);
    const follower = page.getByRole('button', { name: /^S\d, follower, / }).first();
    await expect(follower).toHaveAccessibleName(/, heard by the leader$/);
    await button.click();
    const panel = inspector(page);
    await expect(panel.getByText('Heard from within 200 ms')).toBeVisible();
    await expect(panel).toContainText('(5 of 5 with itself: a majority)');
    const followers = panel.getByRole('table', { name: `${leader.id}'s view of its followers` });
    await expect(followers.getByRole('row')).toHaveCount(5);
    await expect(followers.getByRole('columnheader', { name: 'heard within 200 ms' })).toBeVisible();
    await snap(page, 'checkquorum-contact');

    // Three followers crash: the leader hears from two of five, and steps down.
    const others = (await servers(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
      .map((name) => name.split(',')[0]!)
      .filter((id) => id !== leader.id)
      .slice(0, 3);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    for (const id of others) {
      await server(page, id).click();
      await panel.getByRole('button', { name: 'Crash', exact: true }).click();
      await expect(server(page, id)).toHaveAccessibleName(new RegExp(`^${id}, crashed, `));
    }
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(button).toHaveAccessibleName(new RegExp(`^${leader.id}, follower, `), RUNNING);
    await expectEvent(page, `${leader.id} steps down: no majority answered`);
  });
});

test.describe('leadership transfer (§3.10) from the Inspector', () => {
  test('Transfer leadership here: disabled with a reason without a leader; while it lasts both servers show it', async ({
    page,
  }) => {
    await open(page, '?paused=1');
    await server(page, 'S2').click();
    const transfer = inspector(page).getByRole('button', { name: 'Transfer leadership here' });
    await expect(transfer).toBeDisabled();
    await expect(transfer).toHaveAccessibleDescription('No leader to hand over: wait for an election.');

    const leader = await runToNextElection(page);
    const target = leader.id === 'S2' ? 'S3' : 'S2';
    await server(page, target).click();
    // The leader itself is not offered the button.
    await expect(transfer).toBeEnabled();
    // By keyboard.
    await transfer.focus();
    await page.keyboard.press('Enter');
    await expect(server(page, leader.id)).toHaveAccessibleName(new RegExp(`, handing leadership to ${target}$`));
    await expect(server(page, target)).toHaveAccessibleName(new RegExp(`, taking over leadership from ${leader.id}$`));
    await expect(status(page)).toContainText(
      `${leader.id} is leader in term ${leader.term}, handing leadership to ${target}`,
    );
    await expect(inspector(page)).toContainText(`${leader.id} is handing leadership over to ${target}`);
    await expect(transfer).toBeDisabled();
    // Unavailable now, and the keyboard's focus stays on it (not dropped to the page).
    await expect(transfer).toBeFocused();
    await expect(transfer).toHaveAccessibleDescription(`${leader.id} is handing leadership over to ${target}.`);
    await expect(page.locator('.transfers text').last()).toHaveText(new RegExp(`^handing over\\s*to ${target}$`));
    await expectEvent(page, `${leader.id} is asked to hand leadership to ${target}`, 1);
    await snap(page, 'transfer');
    // One transfer at a time: no other server is offered it meanwhile (two would split the vote).
    const other = ['S2', 'S3', 'S4'].find((id) => id !== leader.id && id !== target)!;
    await server(page, other).click();
    await expect(transfer).toBeDisabled();
    await expect(transfer).toHaveAccessibleDescription(
      `${leader.id} is handing leadership over to ${target}: one transfer at a time.`,
    );

    // TimeoutNow goes out; the target wins the next term.
    await stepUntil(page, inFlight(page).filter({ hasText: /^TimeoutNow/ }));
    await expect(
      inFlight(page)
        .filter({ hasText: /^TimeoutNow/ })
        .first(),
    ).toHaveAccessibleName(new RegExp(`^TimeoutNow term ${leader.term}: .*, from ${leader.id} to ${target}$`));
    await stepUntil(
      page,
      page.getByRole('button', { name: new RegExp(`^${target}, leader, term ${leader.term + 1}`) }),
    );
    // The old leader steps down once it hears of the new term; the arrow goes with its transfer.
    await stepUntil(
      page,
      page.getByRole('button', { name: new RegExp(`^${leader.id}, follower, term ${leader.term + 1}`) }),
    );
    await expect(page.locator('.transfers')).toHaveCount(0);
  });
});

test.describe('a leadership transfer that cannot finish', () => {
  test('is given up after an election timeout, and the event log says so', async ({ page }) => {
    await open(page, '?paused=1');
    const leader = await runToNextElection(page);
    const target = leader.id === 'S2' ? 'S3' : 'S2';
    await server(page, target).click();
    await inspector(page).getByRole('button', { name: 'Transfer leadership here' }).click();
    await expect(server(page, leader.id)).toHaveAccessibleName(new RegExp(`, handing leadership to ${target}$`));
    // The target goes down before its TimeoutNow arrives: no election comes of it.
    await inspector(page).getByRole('button', { name: 'Crash', exact: true }).click();
    await expect(server(page, target)).toHaveAccessibleName(new RegExp(`^${target}, crashed, `));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(server(page, leader.id)).toHaveAccessibleName(
      new RegExp(`^${leader.id}, leader, term ${leader.term}, `),
    );
    await expect(server(page, leader.id)).not.toHaveAccessibleName(/handing leadership/, RUNNING);
    await expectEvent(
      page,
      `${leader.id} gives up handing leadership to ${target} (no new leader within an election timeout) and takes writes again`,
      1,
    );
  });
});

test.describe("a server's clock (clock skew)", () => {
  test('the Inspector sets a clock rate; the ring shows a fast or slow clock in a badge and in words', async ({
    page,
  }) => {
    await open(page, '?paused=1');
    await server(page, 'S3').click();
    const rate = inspector(page).getByRole('combobox', { name: 'Clock rate' });
    await expect(rate).toHaveValue('1');
    await rate.selectOption({ label: '2× (fast)' });
    await expect(server(page, 'S3')).toHaveAccessibleName(/, clock runs 2× fast$/);
    await expectEvent(page, "S3's clock runs fast, at 2× true time", 1);
    await expect(inspector(page)).toContainText('clock runs 2× fast');
    await expect(page.locator('.cluster-badges .clock-badge text')).toHaveText('2×');
    await snap(page, 'clock-fast');

    await rate.selectOption({ label: '0.5× (slow)' });
    await expect(server(page, 'S3')).toHaveAccessibleName(/, clock runs 0.5× slow$/);
    // Step back: the clock runs as it did before the last change.
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(server(page, 'S3')).toHaveAccessibleName(/, clock runs 2× fast$/);
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(server(page, 'S3')).not.toHaveAccessibleName(/clock runs/);
    await expect(rate).toHaveValue('1');
  });
});

test.describe('free play with 1 to 9 servers', () => {
  for (const n of [3, 7, 9]) {
    test(`nodes=${n}: ${n} servers elect a leader, laid out at 1280×720`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, `?nodes=${n}&speed=0.3`);
      await expect(servers(page)).toHaveCount(n);
      await expect(page.getByRole('combobox', { name: 'Servers' })).toHaveValue(String(n));
      const leader = await waitForLeader(page);
      // Every server whole inside the drawing, none over another.
      const cluster = await page.getByRole('group', { name: 'Cluster' }).boundingBox();
      const boxes = await servers(page).evaluateAll((els) =>
        els.map((e) => {
          const r = e.querySelector('.shape')!.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(cluster!.x);
        expect(b.y).toBeGreaterThanOrEqual(cluster!.y);
        expect(b.x + b.w).toBeLessThanOrEqual(cluster!.x + cluster!.width);
        expect(b.y + b.h).toBeLessThanOrEqual(cluster!.y + cluster!.height);
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
          expect(apart, `servers ${i + 1} and ${j + 1} overlap`).toBe(true);
        }
      // A row per server in the logs, and the leader's view of each follower in the Inspector.
      const logs = page.getByRole('region', { name: 'Logs' });
      await expect(logs.getByRole('list', { name: /^S\d log$/ })).toHaveCount(n);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await snap(page, `nodes-${n}`);
      await server(page, leader.id).click();
      await expect(
        inspector(page)
          .getByRole('table', { name: `${leader.id}'s view of its followers` })
          .getByRole('row'),
      ).toHaveCount(n);
      await snap(page, `nodes-${n}-inspector`);
    });
  }

  test('nine servers in presentation mode', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await open(page, '?nodes=9&speed=0.3&present=1');
    await waitForLeader(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await snap(page, 'nodes-9-presenting');
  });

  test('the Servers control restarts free play with that many; a bad nodes= gets a notice', async ({ page }) => {
    await open(page, '?nodes=10&paused=1');
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'Ignored nodes="10": must be at most 9 (the most servers in a cluster), got 10.' }),
    ).toHaveCount(1);
    await expect(servers(page)).toHaveCount(5);

    const size = page.getByRole('combobox', { name: 'Servers' });
    await size.selectOption('3');
    await expect(servers(page)).toHaveCount(3);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toContainText('Free play: three servers');
    expect(new URL(page.url()).searchParams.get('nodes')).toBe('3');
    await runToNextElection(page);

    // By keyboard: one down from 3 is 4.
    await size.focus();
    await page.keyboard.press('ArrowDown');
    await expect(servers(page)).toHaveCount(4);
    await expect(size).toHaveValue('4');

    // One server leads alone.
    await size.selectOption('1');
    await expect(servers(page)).toHaveCount(1);
    await runToNextElection(page);
    await snap(page, 'nodes-1');
  });
});
