/**
 * The layout (issue 12, items 1 to 3), measured in the browser as people see it:
 *
 * - presentation mode is a stage: at 1280×720 and 1920×1080, at every step of a narration, the
 *   server ids, their role and term, the log cells' term and command and the messages' labels
 *   are drawn at least as large as a lecture hall needs, and every log row and every entry the
 *   narration highlights is on the screen (Figure 8, and a 3- and a 9-server cluster opened as
 *   scenario files);
 * - the everyday page keeps the cluster and the logs above the fold, and what opens on demand
 *   opens in view;
 * - the phone has its controls in a bar at the bottom, the cluster first, the narration and
 *   the logs one swipe below, and a tap leaves no focus box behind.
 *
 * It also saves the screenshots of the issue (light and dark) to e2e/screenshots/layout-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { MESSAGE_FONT } from '../src/view/cluster/livePaint';
import { downloadText, expect, open, server, servers, snap, test } from './helpers';
import { narrationClocks } from './narrationClocks';

interface Step {
  readonly title: string;
  readonly ask?: { readonly question: string };
  readonly highlight: {
    readonly nodes?: readonly string[];
    readonly entries?: readonly { readonly node: string; readonly index: number }[];
  };
}
interface ScenarioFile {
  readonly name: string;
  readonly nodes?: readonly string[];
  readonly narration: readonly Step[];
}

const read = (path: string): { path: string; text: string; scenario: ScenarioFile; clocks: string[] } => {
  const text = readFileSync(path, 'utf8');
  const scenario = JSON.parse(text) as ScenarioFile;
  return { path, text, scenario, clocks: narrationClocks(scenario) };
};
const FIGURE_8 = read('src/sim/scenario/builtIn/figure-8-overwritten.json');
const THREE = read('e2e/fixtures/three-servers.json');
const NINE = read('e2e/fixtures/nine-servers.json');

/** The least sizes, in CSS pixels, for a lecture hall (issue 12, item 1). */
const LEAST = { id: 28, roleTerm: 20, cell: 18, message: 14 };

/** Opens a scenario: a built-in by its name in the address, any other through "Open scenario". */
async function openScenario(page: Page, file: typeof FIGURE_8): Promise<void> {
  if (file === FIGURE_8) {
    await open(page, `?scenario=${file.scenario.name}&paused=1`);
    return;
  }
  await open(page, '?paused=1');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open scenario' }).click(),
  ]);
  await chooser.setFiles({
    name: `${file.scenario.name}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(file.text),
  });
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('(opened)');
  await expect(servers(page)).toHaveCount(file.scenario.nodes!.length);
}

interface Measured {
  /** The smallest rendered size of each kind of text, in CSS pixels. */
  readonly id: number;
  readonly role: number;
  readonly term: number;
  readonly cellTerm: number;
  readonly cellCommand: number;
  readonly message: number;
  readonly cells: number;
  /** What is not wholly on the screen (should be nothing). */
  readonly outside: string[];
}

/**
 * Measures what the page shows: the rendered size of every server's id, role and term (font
 * size times the drawing's scale on screen), of every log cell's term and command, of the
 * messages' labels (the painter's size times the drawing's scale), and lists every server,
 * log row, the narration and each entry the narration highlights that is not wholly inside the
 * viewport (an entry also inside its row's scrolled view).
 */
async function measure(page: Page): Promise<Measured> {
  return page.evaluate((messageFont) => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const outside: string[] = [];
    const within = (what: string, r: DOMRect, box = { left: 0, top: 0, right: vw, bottom: vh }) => {
      if (r.width === 0 || r.height === 0) outside.push(`${what} (not drawn)`);
      else if (
        r.left < box.left - 0.5 ||
        r.top < box.top - 0.5 ||
        r.right > box.right + 0.5 ||
        r.bottom > box.bottom + 0.5
      )
        outside.push(
          `${what} at ${r.left.toFixed(0)},${r.top.toFixed(0)}–${r.right.toFixed(0)},${r.bottom.toFixed(0)}`,
        );
    };
    /** A text's size on screen: its font size, times the scale of the drawing it is in. */
    const onScreen = (el: Element) => {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (!(el instanceof SVGGraphicsElement)) return size;
      const m = el.getScreenCTM()!;
      return size * Math.hypot(m.a, m.b);
    };
    /** The smallest size of these texts (Infinity for none: an empty log has no cells). */
    const least = (els: Element[]) => Math.min(Infinity, ...els.map(onScreen));
    const label = (el: Element) => el.getAttribute('aria-label') ?? '';

    const nodes = [...document.querySelectorAll('[role="button"][aria-label]')].filter((el) =>
      /^\w+, (follower|candidate|leader|crashed|pre-candidate), term \d+/.test(label(el)),
    );
    const ids: Element[] = [];
    const terms: Element[] = [];
    const roles: Element[] = [];
    for (const n of nodes) {
      const [id, role] = label(n).split(', ');
      const texts = [...n.querySelectorAll('text')];
      const idText = texts.find((t) => t.textContent === id);
      const termText = texts.find((t) => /^term \d+$/.test(t.textContent ?? ''));
      const roleText = texts.find((t) => t.firstChild?.textContent === role);
      if (!idText || !termText || !roleText) throw new Error(`${id}: id, term or role not drawn`);
      ids.push(idText);
      terms.push(termText);
      roles.push(roleText);
      within(`server ${id}`, idText.getBoundingClientRect());
      within(`role of ${id}`, roleText.getBoundingClientRect());
    }

    const cellTerms: Element[] = [];
    const cellCommands: Element[] = [];
    const logs = [...document.querySelectorAll('ol[aria-label$=" log"]')].filter(
      (l) => l.getAttribute('aria-label') !== 'Event log',
    );
    for (const list of logs) {
      const row = list.parentElement!;
      within(`log row ${label(list)}`, row.getBoundingClientRect());
      const view = list.getBoundingClientRect();
      for (const item of list.querySelectorAll('li[aria-label]')) {
        const term = /term (\d+)/.exec(label(item))?.[1];
        const termText = item.querySelector('.cell-term');
        const command = item.querySelector('.cell-label');
        if (!termText || termText.textContent !== term || !command?.textContent)
          throw new Error(`${label(item)}: term or command not shown`);
        cellTerms.push(termText);
        cellCommands.push(command);
        if (label(item).endsWith('highlighted by the narration')) {
          within(label(item), item.getBoundingClientRect());
          within(`${label(item)} (in its row's view)`, item.getBoundingClientRect(), view);
        }
      }
    }
    const narration = document.querySelector('[aria-label="Narration"] h3');
    if (narration) within('the narration step', narration.getBoundingClientRect());

    const drawing = document.querySelector('svg[aria-label="Cluster"]')!.parentElement!.getBoundingClientRect();
    const scale = Math.min(drawing.width, drawing.height) / 600;
    return {
      id: least(ids),
      role: least(roles),
      term: least(terms),
      cellTerm: least(cellTerms),
      cellCommand: least(cellCommands),
      message: messageFont * scale,
      cells: cellTerms.length,
      outside,
    };
  }, MESSAGE_FONT);
}

/** Waits until the page shows narration step i (0-based) of the scenario at its moment, highlights included. */
async function expectStep(page: Page, file: typeof FIGURE_8, i: number, logsShown = true): Promise<void> {
  const steps = file.scenario.narration;
  const step = steps[i]!;
  const narration = page.getByRole('region', { name: 'Narration' });
  await expect(narration.getByRole('heading', { name: step.title, exact: true })).toBeVisible();
  await expect(narration).toContainText(`Step ${i + 1} of ${steps.length}`);
  // The words show at once; the run is at the step's moment once the worker has gone there.
  await expect(page.getByRole('timer', { name: 'Virtual time' })).toHaveText(file.clocks[i]!);
  for (const id of step.highlight.nodes ?? [])
    await expect(server(page, id)).toHaveAccessibleName(/highlighted by the narration$/);
  for (const e of logsShown ? (step.highlight.entries ?? []) : [])
    await expect(
      page
        .getByRole('list', { name: `${e.node} log` })
        .getByRole('listitem', { name: new RegExp(`^${e.node} index ${e.index}, .*highlighted by the narration$`) }),
    ).toBeVisible();
}

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

test.describe('presentation mode is a stage', () => {
  for (const file of [FIGURE_8, THREE, NINE]) {
    for (const viewport of VIEWPORTS) {
      test(`${file.scenario.name} at ${viewport.width}×${viewport.height}: large type and everything on screen at every narration step`, async ({
        page,
      }, testInfo) => {
        await page.setViewportSize(viewport);
        await openScenario(page, file);
        await page.keyboard.press('p');
        const toggle = page.getByRole('button', { name: 'Presentation mode' });
        await expect(toggle).toHaveAttribute('aria-pressed', 'true');
        // The strip is all that is left of the page's controls.
        await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeHidden();
        await expect(page.getByRole('slider', { name: 'Timeline' })).toBeHidden();
        await expect(page.getByRole('button', { name: 'Client write' })).toBeHidden();
        await expect(page.getByRole('region', { name: 'Messages in flight' })).toBeHidden();

        const next = page.getByRole('button', { name: 'Next', exact: true });
        const steps = file.scenario.narration;
        const rows: string[] = [];
        let cells = 0;
        for (let i = 0; i < steps.length; i++) {
          await next.click();
          if (steps[i]!.ask) {
            await expect(page.getByRole('region', { name: 'Narration' })).toContainText(steps[i]!.ask!.question);
            await next.click();
          }
          await expectStep(page, file, i);
          const m = await measure(page);
          rows.push(
            `step ${i + 1}: id ${m.id.toFixed(1)}, role ${m.role.toFixed(1)}, term ${m.term.toFixed(1)}, ` +
              `cell term ${m.cells ? m.cellTerm.toFixed(1) : '–'}, command ${m.cells ? m.cellCommand.toFixed(1) : '–'}, message ${m.message.toFixed(1)} px`,
          );
          const at = `${file.scenario.name}, step ${i + 1} (${steps[i]!.title})`;
          expect(m.outside, `${at}: not wholly on the screen`).toEqual([]);
          expect(m.id, `${at}: server ids`).toBeGreaterThanOrEqual(LEAST.id);
          expect(m.role, `${at}: roles`).toBeGreaterThanOrEqual(LEAST.roleTerm);
          expect(m.term, `${at}: terms`).toBeGreaterThanOrEqual(LEAST.roleTerm);
          cells = Math.max(cells, m.cells);
          expect(m.cellTerm, `${at}: log cells' terms`).toBeGreaterThanOrEqual(LEAST.cell);
          expect(m.cellCommand, `${at}: log cells' commands`).toBeGreaterThanOrEqual(LEAST.cell);
          expect(m.message, `${at}: messages' labels`).toBeGreaterThanOrEqual(LEAST.message);
        }
        await expect(next).toBeDisabled();
        expect(cells, 'log cells measured at some step').toBeGreaterThan(0);
        await testInfo.attach('sizes', { body: rows.join('\n'), contentType: 'text/plain' });
        console.log(`${file.scenario.name} ${viewport.width}×${viewport.height}\n${rows.join('\n')}`);
      });
    }
  }

  test('a link from the slides with present=1 opens in presentation mode', async ({ page }) => {
    await open(page, '?scenario=figure-8-overwritten&paused=1&present=1');
    await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Share and export' })).toBeVisible();
  });

  test('the strip keeps Share and the picture exports in a menu, and the button shows that it is on', async ({
    page,
  }) => {
    await open(page, '?scenario=figure-8-overwritten&paused=1');
    const toggle = page.getByRole('button', { name: 'Presentation mode' });
    const off = await toggle.evaluate((el) => getComputedStyle(el).backgroundColor);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await toggle.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(off);
    await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeHidden();
    const menu = page.getByRole('button', { name: 'Share and export' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    const tools = page.getByRole('toolbar', { name: 'Session' });
    for (const name of ['Share', 'Export SVG', 'Export PNG', 'Export session', 'Open scenario', 'Keys ?'])
      await expect(tools.getByRole('button', { name, exact: true })).toBeVisible();
    const svg = await downloadText(page, () => tools.getByRole('button', { name: 'Export SVG' }).click());
    expect(svg.name).toMatch(/^raft-figure-8-overwritten-seed8-t\d+\.svg$/);
    await expect(tools).toBeHidden(); // a chosen item closes the menu
    // Escape closes an open menu and leaves presentation mode on; a second Escape leaves it.
    await menu.click();
    await expect(tools).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tools).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
  });
});

test.describe('?embed=1', () => {
  test('with narration=1 the narration shows beside the cluster and walks through the run', async ({ page }) => {
    await open(page, '?scenario=figure-8-overwritten&paused=1&embed=1&narration=1');
    const narration = page.getByRole('region', { name: 'Narration' });
    await expect(narration).toBeVisible();
    await expect(page.getByRole('region', { name: 'Logs' })).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeHidden();
    await narration.getByRole('button', { name: 'Next', exact: true }).click();
    await expectStep(page, FIGURE_8, 0, false);
    await snap(page, 'layout-embed-narration');
    await open(page, '?scenario=figure-8-overwritten&paused=1&embed=1');
    await expect(page.getByRole('region', { name: 'Narration' })).toBeHidden();
  });
});

/** Every log row's and the cluster's bottom edge, against the height of the window. */
async function aboveTheFold(page: Page): Promise<{ cluster: number; logs: number[]; height: number }> {
  return page.evaluate(() => ({
    cluster: document.querySelector('svg[aria-label="Cluster"]')!.parentElement!.getBoundingClientRect().bottom,
    logs: [...document.querySelectorAll('ol[aria-label$=" log"]')]
      .filter((l) => l.getAttribute('aria-label') !== 'Event log')
      .map((l) => l.parentElement!.getBoundingClientRect().bottom),
    height: window.innerHeight,
  }));
}

/** Whether an element is wholly inside the window. */
async function inView(page: Page, name: string, role: 'region' = 'region'): Promise<boolean> {
  return wholeInView(page.getByRole(role, { name, exact: true }));
}

/** Whether the element is drawn wholly inside the window and not scrolled out of its panel. */
async function wholeInView(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (!(r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0))
      return false;
    // Not hidden by a scrolled ancestor either.
    for (let a = el.parentElement; a; a = a.parentElement) {
      const box = a.getBoundingClientRect();
      if (a.scrollHeight > a.clientHeight && (r.top < box.top || r.bottom > box.bottom)) return false;
    }
    return true;
  });
}

test.describe('the everyday page', () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    test(`at ${viewport.width}×${viewport.height} the cluster and every log are above the fold, and what opens on demand opens in view`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await open(page, '?scenario=figure-8-overwritten&paused=1');
      const next = page.getByRole('region', { name: 'Narration' }).getByRole('button', { name: 'Next', exact: true });
      await next.click();
      await next.click();
      await expectStep(page, FIGURE_8, 1);
      const fold = await aboveTheFold(page);
      expect(fold.logs).toHaveLength(5);
      expect(Math.max(fold.cluster, ...fold.logs), 'lowest of the cluster and the log rows').toBeLessThanOrEqual(
        fold.height,
      );
      const drawing = await page.getByRole('group', { name: 'Cluster' }).evaluate((el) => {
        const r = el.parentElement!.getBoundingClientRect();
        return Math.min(r.width, r.height);
      });
      expect(drawing, 'the side of the cluster drawing').toBeGreaterThanOrEqual(viewport.height * 0.6);

      // A server clicked: its Inspector, beside the cluster.
      await server(page, 'S2').click();
      await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toHaveText('Inspector: S2');
      // Its heading and actions in view; the controls beside it did not scroll away (a person
      // selects a server to act on it).
      const inspector = page.getByRole('region', { name: 'Inspector' });
      expect(await wholeInView(inspector.getByRole('heading'))).toBe(true);
      expect(await wholeInView(inspector.getByRole('button', { name: 'Crash', exact: true }))).toBe(true);
      expect(await wholeInView(page.getByRole('button', { name: 'Client write', exact: true }))).toBe(true);
      // A log entry clicked: why it is there.
      await page.getByRole('button', { name: /^S1 index 2, term 2, uncommitted/ }).click();
      await expect(page.getByRole('region', { name: 'Why did this happen' })).toBeVisible();
      expect(await inView(page, 'Why did this happen')).toBe(true);
      // A message chosen in the list: the message, in view (the list itself may be below the fold).
      await page.getByRole('list', { name: 'Messages in flight' }).getByRole('button').first().click();
      await expect(page.getByRole('region', { name: 'Message', exact: true })).toBeVisible();
      await expect.poll(() => inView(page, 'Message')).toBe(true);
    });
  }
});

test.describe('the phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('a bar at the bottom moves the run; the cluster comes first, the narration and the logs one swipe below; a tap leaves no focus box', async ({
    page,
  }) => {
    await open(page, '?scenario=figure-8-overwritten&paused=1');
    const bar = page.getByRole('toolbar', { name: 'Playback' });
    const next = bar.getByRole('button', { name: 'Next', exact: true });
    const controls = [
      bar.getByRole('button', { name: 'Play', exact: true }),
      bar.getByRole('button', { name: 'Step', exact: true }),
      bar.getByRole('button', { name: 'Back', exact: true }),
      next,
    ];
    const atTheBottom = async () => {
      for (const c of controls) {
        const r = (await c.boundingBox())!;
        expect(r.y + r.height).toBeLessThanOrEqual(740);
        expect(r.y).toBeGreaterThan(740 - 80);
      }
    };
    await atTheBottom();
    // Nothing in the bar is cut: every label whole, Play as Pause too, the clock on one line.
    const whole = async () => {
      for (const c of controls) expect(await c.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const clock = page.getByRole('timer', { name: 'Virtual time' });
      expect(
        await clock.evaluate((el) => el.getBoundingClientRect().height < parseFloat(getComputedStyle(el).fontSize) * 2),
      ).toBe(true);
    };
    await whole();
    await controls[0]!.tap();
    const pause = bar.getByRole('button', { name: 'Pause', exact: true });
    expect(await pause.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await pause.tap();
    await expect(controls[0]!).toBeVisible();
    await whole();
    await next.tap();
    await expectStep(page, FIGURE_8, 0);

    const top = (name: string) =>
      page.getByRole('region', { name, exact: true }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const cluster = await top('Cluster view');
    const narration = await top('Narration');
    const logs = await top('Logs');
    expect(cluster, 'the cluster comes first').toBeLessThan(100);
    expect(narration).toBeGreaterThan(cluster);
    expect(Math.max(narration, logs), 'the narration and the logs start within one screen').toBeLessThan(740 + 200);
    // The bar stays at the bottom while the page scrolls.
    await page.getByRole('region', { name: 'Logs' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await atTheBottom();
    await page.evaluate(() => window.scrollTo(0, 0));

    // A tapped server is selected, with its Inspector, and shows no keyboard focus box.
    await server(page, 'S2').tap();
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toHaveText('Inspector: S2');
    expect(await server(page, 'S2').evaluate((el) => el.matches(':focus-visible'))).toBe(false);
    expect(await server(page, 'S2').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    // A tapped link between two servers (it opens the link's menu): no focus box on it.
    const link = page.getByRole('button', { name: /^Link S1–S2,/ });
    await link.tap();
    expect(await link.evaluate((el) => el.matches(':focus-visible'))).toBe(false);
    expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    await page.keyboard.press('Escape');
    // A tapped control: no focus box either.
    await next.tap();
    await expectStep(page, FIGURE_8, 1);
    expect(await next.evaluate((el) => el.matches(':focus-visible'))).toBe(false);
    expect(await next.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  });
});

test.describe('screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the layouts in ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const stepTo = async (n: number, next: () => Promise<void>) => {
        for (let i = 0; i < n; i++) {
          await next();
          if (FIGURE_8.scenario.narration[i]!.ask) await next();
          await expectStep(page, FIGURE_8, i);
        }
      };
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, '?scenario=figure-8-overwritten&paused=1');
      await page.keyboard.press('p');
      await stepTo(3, () => page.getByRole('button', { name: 'Next', exact: true }).click());
      await snap(page, `layout-presentation-1280x720-${scheme}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await snap(page, `layout-presentation-1920x1080-${scheme}`);

      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, '?scenario=figure-8-overwritten&paused=1');
      const narration = page.getByRole('region', { name: 'Narration' });
      await stepTo(3, () => narration.getByRole('button', { name: 'Next', exact: true }).click());
      await snap(page, `layout-everyday-1280x720-${scheme}`);
      await page.setViewportSize({ width: 1440, height: 900 });
      await server(page, 'S1').click();
      await snap(page, `layout-everyday-1440x900-${scheme}`);

      await page.setViewportSize({ width: 360, height: 740 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await snap(page, `layout-phone-360x740-${scheme}`);
    });
  }
});
