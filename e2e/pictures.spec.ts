/**
 * Pictures: Export SVG and Export PNG download a picture of the moment the cluster view shows,
 * drawn from the simulation's view (not scraped from the page).
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { eventLines, expect, expectEvent, open, serverStates, test, virtualTime, waitForLeader } from './helpers';

const FIVE = ['S1', 'S2', 'S3', 'S4', 'S5'];

async function download(page: Page, name: 'Export SVG' | 'Export PNG'): Promise<Download> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name, exact: true }).click();
  return waiting;
}

/** Changes whenever the event log gains a line. */
async function eventLogKey(page: Page): Promise<string> {
  const lines = eventLines(page);
  return `${await lines.count()}|${await lines.last().textContent()}`;
}

/** basic-election, paused with a leader, a few writes in its log and messages in flight. */
async function aMomentWithALeader(page: Page): Promise<void> {
  await open(page, '?scenario=basic-election&paused=1');
  await page.getByRole('button', { name: 'Run to next election', exact: true }).click();
  await waitForLeader(page);
  const write = page.getByRole('button', { name: 'Client write', exact: true });
  await write.click();
  await write.click();
  // Both writes answered before the log is watched: a line of theirs must not pass for a delivery's.
  await expectEvent(page, 'client writes c2', 1);
  // Deliver messages one by one until some entries are committed and some are not yet.
  const delivery = page.getByRole('button', { name: 'Next delivery', exact: true });
  const entries = (state: string) =>
    page.getByRole('button', { name: new RegExp(`^S\\d index \\d+, term \\d+, ${state}$`) });
  for (let i = 0; i < 60; i++) {
    if ((await entries('committed').count()) > 0 && (await entries('uncommitted').count()) > 0) break;
    const before = await eventLogKey(page);
    await delivery.click();
    await expect.poll(() => eventLogKey(page)).not.toBe(before);
  }
  await expect(entries('committed').first()).toBeVisible();
  await expect(entries('uncommitted').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Messages in flight' }).getByRole('button').first()).toBeVisible();
}

test('Export SVG and Export PNG download a picture of the moment shown', async ({ page }) => {
  await aMomentWithALeader(page);
  const states = await serverStates(page);
  expect(states.map((s) => s.id)).toEqual(FIVE);
  const t = await virtualTime(page);
  const inFlight = Number(
    /\((\d+)\)/.exec((await page.getByRole('heading', { name: /^Messages in flight/ }).textContent()) ?? '')?.[1],
  );
  expect(inFlight).toBeGreaterThan(0);

  const svgDownload = await download(page, 'Export SVG');
  const svgName = svgDownload.suggestedFilename();
  expect(svgName).toMatch(/^raft-basic-election-seed1-t\d+\.svg$/);
  expect(Math.abs(Number(/-t(\d+)\./.exec(svgName)![1]) - t * 1000)).toBeLessThanOrEqual(1);
  const svg = await readFile(await svgDownload.path(), 'utf8');
  expect(svg).toMatch(/^<\?xml [^>]*\?>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  for (const s of states) {
    expect(svg).toContain(`<title>${s.id}, ${s.role}, term ${s.term}</title>`);
    expect(svg).toContain(`>${s.id}</text>`);
  }
  expect(svg).toContain('>leader</tspan>');
  expect(svg).toMatch(/basic-election · seed 1 · t = [\d.]+ ms/);
  // Every message in flight is drawn, and the browser's own XML parser accepts the document.
  expect(svg.match(/<g class="msg /g)).toHaveLength(inFlight);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.localName,
      texts: doc.getElementsByTagName('text').length,
    };
  }, svg);
  expect(parsed.errors).toBe(0);
  expect(parsed.root).toBe('svg');
  expect(parsed.texts).toBeGreaterThan(30);

  const pngDownload = await download(page, 'Export PNG');
  expect(pngDownload.suggestedFilename()).toBe(svgName.replace(/\.svg$/, '.png'));
  const png = await readFile(await pngDownload.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: twice the SVG's size.
  const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  expect(png.readUInt32BE(16)).toBe(2 * w!);
  expect(png.readUInt32BE(20)).toBe(2 * h!);
  expect(png.length).toBeGreaterThan(40_000);
  expect(png.length).toBeLessThan(5_000_000);
  await pngDownload.saveAs('e2e/screenshots/picture-export.png');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a PNG that cannot be made is reported on the page, not thrown', async ({ page }) => {
  await open(page, '?scenario=basic-election&paused=1');
  await page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) {
      callback(null);
    };
  });
  await page.getByRole('button', { name: 'Export PNG', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not export the PNG picture' })).toBeVisible();
  // The page goes on working.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export PNG', exact: true })).toBeEnabled();
});
