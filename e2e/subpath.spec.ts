/**
 * The production build works when served under a sub-path, as on GitHub Pages
 * (https://<user>.github.io/<repo>/): every asset, including the worker, is loaded
 * relative to the page.
 */
import { expect, test } from '@playwright/test';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { RUNNING } from './helpers';

const PREFIX = '/raft-visualizer/';
const dist = resolve(process.env.E2E_DIST ?? 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(PREFIX)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    const rel = normalize(url.pathname.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    const file = join(dist, rel);
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}${PREFIX}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the built site runs under a sub-path: page, styles and worker load, and a leader is elected', async ({
  page,
}) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?speed=0.3`);
  await expect(page.getByRole('button', { name: /^S\d, leader, term \d+/ })).toBeVisible(RUNNING);
  const background = await page.locator('.top').evaluate((el) => getComputedStyle(el).borderBottomStyle);
  expect(background).toBe('solid'); // the stylesheet loaded
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
