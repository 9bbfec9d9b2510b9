/**
 * The page's side of the worker: starts it, sends commands, and keeps the virtual clock
 * between frames. Each animation frame moves the page's clock on by the elapsed time times
 * the speed; the worker is asked for a frame only when the clock reaches the next event
 * (or a quarter second has passed), and never while a frame is on its way. So at slow
 * speeds the page animates on its own and the worker is mostly idle. If the worker fails,
 * the error is shown and `restart` brings up a fresh one.
 */
import { applyFrame, setPageTime, setSimError, useClock, useSim } from './simStore';
import { ui } from './uiStore';
import type { Action, Breakpoints, FromWorker, Reply, Request, SessionLoad, ToWorker } from '../worker/protocol';
import type { Extensions } from '../raft/types';

/** Commands after which a frame answering an older command no longer speaks for the page's state. */
const CONTROLS: ReadonlySet<ToWorker['type']> = new Set([
  'play',
  'pause',
  'step',
  'setSpeed',
  'seek',
  'stepBack',
  'runTo',
  'switchBranch',
  'load',
  'request',
  'narrate',
]);

export interface StartOptions {
  readonly seed: number | null;
  readonly scenario: string | null;
  readonly speed: number;
  readonly paused: boolean;
  /** Free play's number of servers (1 to 9); null: five. */
  readonly nodes: number | null;
  /** PreVote and CheckQuorum to set as the run starts (the address's preVote=1, checkQuorum=1); empty: the scenario's. */
  readonly options: Partial<Extensions>;
  /** A shared session to open (null: the scenario from its start). */
  readonly load: SessionLoad | null;
}

/** Ask the worker for a frame at least this often while running, even with no event due. */
const SYNC_MS = 250;
/** The page's clock (and so the picture) moves once per this much virtual time... */
const REDRAW_VIRTUAL_MS = 1;
/** ...but no more often than 60 and no less often than 20 times a second. */
const MIN_REDRAW_MS = 1000 / 60;
const MAX_REDRAW_MS = 1000 / 20;

class SimClient {
  private worker: Worker | null = null;
  private waiting = false;
  private lastTick = 0;
  private lastSync = 0;
  /** Commands posted to the current worker, and how many had been posted at the last play, pause, step or speed change. */
  private posted = 0;
  private controlAt = 0;
  private raf = 0;
  private sleep: ReturnType<typeof setTimeout> | undefined;
  private options: StartOptions | null = null;
  /** A seek asked for while the worker was busy: only the latest is sent, when it is free. */
  private pendingSeek: number | null = null;
  private breakpoints: Breakpoints | null = null;
  private nextRequest = 1;
  /** Waiting for a session to open: told true by its fresh frame, false if it did not replay. */
  private opening: ((opened: boolean) => void) | null = null;
  private readonly replies = new Map<number, (reply: Reply) => void>();

  start(options: StartOptions): void {
    this.stop();
    this.options = options;
    const worker = new Worker(new URL('../worker/simWorker.ts', import.meta.url), { type: 'module' });
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
        if (msg.frame.fresh) this.settleOpening(true);
        if (this.pendingSeek !== null) {
          const t = this.pendingSeek;
          this.pendingSeek = null;
          this.post({ type: 'seek', t });
        }
      } else if (msg.type === 'reply') {
        this.replies.get(msg.id)?.(msg.reply);
        this.replies.delete(msg.id);
      } else if (msg.type === 'loadFailed') {
        ui.notify(msg.message);
        this.settleOpening(false);
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
    if (this.breakpoints) this.send({ type: 'setBreakpoints', breakpoints: this.breakpoints });
    this.lastTick = performance.now();
    const loop = (now: number) => {
      // The picture is redrawn once per virtual millisecond, between 20 and 60 times a
      // second: a message (10–25 virtual ms on the wire) always crosses in a dozen or more
      // steps, and slow speeds cost a third of the rendering of redrawing at 60. Between
      // redraws the page sleeps on a timer rather than waking on every animation frame.
      const redrawMs = Math.min(MAX_REDRAW_MS, Math.max(MIN_REDRAW_MS, REDRAW_VIRTUAL_MS / useSim.getState().speed));
      const next = () => (this.raf = requestAnimationFrame(loop));
      if (redrawMs > MIN_REDRAW_MS + 4) {
        clearTimeout(this.sleep);
        this.sleep = setTimeout(next, redrawMs - MIN_REDRAW_MS - 4);
      } else next();
      // A stalled tab does not leap ahead: at most 100 ms of wall time per frame.
      const wallMs = Math.min(Math.max(now - this.lastTick, 0), 100);
      this.lastTick = now;
      const s = useSim.getState();
      if (!this.worker || !s.running || !s.ready) return;
      const t = useClock.getState().t + wallMs * s.speed;
      setPageTime(t);
      if (!this.waiting && (t >= s.nextEventAt || now - this.lastSync > SYNC_MS)) {
        this.lastSync = now;
        this.post({ type: 'advance', to: t });
      }
    };
    this.raf = requestAnimationFrame(loop);
  }

  /**
   * Starts a run afresh at the current speed: a built-in scenario with its own seed, or (null)
   * free play with `nodes` servers (null: five). `options`: PreVote and CheckQuorum to set as
   * it starts (empty: the scenario's own).
   */
  load(scenario: string | null, nodes: number | null = null, options: Partial<Extensions> = {}): void {
    if (!this.options) return;
    const speed = useSim.getState().speed;
    this.start({ ...this.options, scenario, nodes, options, seed: null, speed, load: null });
  }

  /**
   * Opens a shared session in place of this one; if it does not replay, an alert says why
   * and nothing changes. Resolves with whether it opened.
   */
  open(load: SessionLoad): Promise<boolean> {
    this.settleOpening(false);
    useSim.setState({ running: false });
    return new Promise((resolve) => {
      this.opening = (opened) => {
        // A restart after a failure of the worker reopens the session that is on the page.
        if (opened && this.options) this.options = { ...this.options, load };
        resolve(opened);
      };
      this.send({ type: 'load', load });
    });
  }

  private settleOpening(opened: boolean): void {
    const resolve = this.opening;
    this.opening = null;
    resolve?.(opened);
  }

  /** Goes to a narration step's moment (paused). */
  narrate(index: number): void {
    useSim.setState({ running: false });
    this.send({ type: 'narrate', index });
  }

  /** Asks the worker about the session (pausing it first); resolves with its answer. */
  request(request: Request): Promise<Reply> {
    const id = this.nextRequest++;
    const { t } = useClock.getState();
    const { running } = useSim.getState();
    useSim.setState({ running: false });
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      if (!this.worker) resolve({ what: 'refused', message: 'The simulation is not running.' });
      else this.send({ type: 'request', id, request, at: running ? t : null });
    });
  }

  /** Starts a fresh worker with the options of the last start, at the seed it had reached. */
  restart(seed?: number): void {
    if (this.options) this.start({ ...this.options, ...(seed === undefined ? {} : { seed }) });
  }

  stop(): void {
    this.settleOpening(false);
    for (const resolve of this.replies.values()) resolve({ what: 'refused', message: 'The simulation was restarted.' });
    this.replies.clear();
    cancelAnimationFrame(this.raf);
    clearTimeout(this.sleep);
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
    this.send({ type: 'act', action, at: useClock.getState().t });
  }

  /** Stops the page's clock where it is and has the world catch up to exactly that time. */
  pause(): void {
    const { t } = useClock.getState();
    useSim.setState({ running: false });
    this.send({ type: 'pause', at: t });
  }

  /** Runs to the next event, from the time the page shows. */
  step(): void {
    const { t } = useClock.getState();
    const { running } = useSim.getState();
    useSim.setState({ running: false });
    this.send({ type: 'step', at: running ? t : null });
  }

  /** Back one event, from the time the page shows. */
  stepBack(): void {
    const { t } = useClock.getState();
    const { running } = useSim.getState();
    useSim.setState({ running: false });
    this.send({ type: 'stepBack', at: running ? t : null });
  }

  /** Runs (paused) until the next message delivery or the next election. */
  runTo(target: 'delivery' | 'election'): void {
    const { t } = useClock.getState();
    const { running } = useSim.getState();
    useSim.setState({ running: false });
    this.send({ type: 'runTo', target, at: running ? t : null });
  }

  /** Goes to virtual time `t` (paused). While the worker is busy only the latest request is kept. */
  seek(t: number): void {
    useSim.setState({ running: false });
    if (this.waiting) {
      this.pendingSeek = t;
      this.controlAt = this.posted + 1;
    } else this.send({ type: 'seek', t });
  }

  switchBranch(id: number): void {
    useSim.setState({ running: false });
    this.send({ type: 'switchBranch', id });
  }

  setBreakpoints(breakpoints: Breakpoints): void {
    this.breakpoints = breakpoints;
    this.send({ type: 'setBreakpoints', breakpoints });
  }

  private post(msg: ToWorker): void {
    if (!this.worker) return;
    this.waiting = true;
    this.posted++;
    if (CONTROLS.has(msg.type)) this.controlAt = this.posted;
    this.worker.postMessage(msg);
  }
}

export const sim = new SimClient();
