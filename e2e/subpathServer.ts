/**
 * A static server for the production build under a sub-path, as GitHub Pages serves it
 * (https://<user>.github.io/<repo>/), on 127.0.0.1 (a secure context, so service workers run).
 * It counts the requests that reach it, can stop answering (the hall's network is down), and can
 * serve the service worker with a changed byte (a new version of the site was deployed).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const PREFIX = '/raft-visualizer/';

const TYPES = new Map([
  ['.html', 'text/html'],
  ['.js', 'text/javascript'],
  ['.css', 'text/css'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.webmanifest', 'application/manifest+json'],
]);

export interface SubpathServer {
  /** The site's address, ending in PREFIX. */
  base: string;
  /** The paths of the requests that reached the server (answered or, while down, refused), in order. */
  requests: string[];
  /** While true, every request is refused at the socket, as with no network. */
  down: boolean;
  /** Deploys "a new version": sw.js is served with this many bytes appended (0: as built). */
  version: number;
  close(): Promise<void>;
}

/** Serves `dist` (default E2E_DIST or dist/) under PREFIX on a free port of 127.0.0.1. */
export async function serveUnderSubpath(dist = resolve(process.env.E2E_DIST ?? 'dist')): Promise<SubpathServer> {
  const state = { requests: [] as string[], down: false, version: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requests.push(url.pathname);
    if (state.down) {
      req.socket.destroy();
      return;
    }
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
    res.writeHead(200, { 'content-type': TYPES.get(extname(file)) ?? 'application/octet-stream' });
    if (rel === 'sw.js' && state.version > 0) res.end(`${readFileSync(file, 'utf8')}\n// version ${state.version}\n`);
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return Object.assign(state, {
    base: `http://127.0.0.1:${address.port}${PREFIX}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  });
}
