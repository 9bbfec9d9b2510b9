/**
 * The page's controls, used the way a person uses them: by role and name, by mouse and by
 * keyboard. Every test also fails on any console error or uncaught page error (see helpers).
 */
import {
  RUNNING,
  clockChangeOver,
  downloadText,
  eventLines,
  expect,
  expectEvent,
  focusedName,
  leaders,
  open,
  runToNextElection,
  runUntil,
  server,
  serverStates,
  servers,
  snap,
  test,
  virtualTime,
  waitForVirtualTime,
  watchClockForBackwardJumps,
} from './helpers';
import type { Page } from '@playwright/test';

const FIVE = ['S1', 'S2', 'S3', 'S4', 'S5'];

const pauseButton = (page: Page) => page.getByRole('button', { name: 'Pause', exact: true });
const playButton = (page: Page) => page.getByRole('button', { name: 'Play', exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const announcements = (page: Page) => page.getByRole('region', { name: 'Cluster view' }).getByRole('status');

/** Moves focus off every control, as a click on the page's background does. */
async function clickBackground(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Raft visualizer' }).click();
}

/**
 * Checks that the virtual time stands still over 30 animation frames (half a second on an
 * idle machine; a running clock moves on every frame) and returns it.
 */
async function expectFrozen(page: Page): Promise<number> {
  const t = await virtualTime(page);
  expect(await clockChangeOver(page, 30)).toBe(0);
  expect(await virtualTime(page)).toBe(t);
  return t;
}

/** Steps once and waits until the simulation's answer (one more event) is on the page. */
async function expectStepAnswered(page: Page): Promise<void> {
  const lines = eventLines(page);
  const n = await lines.count();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(lines).toHaveCount(n + 1);
}

/**
 * leader-crash, paused at the instant S1 times out (0 ms): its four RequestVotes have just left,
 * and stand still on S1's edge until the run goes on.
 */
async function openWithVotesLeaving(page: Page): Promise<void> {
  await open(page, '?scenario=leader-crash&paused=1');
  const inFlight = page.getByRole('list', { name: 'Messages in flight' }).getByRole('listitem');
  const lines = eventLines(page);
  for (let i = 0; i < 5 && (await inFlight.count()) < 4; i++) {
    const n = await lines.count();
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(lines).toHaveCount(n + 1);
  }
  await expect(inFlight).toHaveCount(4);
  await expect(page.getByRole('timer', { name: 'Virtual time' })).toHaveText('t = 0.000 s');
}

/** Plays on until the virtual clock has moved past `t` seconds. */
async function expectRunningPast(page: Page, t: number): Promise<void> {
  await expect.poll(() => virtualTime(page), RUNNING).toBeGreaterThan(t);
}

test.describe('playback', () => {
  test('Pause and Play by button, Space and "." stop and resume virtual time', async ({ page }) => {
    await open(page, '?speed=0.2');
    await expect(pauseButton(page)).toBeVisible();
    await expectRunningPast(page, 0);

    await pauseButton(page).click();
    await expect(playButton(page)).toBeVisible();
    await expect(pauseButton(page)).toHaveCount(0);
    const t1 = await expectFrozen(page);

    await playButton(page).click();
    await expect(pauseButton(page)).toBeVisible();
    await expectRunningPast(page, t1);

    // The keys act when focus is not on a button.
    await clickBackground(page);
    await page.keyboard.press('Space');
    await expect(playButton(page)).toBeVisible();
    const t2 = await expectFrozen(page);
    await page.keyboard.press('.');
    await expect(pauseButton(page)).toBeVisible();
    await expectRunningPast(page, t2);
  });

  test('Step while paused advances one event at a time and stays paused; Step while running pauses', async ({
    page,
  }) => {
    await open(page, '?paused=1&speed=0.2');
    await expect(playButton(page)).toBeVisible();
    const lines = eventLines(page);
    const t0 = await expectFrozen(page);
    const n0 = await lines.count();

    const step = page.getByRole('button', { name: 'Step', exact: true });
    await step.click();
    await expect(lines).toHaveCount(n0 + 1);
    await expect(playButton(page)).toBeVisible();
    // The S key steps too.
    await page.keyboard.press('s');
    await expect(lines).toHaveCount(n0 + 2);
    // Step once more, and on until the clock moves (several events may share an instant; the
    // first election timeout comes within a few events).
    for (let i = 0; i < 20; i++) {
      const n = await lines.count();
      await step.click();
      await expect(lines).toHaveCount(n + 1);
      if ((await virtualTime(page)) > t0) break;
    }
    expect(await virtualTime(page)).toBeGreaterThan(t0);
    await expect(playButton(page)).toBeVisible();
    const n1 = await lines.count();
    expect(n1).toBeGreaterThan(n0 + 2);
    await expectFrozen(page);
    await expect(lines).toHaveCount(n1);

    await playButton(page).click();
    await expect(pauseButton(page)).toBeVisible();
    await step.click();
    await expect(playButton(page)).toBeVisible();
  });

  test('virtual time never runs backwards when pausing or stepping', async ({ page }) => {
    // Four waits on the run moving on in real time: on a loaded machine they take more than
    // the usual guard against a hang.
    test.slow();
    // At 1× the page's clock runs well ahead of the worker's last frame, which is when a
    // pause or a step could pull it back.
    await open(page, '?speed=1');
    await waitForVirtualTime(page, 0.3);
    const backwards = await watchClockForBackwardJumps(page);
    for (let i = 0; i < 2; i++) {
      await expectRunningPast(page, (await virtualTime(page)) + 0.2);
      await pauseButton(page).click();
      await expect(playButton(page)).toBeVisible();
      await playButton(page).click();
      await expectRunningPast(page, (await virtualTime(page)) + 0.2);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect(playButton(page)).toBeVisible();
      await playButton(page).click();
    }
    // The last Step's answer may still be on its way: the worker answers Export trace after it.
    await downloadText(page, () => page.getByRole('button', { name: 'Export trace', exact: true }).click());
    expect(await backwards()).toEqual([]);
  });

  test('the speed slider and the - and + keys change the speed shown', async ({ page }) => {
    await open(page, '?speed=0.1&paused=1');
    const slider = page.getByRole('slider', { name: 'Speed' });
    const shown = page.locator('.speed-value');
    await expect(shown).toHaveText('0.10×');
    await expect(slider).toHaveAttribute('aria-valuetext', '0.10 simulated milliseconds per real millisecond');

    await slider.focus();
    await page.keyboard.press('End');
    await expect(shown).toHaveText('10.00×');
    await page.keyboard.press('Home');
    await expect(shown).toHaveText('0.00010×');
    await slider.fill('-1');
    await expect(shown).toHaveText('0.10×');
    await page.keyboard.press('ArrowRight');
    await expect(shown).toHaveText('0.11×');
    await expect(slider).toHaveAttribute('aria-valuetext', '0.11 simulated milliseconds per real millisecond');

    await slider.fill('-1');
    await clickBackground(page);
    await page.keyboard.press('-');
    await expect(shown).toHaveText('0.050×');
    await page.keyboard.press('+');
    await expect(shown).toHaveText('0.10×');
    await page.keyboard.press('=');
    await expect(shown).toHaveText('0.20×');

    // A faster speed makes virtual time run faster. The page moves its clock once a frame by
    // the frame's wall time (16.7 to 100 ms at 60 frames a second) times the speed: over 30
    // frames at 0.00010× that is under a millisecond, at 1.00× 0.5 s or more, however loaded the
    // machine (a loaded machine's frames come further apart, so the clock moves more per frame).
    await page.keyboard.press('-');
    await expect(shown).toHaveText('0.10×');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(shown).toHaveText('0.00010×');
    await playButton(page).click();
    await expect(pauseButton(page)).toBeVisible();
    expect(await clockChangeOver(page, 30)).toBeLessThanOrEqual(1);
    await slider.fill('0');
    await expect(shown).toHaveText('1.00×');
    expect(await clockChangeOver(page, 30)).toBeGreaterThan(300);
  });

  test('the first change of the speed slider takes effect at the default speed', async ({ page }) => {
    await open(page, '?paused=1');
    const shown = page.locator('.speed-value');
    await expect(shown).toHaveText('0.035×');
    await page.getByRole('slider', { name: 'Speed' }).focus();
    await page.keyboard.press('End');
    await expect(shown).toHaveText('10.00×');
    // ...and stays once the simulation has answered a later command (a frame that answers an
    // older one must not put the old speed back).
    await expectStepAnswered(page);
    await expect(shown).toHaveText('10.00×');
  });

  test('two quick presses of + double the speed twice', async ({ page }) => {
    await open(page, '?speed=0.1&paused=1');
    const shown = page.locator('.speed-value');
    await expect(shown).toHaveText('0.10×');
    await clickBackground(page);
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
    });
    await expect(shown).toHaveText('0.40×');
    await expectStepAnswered(page);
    await expect(shown).toHaveText('0.40×');
  });

  test('Reset starts the same seed again and New seed starts another', async ({ page }) => {
    await open(page, '?seed=5&paused=1');
    const header = page.getByText(/ · seed \d+$/);
    await expect(header).toHaveText('welcome · seed 5');
    await runToNextElection(page);
    expect(await virtualTime(page)).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(page.getByRole('timer', { name: 'Virtual time' })).toHaveText('t = 0.000 s');
    await expect(header).toHaveText('welcome · seed 5');
    await expect(playButton(page)).toBeVisible();

    await page.getByRole('button', { name: 'New seed', exact: true }).click();
    await expect(header).not.toHaveText('welcome · seed 5');
    await expect(header).toHaveText(/^welcome · seed \d+$/);
    await expect(page.getByRole('timer', { name: 'Virtual time' })).toHaveText('t = 0.000 s');
    // The new run runs, and elects a leader.
    await playButton(page).click();
    await expectRunningPast(page, 0);
    await runToNextElection(page);
  });
});

test.describe('acting on the cluster', () => {
  test('client writes by button and by the C key are committed on every server', async ({ page }) => {
    // split-vote makes no writes of its own. Both writes go in while paused, at the moment S5
    // is elected, so the run is the same however fast the machine clicks.
    await open(page, '?scenario=split-vote&paused=1&speed=1');
    await runToNextElection(page);
    await page.getByRole('button', { name: 'Client write', exact: true }).click();
    await page.keyboard.press('c');
    await expectEvent(page, 'client writes c1', 1);
    await expectEvent(page, 'client writes c2', 1);

    // Half a second of virtual time is many round trips (10–20 ms each way) and heartbeats (50 ms).
    await runUntil(page, (await virtualTime(page)) + 0.5);
    for (const id of FIVE) {
      const log = page.getByRole('list', { name: `${id} log` });
      for (const write of ['y=1', 'z=2']) {
        await expect(
          log
            .getByRole('listitem', { name: new RegExp(`^${id} index \\d+, term \\d+, committed$`) })
            .filter({ hasText: write }),
        ).toHaveCount(1);
      }
    }
    await expectEvent(page, 'client told c1 is committed', 1);
    await expectEvent(page, 'client told c2 is committed', 1);
    await expect(page.getByRole('listitem', { name: /^S1 index 1, term \d+, committed$/ })).toBeVisible();
    // The caption tells the state at the moment, commits included ("…; entries 1 to 2 committed").
    await expect(announcements(page)).toHaveText(/(entry \d+|entries \d+ to \d+) committed$/);
  });

  test('servers are selected by click, ] and [; the Inspector crashes, restarts and times out a server', async ({
    page,
  }) => {
    await open(page, '?scenario=split-vote&paused=1&speed=1');
    await runToNextElection(page);
    await expect(inspector(page)).toContainText('Select a server');

    await server(page, 'S1').click();
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S1');
    await expect(server(page, 'S1')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press(']');
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S2');
    await expect(server(page, 'S2')).toHaveAttribute('aria-pressed', 'true');
    await expect(server(page, 'S1')).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S5');
    await page.keyboard.press('Escape');
    await expect(inspector(page)).toContainText('Select a server');

    // Pick a follower and act on it.
    const follower = (await serverStates(page)).find((s) => s.role === 'follower');
    if (!follower) throw new Error('no follower');
    const { id, term } = follower;
    await server(page, id).click();
    await expect(inspector(page).getByRole('heading')).toHaveText(`Inspector: ${id}`);
    await expect(inspector(page)).toContainText(/Role\s*follower/);
    await snap(page, 'selected-server-inspector');

    await inspector(page).getByRole('button', { name: 'Crash' }).click();
    await expect(server(page, id)).toHaveAccessibleName(new RegExp(`^${id}, crashed, term ${term}`));
    await expect(inspector(page).getByRole('button', { name: 'Crash' })).toBeDisabled();
    await expect(inspector(page).getByRole('button', { name: 'Timeout' })).toBeDisabled();

    await inspector(page).getByRole('button', { name: 'Restart' }).click();
    await expect(server(page, id)).toHaveAccessibleName(new RegExp(`^${id}, follower, term ${term}`));
    await expect(inspector(page).getByRole('button', { name: 'Restart' })).toBeDisabled();

    await inspector(page).getByRole('button', { name: 'Timeout' }).click();
    await expect(server(page, id)).toHaveAccessibleName(new RegExp(`^${id}, (candidate|leader), term ${term + 1}`));
    await expectEvent(page, `${id} election timeout (forced)`);

    // The cluster goes on to elect a leader of a later term (the old one may not know yet).
    const next = await runToNextElection(page);
    expect(next.term).toBeGreaterThan(term);
    expect((await serverStates(page)).filter((s) => s.role === 'leader' && s.term > term)).toHaveLength(1);
    await expect(announcements(page)).toHaveText(/is leader in term \d+|committed/);
  });

  test('shortcut keys: R restarts the leader, B resumes crashed servers, T and A move timers', async ({ page }) => {
    // Everything below acts at once, so it runs paused (and spares the CPU).
    await open(page, '?scenario=split-vote&paused=1&speed=1');
    const leader = await runToNextElection(page);
    await clickBackground(page);

    await page.keyboard.press('r');
    await expect(server(page, leader.id)).toHaveAccessibleName(
      new RegExp(`^${leader.id}, follower, term ${leader.term}`),
    );
    await expectEvent(page, `${leader.id} crashes`, 1);
    await expectEvent(page, `${leader.id} restarts`, 1);

    await clickBackground(page);
    await page.keyboard.press('t');
    await expectEvent(page, 'election timers spread apart', 1);
    await clickBackground(page);
    await page.keyboard.press('a');
    await expectEvent(page, 'election timers aligned', 1);

    // Crash two servers from the Inspector, then B brings both back.
    for (const id of ['S2', 'S4']) {
      await server(page, id).click();
      await inspector(page).getByRole('button', { name: 'Crash' }).click();
      await expect(server(page, id)).toHaveAccessibleName(new RegExp(`^${id}, crashed,`));
    }
    const resumeAll = page.getByRole('button', { name: 'Resume all', exact: true });
    await expect(resumeAll).toBeEnabled();
    await clickBackground(page);
    await page.keyboard.press('b');
    await expect(servers(page).filter({ hasText: 'crashed' })).toHaveCount(0);
    for (const id of ['S2', 'S4']) await expect(server(page, id)).not.toHaveAccessibleName(/, crashed,/);
    await expect(resumeAll).toBeDisabled();
  });

  test('clicking a link cuts it and clicking again restores it; Enter does the same', async ({ page }) => {
    await open(page, '?paused=1');
    const link = page.getByRole('button', { name: /^Link S1–S2, / });
    const heal = page.getByRole('button', { name: 'Heal network', exact: true });
    await expect(link).toHaveAccessibleName('Link S1–S2, connected. Press to cut');
    await expect(heal).toBeDisabled();

    await link.click();
    await expect(link).toHaveAccessibleName('Link S1–S2, cut. Press to restore');
    await expectEvent(page, 'link S1 → S2 cut', 1);
    await expectEvent(page, 'link S2 → S1 cut', 1);
    await expect(heal).toBeEnabled();
    await link.click();
    await expect(link).toHaveAccessibleName('Link S1–S2, connected. Press to cut');
    await expect(heal).toBeDisabled();

    const other = page.getByRole('button', { name: /^Link S3–S5, / });
    await other.focus();
    await page.keyboard.press('Enter');
    await expect(other).toHaveAccessibleName('Link S3–S5, cut. Press to restore');
    await heal.click();
    await expect(other).toHaveAccessibleName('Link S3–S5, connected. Press to cut');
  });

  test('the Partition dialog splits the network and Heal network restores it', async ({ page }) => {
    await open(page, '?paused=1&speed=1');
    const leader = await runToNextElection(page);
    const links = page.getByRole('button', { name: /^Link / });
    await expect(links).toHaveCount(10);

    await page.getByRole('button', { name: 'Partition…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Partition the network' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'S1' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'S2' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'S3' })).not.toBeChecked();
    await dialog.getByRole('checkbox', { name: 'S3' }).check();
    await expect(dialog).toContainText('Group A: S1, S2, S3 · Group B: S4, S5');
    await snap(page, 'partition-dialog');
    await dialog.getByRole('button', { name: 'Apply partition' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole('button', { name: /^Link \w+–\w+, partitioned\. Press to cut$/ })).toHaveCount(6);
    await expect(page.getByRole('button', { name: 'Link S1–S4, partitioned. Press to cut' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Link S1–S2, connected. Press to cut' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Link S4–S5, connected. Press to cut' })).toBeVisible();
    await expectEvent(page, 'partition {S1, S2, S3} | {S4, S5}', 1);
    // The minority side {S4, S5} times out and campaigns, but cannot win.
    await playButton(page).click();
    await expect
      .poll(
        async () =>
          (await serverStates(page)).filter((s) => ['S4', 'S5'].includes(s.id) && s.role === 'candidate').length,
        RUNNING,
      )
      .toBeGreaterThan(0);
    await pauseButton(page).click();
    const minority = (await serverStates(page)).filter((s) => ['S4', 'S5'].includes(s.id));
    expect(minority.some((s) => s.term > leader.term)).toBe(true);
    expect(minority.filter((s) => s.role === 'leader' && s.term > leader.term)).toEqual([]);
    await snap(page, 'partition-applied');

    await page.getByRole('button', { name: 'Heal network', exact: true }).click();
    await expect(page.getByRole('button', { name: /^Link \w+–\w+, connected\. Press to cut$/ })).toHaveCount(10);
    await expectEvent(page, 'network healed', 1);

    // Cancel and Escape close the dialog without partitioning.
    await page.getByRole('button', { name: 'Partition…', exact: true }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Partition…', exact: true }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: /, partitioned\./ })).toHaveCount(0);
  });

  test('a message in flight can be selected, dropped or delivered at once', async ({ page }) => {
    await openWithVotesLeaving(page);
    const votes = page.getByRole('button', { name: /^RequestVote term 1 \(last log 0\/0\), from S1 to S\d$/ });
    await expect(votes).toHaveCount(4);

    // The four leave S1 together and overlap: click the topmost (last drawn) one, without
    // Playwright's check that nothing else is on top of it.
    const first = votes.last();
    const firstName = (await first.getAttribute('aria-label'))!;
    const to = firstName.slice(-2);
    await first.click({ force: true });
    const panel = page.getByRole('region', { name: 'Message', exact: true });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading')).toHaveText(/^RequestVote #\d+$/);
    await expect(panel).toContainText(`S1 → ${to}`);
    await expect(panel).toContainText('In flight.');
    await snap(page, 'message-selected');

    await panel.getByRole('button', { name: 'Drop' }).click();
    await expect(panel).toBeHidden();
    await expect(page.getByRole('button', { name: firstName, exact: true })).toHaveCount(0);
    await expect(votes).toHaveCount(3);
    await expectEvent(page, `S1 → ${to} RequestVote term 1 (last log 0/0): dropped (by you)`, 1);

    const second = votes.last();
    const secondTo = ((await second.getAttribute('aria-label')) ?? '').slice(-2);
    await second.click({ force: true });
    await expect(panel).toContainText(`S1 → ${secondTo}`);
    await panel.getByRole('button', { name: 'Deliver now' }).click();
    await expect(panel).toBeHidden();
    await expect(votes).toHaveCount(2);
    await expectEvent(page, `S1 → ${secondTo} RequestVote term 1`, 1);
    // Its reply is now on the way back.
    await expect(
      page.getByRole('button', { name: new RegExp(`^RequestVote reply term 1: granted, from ${secondTo} to S1$`) }),
    ).toHaveCount(1);
  });
});

test.describe('event log', () => {
  test('the event log filters by kind and by text', async ({ page }) => {
    // leader-crash: S1 times out at 0 ms and leads term 1, a client writes at 300 ms, S1 crashes
    // at 600 ms and S4 leads term 2 from 796 ms: some 130 events, all of them in the log's view.
    await open(page, '?scenario=leader-crash&paused=1');
    expect(await runToNextElection(page)).toEqual({ id: 'S1', role: 'leader', term: 1 });
    expect(await runToNextElection(page)).toEqual({ id: 'S4', role: 'leader', term: 2 });
    await expect(server(page, 'S1')).toHaveAccessibleName(/^S1, crashed, /);
    const lines = eventLines(page);
    const kinds = page.getByRole('combobox', { name: 'Event kinds' });
    await expect(kinds).toHaveValue('all');

    await kinds.selectOption({ label: 'Faults' });
    await expect(lines.filter({ hasText: 'S1 crashes' })).toHaveCount(1);
    for (const text of await lines.allTextContents())
      expect(text).toMatch(/crashes|restarts|partition|healed|cut|restored|network|dropped/);

    await kinds.selectOption({ label: 'Client' });
    await expect(lines.filter({ hasText: 'client writes w1' })).toHaveCount(1);
    for (const text of await lines.allTextContents()) expect(text).toMatch(/client/);

    await kinds.selectOption({ label: 'Elections' });
    await expect(lines.filter({ hasText: 'election timeout' }).first()).toBeVisible();
    for (const text of await lines.allTextContents()) expect(text).toMatch(/election timeout|timers|RequestVote/);

    await kinds.selectOption({ label: 'All' });
    const search = page.getByRole('searchbox', { name: 'Filter events' });
    await search.fill('requestvote reply');
    await expect(lines.first()).toBeVisible();
    for (const text of await lines.allTextContents()) expect(text).toContain('RequestVote reply');
    await search.fill('no event says this');
    await expect(lines).toHaveCount(0);
    await search.fill('');
    await expect(lines.filter({ hasText: 'RequestVote reply' }).first()).toBeVisible();
    await expect(lines.filter({ hasText: 'AppendEntries' }).first()).toBeVisible();
  });
});

test.describe('keyboard and accessibility', () => {
  test('the help dialog opens with ? and the Keys button, lists Client write, and closes', async ({ page }) => {
    await open(page, '?paused=1');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeHidden();
    await clickBackground(page);
    await page.keyboard.press('?');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('cell', { name: /^Client write: / })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /Client write/ })).toContainText('C');
    await snap(page, 'help-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    const keys = page.getByRole('button', { name: 'Keys ?' });
    await keys.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(keys).toBeFocused();
    await expect(playButton(page)).toBeVisible();
  });

  test('keyboard only: Tab reaches every server and Play; Enter and Space select a server', async ({ page }) => {
    await open(page, '?paused=1');
    await expect(servers(page)).toHaveCount(5);
    const seen: string[] = [];
    for (
      let i = 0;
      i < 60 && !(seen.includes('Play') && FIVE.every((id) => seen.some((n) => n.startsWith(`${id}, `))));
      i++
    ) {
      await page.keyboard.press('Tab');
      seen.push(await focusedName(page));
    }
    expect(seen).toContain('Play');
    for (const id of FIVE)
      expect(
        seen.some((n) => n.startsWith(`${id}, `)),
        `Tab reaches ${id}`,
      ).toBe(true);
    // Play comes before the servers.
    expect(seen.indexOf('Play')).toBeLessThan(seen.findIndex((n) => n.startsWith('S1, ')));

    // Back to S3 with Shift+Tab, then select it.
    for (let i = 0; i < 10 && !(await focusedName(page)).startsWith('S3, '); i++)
      await page.keyboard.press('Shift+Tab');
    await expect(server(page, 'S3')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S3');
    await expect(server(page, 'S3')).toHaveAttribute('aria-pressed', 'true');
    await expect(server(page, 'S3')).toBeFocused();
    // Space on a server reached by keyboard selects it too (it stays selected) and does not
    // start the simulation; Escape deselects.
    await page.keyboard.press('Space');
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S3');
    await expect(playButton(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(inspector(page)).toContainText('Select a server');
    await page.keyboard.press('Space');
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S3');
    await expect(playButton(page)).toBeVisible();
    // The Inspector's buttons are reachable by keyboard too.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page)).not.toBe('');
  });

  test('bad URL parameters are named in alerts and the page still runs with defaults', async ({ page }) => {
    // Paused, so that the first election is still ahead however long the checks of the alerts take.
    await open(page, '?speed=abc&seed=-3&scenario=nope&paused=1');
    const alerts = page.getByRole('alert');
    await expect(alerts).toHaveCount(3);
    await expect(alerts.filter({ hasText: 'speed="abc"' })).toHaveCount(1);
    await expect(alerts.filter({ hasText: 'seed="-3"' })).toHaveCount(1);
    await expect(alerts.filter({ hasText: 'scenario="nope"' })).toHaveCount(1);
    await expect(page.getByText(/ · seed \d+$/)).toHaveText('welcome · seed 1');
    await expect(page.locator('.speed-value')).toHaveText('0.035×');
    // The run goes on with the defaults: skip to its first election.
    await runToNextElection(page);
    await expect(leaders(page)).toHaveCount(1);
    await expect(servers(page)).toHaveCount(5);

    await alerts.filter({ hasText: 'seed="-3"' }).getByRole('button', { name: 'Dismiss' }).click();
    await expect(alerts).toHaveCount(2);
    await expect(alerts.filter({ hasText: 'seed="-3"' })).toHaveCount(0);
  });
});

test.describe('scenarios and layout', () => {
  test('figure-7 shows servers L and a–f, and L leads term 8 and repairs every log', async ({ page }) => {
    // L leads term 8 from 31 ms; its write of 400 ms is committed on every follower by 481 ms.
    await open(page, '?scenario=figure-7&paused=1&speed=1');
    await expect(servers(page)).toHaveCount(7);
    for (const id of ['L', 'a', 'b', 'c', 'd', 'e', 'f']) await expect(server(page, id)).toHaveCount(1);
    expect((await runToNextElection(page)).id).toBe('L');
    await runUntil(page, 0.6);
    await expect(leaders(page)).toHaveCount(1);
    await expect(page.getByRole('button', { name: /^L, leader, term 8,/ })).toBeVisible();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
      await expect(
        page
          .getByRole('list', { name: `${id} log` })
          .getByRole('listitem', { name: new RegExp(`^${id} index \\d+, term 8, committed$`) }),
      ).not.toHaveCount(0);
    }
  });

  test('a built-in scenario opened without a seed uses the scenario file’s own seed', async ({ page }) => {
    await open(page, '?scenario=figure-7&paused=1');
    await expect(page.getByText(/ · seed \d+$/)).toHaveText('figure-7 · seed 7');
  });

  test('phone layout at 360×740: the page fits the width and a server can be tapped', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await open(page, '?paused=1');
    await runToNextElection(page);
    await snap(page, 'phone-360x740');
    await snap(page, 'phone-360x740-full', true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await expect(page.getByRole('region', { name: 'Logs' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Event log' })).toBeVisible();

    const wrap = await page.getByRole('group', { name: 'Cluster' }).evaluate((svg) => {
      const r = svg.parentElement!.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    expect(wrap.height, 'height of the area the cluster is drawn in').toBeGreaterThan(250);
    await server(page, 'S2').click();
    await expect(inspector(page).getByRole('heading')).toHaveText('Inspector: S2');
  });
});

test.describe('the drawing', () => {
  test('clicking a message drawn on the canvas shows it in the Message region', async ({ page }) => {
    await openWithVotesLeaving(page);
    // S1 is at the top of the ring, (300, 90) in the drawing's 600×600 coordinates; the votes
    // to S3 and S4 leave from its lower edge (46 units below its centre), 7 units either side.
    const box = (await page.locator('.cluster-wrap').boundingBox())!;
    const scale = Math.min(box.width, box.height) / 600;
    const x = box.x + (box.width - 600 * scale) / 2 + 300 * scale;
    const y = box.y + (box.height - 600 * scale) / 2 + 140 * scale;
    await page.mouse.click(x, y);
    const panel = page.getByRole('region', { name: 'Message', exact: true });
    await expect(panel.getByRole('heading')).toHaveText(/^RequestVote #\d+$/);
    await expect(panel).toContainText('In flight.');
    // A click beside the messages reaches the drawing below: here, server S1.
    await page.mouse.click(x, box.y + (box.height - 600 * scale) / 2 + 90 * scale);
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toHaveText('Inspector: S1');
  });
});
