/**
 * The page's side of the worker: starts it, sends commands, and pulls one frame per
 * animation frame (a tick is sent only when the previous frame has arrived). If the
 * worker fails, the error is shown and `restart` brings up a fresh one.
 */
import { applyFrame, setSimError } from '../store/simStore';
import type { Action, FromWorker, ToWorker } from './protocol';

export interface StartOptions {
  readonly seed: number;
  readonly scenario: string | null;
  readonly speed: number;
  readonly paused: boolean;
}

class SimClient {
  private worker: Worker | null = null;
  private waiting = false;
  private lastTick = 0;
  private raf = 0;
  private options: StartOptions | null = null;

  start(options: StartOptions): void {
    this.stop();
    this.options = options;
    const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'frame') {
        this.waiting = false;
        applyFrame(msg.frame);
      } else {
        setSimError(msg.message);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      setSimError(e.message || 'The simulation stopped unexpectedly.');
      this.stop();
    };
    this.send({ type: 'init', ...options });
    this.lastTick = performance.now();
    const loop = (now: number) => {
      this.raf = requestAnimationFrame(loop);
      if (this.waiting || !this.worker) return;
      const wallMs = now - this.lastTick;
      this.lastTick = now;
      this.post({ type: 'tick', wallMs });
    };
    this.raf = requestAnimationFrame(loop);
  }

  /** Starts a fresh worker with the options of the last start, at the seed it had reached. */
  restart(seed?: number): void {
    if (this.options) this.start({ ...this.options, ...(seed === undefined ? {} : { seed }) });
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.worker?.terminate();
    this.worker = null;
    this.waiting = false;
  }

  send(msg: ToWorker): void {
    if (msg.type === 'setSpeed' && this.options) this.options = { ...this.options, speed: msg.speed };
    this.post(msg);
  }

  act(action: Action): void {
    this.send({ type: 'act', action });
  }

  private post(msg: ToWorker): void {
    if (!this.worker) return;
    this.waiting = true;
    this.worker.postMessage(msg);
  }
}

export const sim = new SimClient();
