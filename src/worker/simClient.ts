/**
 * The page's side of the worker: starts it, sends commands, and keeps the virtual clock
 * between frames. Each animation frame moves the page's clock on by the elapsed time times
 * the speed; the worker is asked for a frame only when the clock reaches the next event
 * (or a quarter second has passed), and never while a frame is on its way. So at slow
 * speeds the page animates on its own and the worker is mostly idle. If the worker fails,
 * the error is shown and `restart` brings up a fresh one.
 */
import { applyFrame, setPageTime, setSimError, useSim } from '../store/simStore';
import type { Action, FromWorker, ToWorker } from './protocol';

export interface StartOptions {
  readonly seed: number | null;
  readonly scenario: string | null;
  readonly speed: number;
  readonly paused: boolean;
}

/** Ask the worker for a frame at least this often while running, even with no event due. */
const SYNC_MS = 250;

class SimClient {
  private worker: Worker | null = null;
  private waiting = false;
  private lastTick = 0;
  private lastSync = 0;
  /** Commands posted to the current worker, and how many had been posted at the last play, pause, step or speed change. */
  private posted = 0;
  private controlAt = 0;
  private raf = 0;
  private options: StartOptions | null = null;

  start(options: StartOptions): void {
    this.stop();
    this.options = options;
    const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.posted = 0;
    this.controlAt = 0;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'frame') {
        this.waiting = false;
        // A frame answering a command sent before the last play, pause, step or speed change
        // does not know of it: the page keeps its own running state and speed.
        applyFrame(msg.frame, msg.frame.handled >= this.controlAt);
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
      // A stalled tab does not leap ahead: at most 100 ms of wall time per frame.
      const wallMs = Math.min(Math.max(now - this.lastTick, 0), 100);
      this.lastTick = now;
      const s = useSim.getState();
      if (!this.worker || !s.running || !s.ready) return;
      const t = s.t + wallMs * s.speed;
      setPageTime(t);
      if (!this.waiting && (t >= s.nextEventAt || now - this.lastSync > SYNC_MS)) {
        this.lastSync = now;
        this.post({ type: 'advance', to: t });
      }
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
    if (msg.type === 'setSpeed') {
      if (this.options) this.options = { ...this.options, speed: msg.speed };
      // Take effect on the page at once, so a second key press builds on the first.
      useSim.setState({ speed: msg.speed });
    }
    if (msg.type === 'play') useSim.setState({ running: true });
    this.post(msg);
  }

  act(action: Action): void {
    this.send({ type: 'act', action, at: useSim.getState().t });
  }

  /** Stops the page's clock where it is and has the world catch up to exactly that time. */
  pause(): void {
    const { t } = useSim.getState();
    useSim.setState({ running: false });
    this.send({ type: 'pause', at: t });
  }

  /** Runs to the next event, from the time the page shows. */
  step(): void {
    const { t, running } = useSim.getState();
    useSim.setState({ running: false });
    this.send({ type: 'step', at: running ? t : null });
  }

  private post(msg: ToWorker): void {
    if (!this.worker) return;
    this.waiting = true;
    this.posted++;
    if (msg.type === 'play' || msg.type === 'pause' || msg.type === 'step' || msg.type === 'setSpeed') {
      this.controlAt = this.posted;
    }
    this.worker.postMessage(msg);
  }
}

export const sim = new SimClient();
