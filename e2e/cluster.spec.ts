/**
 * The cluster drawing and the logs as a new user met them (issue 12, items 7, 8 and 9): a link
 * cut in one direction from the page, by mouse, touch and keyboard; reduced motion that moves
 * messages and timer rings in steps; and the small things: log cells that cut their command,
 * free play's write rate, what "Restart leader" does, whose write is whose, next · match in the
 * legend, and each of two leaders' next/match.
 */
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  expectEvent,
  focusedName,
  leaders,
  open,
  RUNNING,
  runToNextElection,
  runUntil,
  server,
  snap,
  test,
  virtualTime,
  waitForLeader,
  waitForVirtualTime,
} from './helpers';

const link = (page: Page, a: string, b: string) => page.getByRole('button', { name: new RegExp(`^Link ${a}–${b}, `) });
const linkMenu = (page: Page, a: string, b: string) => page.getByRole('menu', { name: `Link ${a}–${b}` });

/** Opens a scenario file through "Open scenario", as a person picks one from their disk. */
async function openScenarioFile(page: Page, scenario: object): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open scenario' }).click(),
  ]);
  await chooser.setFiles({
    name: 'scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('(opened)');
}

test.describe('a link cut in one direction (item 7)', () => {
  test('while the run plays, the menu stays open as the panels scroll, and the keyboard chooses', async ({ page }) => {
    await open(page, '?speed=0.3');
    await waitForLeader(page);
    const s1s3 = link(page, 'S1', 'S3');
    await s1s3.click({ button: 'right' });
    const menu = linkMenu(page, 'S1', 'S3');
    await expect(menu).toBeVisible();
    // Half a virtual second of heartbeats: the event log and the messages in flight scroll.
    await waitForVirtualTime(page, (await virtualTime(page)) + 0.5);
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitemradio', { name: 'Restore' })).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut one way: S1 to S3. Press to restore');
  });

  test('by mouse: right-click a link, or its ⋯ button, and choose a direction', async ({ page }) => {
    await open(page, '?paused=1');
    const s1s3 = link(page, 'S1', 'S3');
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, connected. Press to cut');

    await s1s3.click({ button: 'right' });
    const menu = linkMenu(page, 'S1', 'S3');
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitemradio', { name: 'Restore' })).toBeChecked();
    await snap(page, 'cluster-link-menu');
    await menu.getByRole('menuitemradio', { name: 'Cut S1 → S3' }).click();
    await expect(menu).toBeHidden();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut one way: S1 to S3. Press to restore');
    await expectEvent(page, 'link S1 → S3 cut', 1);
    await expectEvent(page, 'link S3 → S1 cut', 0);
    await page.mouse.move(0, 0);
    await snap(page, 'cluster-link-one-way');

    // The ⋯ button shows on a hovered link and opens the same menu.
    await s1s3.hover();
    await page.getByRole('button', { name: 'Cut one direction: menu of link S1–S3' }).click();
    await expect(menu.getByRole('menuitemradio', { name: 'Cut S1 → S3' })).toBeChecked();
    await menu.getByRole('menuitemradio', { name: 'Cut S3 → S1' }).click();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut one way: S3 to S1. Press to restore');
    await expectEvent(page, 'link S1 → S3 restored', 1);
    await expectEvent(page, 'link S3 → S1 cut', 1);

    await s1s3.click({ button: 'right' });
    await menu.getByRole('menuitemradio', { name: 'Cut both ways' }).click();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut. Press to restore');
    // A plain click still restores both ways, as before.
    await s1s3.click();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, connected. Press to cut');

    // A press outside closes the menu and changes nothing.
    await s1s3.click({ button: 'right' });
    await expect(menu).toBeVisible();
    await page.getByRole('heading', { name: 'Logs' }).click();
    await expect(menu).toBeHidden();
    await expect(s1s3).toHaveAccessibleName('Link S1–S3, connected. Press to cut');
  });

  test('a one-way cut drops messages in that direction only', async ({ page }) => {
    await open(page, '?paused=1&speed=1');
    const leader = await runToNextElection(page);
    const other = ['S1', 'S2', 'S3', 'S4', 'S5'].find((id) => id !== leader.id)!;
    const [a, b] = [leader.id, other].sort() as [string, string];
    await link(page, a, b).click({ button: 'right' });
    await linkMenu(page, a, b)
      .getByRole('menuitemradio', { name: `Cut ${leader.id} → ${other}` })
      .click();
    await expect(link(page, a, b)).toHaveAccessibleName(
      `Link ${a}–${b}, cut one way: ${leader.id} to ${other}. Press to restore`,
    );
    // The leader's heartbeats to `other` are lost; `other`, hearing nothing, campaigns, and its
    // requests reach the leader.
    await runUntil(page, (await virtualTime(page)) + 0.6);
    const search = page.getByRole('searchbox', { name: 'Filter events' });
    const lines = page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
    await search.fill(`${leader.id} → ${other} `);
    await expect(lines.filter({ hasText: 'dropped (cut)' }).first()).toBeVisible();
    await search.fill(`${other} → ${leader.id} `);
    await expect(lines.filter({ hasText: 'dropped (cut)' })).toHaveCount(0);
    await expect(lines.filter({ hasNotText: 'dropped' }).first()).toBeVisible();
    await search.fill('');
  });

  test('by keyboard: Shift+Enter on a focused link opens its menu; arrows and Enter choose', async ({ page }) => {
    await open(page, '?paused=1');
    const s2s4 = link(page, 'S2', 'S4');
    await s2s4.focus();
    await page.keyboard.press('Shift+Enter');
    const menu = linkMenu(page, 'S2', 'S4');
    await expect(menu).toBeVisible();
    // The focus starts on how the link is now.
    expect(await focusedName(page)).toBe('Restore');
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toBe('Cut S2 → S4');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Cut S4 → S2');
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(s2s4).toHaveAccessibleName('Link S2–S4, cut one way: S4 to S2. Press to restore');
    // The focus is back on the link.
    expect(await focusedName(page)).toBe('Link S2–S4, cut one way: S4 to S2. Press to restore');
    await expectEvent(page, 'link S4 → S2 cut', 1);
    await expectEvent(page, 'link S2 → S4 cut', 0);

    // Escape closes the menu without a change; Enter on the link still restores both ways.
    await s2s4.focus();
    await page.keyboard.press('Shift+Enter');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(s2s4).toHaveAccessibleName('Link S2–S4, cut one way: S4 to S2. Press to restore');
    expect(await focusedName(page)).toMatch(/^Link S2–S4, /);
    await page.keyboard.press('Enter');
    await expect(s2s4).toHaveAccessibleName('Link S2–S4, connected. Press to cut');
  });

  test.describe('on a touch screen', () => {
    test.use({ hasTouch: true, viewport: { width: 360, height: 740 } });

    test('a tap on a link opens its menu, and a tap on an item cuts one direction', async ({ page }) => {
      await open(page, '?paused=1');
      const s1s3 = link(page, 'S1', 'S3');
      await s1s3.scrollIntoViewIfNeeded();
      await s1s3.tap();
      const menu = linkMenu(page, 'S1', 'S3');
      await expect(menu).toBeVisible();
      // The tap alone changed nothing: a finger cannot aim at one direction.
      await expect(s1s3).toHaveAccessibleName('Link S1–S3, connected. Press to cut');
      await expectMenuInViewport(page, menu);
      await snap(page, 'cluster-link-menu-phone');
      await menu.getByRole('menuitemradio', { name: 'Cut S3 → S1' }).tap();
      await expect(menu).toBeHidden();
      await expect(s1s3).toHaveAccessibleName('Link S1–S3, cut one way: S3 to S1. Press to restore');
      await expectEvent(page, 'link S3 → S1 cut', 1);
      await expectEvent(page, 'link S1 → S3 cut', 0);
    });
  });
});

async function expectMenuInViewport(page: Page, menu: Locator): Promise<void> {
  const box = (await menu.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(view.width);
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
}

/**
 * Two servers and a slow network: S1 asks S2 for its vote at 0 ms and the request takes 309 ms,
 * long enough to watch it cross; both election timers run 412 ms. The thirds of the flight
 * (103, 206 ms) and the quarters of the timers (103, 206 ms) fall between the Timeline's 10 ms
 * steps.
 */
const SLOW_VOTE = {
  name: 'slow-vote',
  description: 'One vote request, slowly.',
  nodes: ['S1', 'S2'],
  timing: { electionTimeout: [412, 412], heartbeatInterval: 100, latency: [309, 309] },
  steps: [{ at: 0, do: 'timeout', node: 'S1' }],
  until: 3000,
};

/** The cluster's drawing (the SVG and the canvas over it) as the screen shows it, once it is still. */
async function clusterPicture(page: Page): Promise<Buffer> {
  // The moving parts are painted by a worker of their own: wait until it has drawn this moment.
  await expect(page.locator('canvas.live-layer')).toHaveAttribute('data-settled', 'true');
  const cluster = page.getByRole('group', { name: 'Cluster' });
  let last = await cluster.screenshot();
  for (;;) {
    const now = await cluster.screenshot();
    if (now.equals(last)) return now;
    last = now;
  }
}

/** Where the vote request is drawn in a picture: the pixels of the vote colour, their count and centre. */
async function votePixels(page: Page, png: Buffer): Promise<{ count: number; x: number; y: number }> {
  return page.evaluate(async (b64) => {
    const hex = getComputedStyle(document.documentElement).getPropertyValue('--msg-vote').trim();
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    let count = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < data.length; i += 4) {
      const d = Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!);
      if (d < 60) {
        count++;
        sx += (i / 4) % image.width;
        sy += Math.floor(i / 4 / image.width);
      }
    }
    return { count, x: count ? sx / count : NaN, y: count ? sy / count : NaN };
  }, png.toString('base64'));
}

/**
 * Opens SLOW_VOTE, lets it run past the vote's arrival, then walks the Timeline with the arrow
 * keys from 10 ms to 300 ms (while the vote request is in flight) and takes the cluster's
 * picture at each step.
 */
async function watchTheVoteCross(page: Page): Promise<{ pictures: Buffer[]; votes: { count: number; y: number }[] }> {
  await open(page, '?paused=1&speed=1');
  await openScenarioFile(page, SLOW_VOTE);
  await runUntil(page, 0.35);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => virtualTime(page)).toBe(0);
  const pictures: Buffer[] = [];
  const votes: { count: number; y: number }[] = [];
  for (let t = 10; t <= 300; t += 10) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => virtualTime(page)).toBe(t / 1000);
    const picture = await clusterPicture(page);
    pictures.push(picture);
    votes.push(await votePixels(page, picture));
  }
  return { pictures, votes };
}

/** How many times the picture changes from one step to the next. */
const changes = (pictures: Buffer[]) => pictures.slice(1).filter((p, i) => !p.equals(pictures[i]!)).length;

/**
 * Where the picture changes from one step to the next: for each change, the step's time (ms)
 * and the box (x, y, width, height in pixels) around the pixels that differ. Said when a
 * count of changes is not what a test expects, so that its failure names what moved.
 */
async function whereItChanges(page: Page, pictures: Buffer[]): Promise<string> {
  const pairs = pictures
    .slice(1)
    .map((p, i) => ({ at: (i + 2) * 10, before: pictures[i]!.toString('base64'), after: p.toString('base64') }))
    .filter((pair) => pair.before !== pair.after);
  const boxes = await page.evaluate(async (list) => {
    const pixels = async (b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      return ctx.getImageData(0, 0, image.width, image.height);
    };
    const out: string[] = [];
    for (const { at, before, after } of list) {
      const [a, b] = [await pixels(before), await pixels(after)];
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      for (let i = 0; i < a.data.length; i += 4) {
        if (a.data[i] === b.data[i] && a.data[i + 1] === b.data[i + 1] && a.data[i + 2] === b.data[i + 2]) continue;
        const x = (i / 4) % a.width;
        const y = Math.floor(i / 4 / a.width);
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      }
      out.push(x1 < 0 ? `t=${at}: size ${b.width}×${b.height}` : `t=${at}: ${x0},${y0} ${x1 - x0 + 1}×${y1 - y0 + 1}`);
    }
    return out;
  }, pairs);
  return boxes.join('; ');
}

/** The distinct heights (in whole pixels, top to bottom order of appearance) the vote request is drawn at. */
const heights = (votes: { y: number }[]) => [...new Set(votes.map((v) => Math.round(v.y)))];

test.describe('reduced motion (item 8)', () => {
  test.use({ contextOptions: { reducedMotion: 'reduce' } });

  test('messages jump in three steps from sender to receiver and rings empty in quarters; none is lost', async ({
    page,
  }) => {
    const { pictures, votes } = await watchTheVoteCross(page);
    // Every moment of its flight the request is on screen.
    for (const [i, v] of votes.entries())
      expect(v.count, `vote request drawn at t=${(i + 1) * 10} ms`).toBeGreaterThan(20);
    // S1 is at the top, S2 at the bottom: the request is drawn at three places, going down.
    const ys = heights(votes);
    expect(ys, 'heights the vote request is drawn at').toHaveLength(3);
    expect([...ys].sort((p, q) => p - q)).toEqual(ys);
    // Nothing else moves between the steps: the picture changes only where the message jumps
    // and the rings lose a quarter (both at 103 and 206 ms).
    expect(
      changes(pictures),
      `changes of the picture over 30 steps of 10 ms (${await whereItChanges(page, pictures)})`,
    ).toBe(2);
    await snap(page, 'cluster-reduced-motion');
  });
});

test('without reduced motion the same message glides (the measure above can tell the two apart)', async ({ page }) => {
  const { pictures, votes } = await watchTheVoteCross(page);
  for (const v of votes) expect(v.count).toBeGreaterThan(20);
  expect(heights(votes).length, 'heights the vote request is drawn at').toBeGreaterThan(20);
  expect(changes(pictures)).toBe(pictures.length - 1);
});

test.describe('small things a new user hit (item 9)', () => {
  test('log cells show a whole command: x=stale and three-digit values are not cut', async ({ page }) => {
    await open(page, '?paused=1&speed=1');
    await openScenarioFile(page, {
      name: 'counters',
      steps: [
        { at: 0, do: 'timeout', node: 'S1' },
        { at: 100, do: 'write', id: 'a', key: 'x', value: 'stale' },
        { at: 110, do: 'write', id: 'b', key: 'x', value: '250' },
        { at: 120, do: 'write', id: 'c', key: 'y', value: '999' },
      ],
    });
    const logs = page.getByRole('region', { name: 'Logs' });
    const third = logs.getByRole('button', { name: /^S1 index 3, / });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(third).toBeVisible(RUNNING);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    for (const [index, label] of [
      [1, 'x=stale'],
      [2, 'x=250'],
      [3, 'y=999'],
    ] as const) {
      const cell = logs.getByRole('button', { name: new RegExp(`^S1 index ${index}, `) });
      const shown = await cell.evaluate((button) => {
        const text = button.querySelector<HTMLElement>('.cell-label')!;
        const t = text.getBoundingClientRect();
        const c = button.closest('li')!.getBoundingClientRect();
        return {
          text: text.textContent,
          clipped: text.scrollWidth > text.clientWidth,
          inside: t.left >= c.left && t.right <= c.right,
        };
      });
      expect(shown, `S1's entry ${index}`).toEqual({ text: label, clipped: false, inside: true });
    }
    await snap(page, 'cluster-log-cells');
  });

  test("free play's description says how often its client writes", async ({ page }) => {
    await open(page, '?paused=1');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveAccessibleDescription(
      /a client writes on its own every 0\.9 s of virtual time/,
    );
  });

  test('the leader restart button says that it crashes the leader and restarts it', async ({ page }) => {
    await open(page, '?paused=1&speed=1');
    const leader = await runToNextElection(page);
    const button = page.getByRole('button', { name: 'Crash & restart leader' });
    await expect(button).toBeVisible();
    await expect(button).toHaveAccessibleDescription(/^Crash the leader and restart it at once/);
    await button.click();
    await expectEvent(page, `${leader.id} crashes`, 1);
    await expectEvent(page, `${leader.id} restarts`, 1);
    await expect(server(page, leader.id)).toHaveAccessibleName(new RegExp(`^${leader.id}, follower, `));
  });

  test("a person's write and the scenario's write of the same key and value show their request ids", async ({
    page,
  }) => {
    // Free play's first write is w1, y=1, at 600 ms; a person's first write is c1, y=1 too.
    await open(page, '?paused=1&speed=0.3');
    await runUntil(page, 0.7);
    const leader = await waitForLeader(page);
    await page.getByRole('button', { name: 'Client write', exact: true }).click();
    await expectEvent(page, 'client writes c1 (y=1)', 1);
    const logs = page.getByRole('region', { name: 'Logs' });
    // On hover: each cell's tooltip names its request.
    const cell = (request: string) =>
      logs.getByTitle(new RegExp(`^${leader.id} index \\d+, term \\d+, y=1, request ${request}, `));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(cell('c1')).toBeVisible(RUNNING);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(cell('w1')).toBeVisible();

    // In the Inspector: the log with each entry's command and request.
    await server(page, leader.id).click();
    const table = page.getByRole('region', { name: 'Inspector' }).getByRole('table', { name: /log/ });
    await expect(table).toBeVisible();
    for (const request of ['w1', 'c1'])
      await expect(table.getByRole('row').filter({ hasText: request }).getByRole('cell')).toHaveText([
        /^\d+$/,
        /^\d+$/,
        'y=1',
        request,
        /^(yes|no)$/,
      ]);
    await snap(page, 'cluster-inspector-requests');
  });

  test('the legend explains next · match', async ({ page }) => {
    await open(page, '?paused=1');
    await page.getByText('Legend', { exact: true }).click();
    const item = page.getByRole('listitem').filter({ hasText: 'next 4 · match 3' });
    await expect(item).toBeVisible();
    await expect(item).toContainText('nextIndex');
    await expect(item).toContainText('matchIndex');
  });

  test("with two leaders, each leader's next and match are shown for a server", async ({ page }) => {
    // stale-leader: S1 leads term 1, a partition leaves it with S2, and S3 is elected in term 2.
    await open(page, '?scenario=stale-leader&paused=1&speed=0.25');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(leaders(page)).toHaveCount(2, RUNNING);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(leaders(page)).toHaveCount(2);
    const ids = (await leaders(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))).map(
      (n) => n.split(',')[0]!,
    );
    const logs = page.getByRole('region', { name: 'Logs' });
    // S4 follows S3, and S1 still keeps its own view of S4.
    const head = logs.getByRole('button', { name: /^S4 (follower|candidate|leader)/ });
    for (const id of ids) await expect(head).toContainText(new RegExp(`${id}: next \\d+ · match \\d+`));
    await snap(page, 'cluster-two-leaders');
  });
});
