/**
 * Keeps a canvas painted with the moving parts of the cluster view, on its own clock:
 * virtual time is extrapolated from the last clock it was told (time, speed, running) and
 * the wall clock, and it repaints once per virtual millisecond (20 to 60 times a second),
 * skipping repaints when only timer rings moved less than two degrees, or, with reduced
 * motion, when no message or ring reached its next step. Used inside a
 * worker that owns the canvas (see paintWorker.ts), or on the page when the browser
 * cannot hand a canvas to a worker.
 */
import {
  messageSteps,
  paintLive,
  timerFractions,
  type PaintGeometry,
  type PaintPalette,
  type PaintScene,
} from './livePaint';

export interface PaintClock {
  readonly t: number;
  readonly speed: number;
  readonly running: boolean;
  /** Absolute wall time (timeOrigin + now) at which `t` held. */
  readonly at: number;
}

export type PainterMessage =
  | { readonly type: 'geometry'; readonly geometry: PaintGeometry }
  | { readonly type: 'palette'; readonly palette: PaintPalette }
  | { readonly type: 'scene'; readonly scene: PaintScene }
  | { readonly type: 'clock'; readonly clock: PaintClock };

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

const wallNow = () => performance.timeOrigin + performance.now();

export class LivePainter {
  private geometry: PaintGeometry | null = null;
  private palette: PaintPalette | null = null;
  private scene: PaintScene | null = null;
  private clock: PaintClock = { t: 0, speed: 0.03, running: false, at: wallNow() };
  private widths = new Map<string, number>();
  private drawnT = NaN;
  private drawnFractions: number[] = [];
  private drawnSteps: string | null = null;
  private dirty = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Messages received so far, and the count last reported as painted. */
  private received = 0;
  private reported = -1;

  /**
   * `report(received)` is called once the canvas, paused, shows everything of the first
   * `received` messages: what the page uses to tell when its picture is settled.
   */
  constructor(
    private readonly canvas: HTMLCanvasElement | OffscreenCanvas,
    private readonly ctx: Context,
    private readonly report: (received: number) => void = () => {},
  ) {}

  receive(msg: PainterMessage): void {
    this.received++;
    switch (msg.type) {
      case 'geometry':
        this.geometry = msg.geometry;
        this.canvas.width = Math.round(msg.geometry.width * msg.geometry.dpr);
        this.canvas.height = Math.round(msg.geometry.height * msg.geometry.dpr);
        break;
      case 'palette':
        this.palette = msg.palette;
        this.widths.clear();
        break;
      case 'scene':
        this.scene = msg.scene;
        break;
      case 'clock':
        this.clock = msg.clock;
        break;
    }
    this.dirty = true;
    this.schedule(0);
  }

  private now(): number {
    const c = this.clock;
    return c.running ? c.t + (wallNow() - c.at) * c.speed : c.t;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    const { geometry, palette, scene } = this;
    if (!geometry || !palette || !scene) return;
    const t = this.now();
    const fractions = timerFractions(scene, t);
    const ringsStill = fractions.every((f, i) => Math.abs(f - (this.drawnFractions[i] ?? -1)) < 1 / 180);
    // Gliding messages move at every moment; stepping ones (reduced motion) only at a step.
    const steps = messageSteps(scene, t);
    const messagesMoved = scene.messages.length > 0 && (steps === null || steps !== this.drawnSteps);
    if (this.dirty || (t !== this.drawnT && (messagesMoved || !ringsStill))) {
      paintLive(this.ctx, geometry, palette, scene, t, fractions, this.widths);
      this.drawnT = t;
      this.drawnFractions = fractions;
      this.drawnSteps = steps;
      this.dirty = false;
    }
    if (this.clock.running) this.schedule(Math.min(50, Math.max(1000 / 60, 1 / this.clock.speed)));
    else if (this.reported !== this.received) {
      this.reported = this.received;
      this.report(this.received);
    }
  }
}
