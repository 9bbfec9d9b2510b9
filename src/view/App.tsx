import { useEffect } from 'react';
import { useSimStore } from '../store/simStore';
import type { FromWorker, ToWorker } from '../worker/protocol';

function seedFromUrl(): number {
  const raw = new URLSearchParams(location.search).get('seed');
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : 1;
}

/** A first, minimal view: the cluster's servers as the worker reports them. */
export function App() {
  const frame = useSimStore((s) => s.frame);
  const error = useSimStore((s) => s.error);

  useEffect(() => {
    const worker = new Worker(new URL('../worker/simWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'frame') useSimStore.getState().setFrame(e.data.frame);
      else useSimStore.getState().setError(e.data.message);
    };
    worker.onerror = (e) => useSimStore.getState().setError(e.message || 'the simulation stopped');
    const start: ToWorker = { type: 'start', seed: seedFromUrl(), speed: 0.1, paused: false };
    worker.postMessage(start);
    return () => worker.terminate();
  }, []);

  return (
    <main className="app">
      <h1>Raft visualizer</h1>
      <p>Five Raft servers in a deterministic simulated network. The full interactive view is on its way.</p>
      {error !== null && <p role="alert">{error}</p>}
      <p aria-live="off">
        {frame ? `Virtual time ${(frame.t / 1000).toFixed(1)} s, ${frame.seq} events` : 'Starting…'}
      </p>
      <ul className="nodes">
        {frame?.nodes.map((n) => (
          <li key={n.id}>
            <button type="button" aria-label={`${n.id}, ${n.up ? n.role : 'crashed'}, term ${n.term}`}>
              <strong>{n.id}</strong> {n.up ? n.role : 'crashed'} · term {n.term} · log {n.logLength} · committed{' '}
              {n.commitIndex}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
