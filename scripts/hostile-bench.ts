/**
 * Opens the worst session a link may carry (test-support/hostileSession.ts) as the page does:
 * the link decoded and validated, then replayed to its head as the worker replays it. Prints
 * the wall time, the peak heap and the heap the replayed session keeps, for each kind of worst
 * session. No assertion: numbers.
 * Usage: npm run bench:hostile
 */
import { decodeSession, encodeSession } from '../src/share/sessionLink';
import { replaySession } from '../src/debug/sessionReplay';
import { hostileSession, type HostileKind } from '../test-support/hostileSession';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

async function measure(kind: HostileKind): Promise<void> {
  const session = hostileSession(undefined, kind);
  const link = await encodeSession(session);
  gc!();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const start = performance.now();
  const decoded = await decodeSession(link);
  if (!decoded.ok) throw new Error(decoded.errors.join('\n'));
  const s = decoded.value;
  if (s.scenario.kind !== 'inline') throw new Error('expected an inline scenario');
  const r = replaySession(
    { scenario: s.scenario.scenario, seed: s.seed, inputs: s.inputs, head: s.head, moment: s.moment },
    (p) => {
      if (p.seq % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    },
  );
  const ms = performance.now() - start;
  const inFlight = r.ok ? r.history.world.inFlight().length : null;
  gc!();
  const kept = process.memoryUsage().heapUsed - base;
  console.log(
    JSON.stringify({
      kind,
      ok: r.ok,
      events: s.head.seq,
      virtualMs: s.head.t,
      linkChars: link.length,
      openMs: Math.round(ms),
      peakHeapMB: Math.round(Math.max(peak, kept) / 1e6),
      keptHeapMB: Math.round(kept / 1e6),
      inFlightAtHead: inFlight,
    }),
  );
}

await measure('held');
await measure('writes');
