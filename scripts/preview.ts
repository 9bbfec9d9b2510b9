/**
 * For the page benchmarks: the built site served by `vite preview` on a port of its own, and
 * Chromium (Debian's where it is installed, else Playwright's own).
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Preview {
  readonly url: string;
  readonly browser: Browser;
  /** Closes the browser and stops the server. */
  close(): Promise<void>;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server at ${url}`);
}

/** Serves `dist` on `port` (build first) and launches a browser; throws if the server does not come up in 10 s. */
export async function startPreview(port: number): Promise<Preview> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForServer(url);
    const browser = await chromium.launch(
      existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] } : {},
    );
    return {
      url,
      browser,
      close: async () => {
        await browser.close();
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
