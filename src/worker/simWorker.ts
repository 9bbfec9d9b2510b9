/**
 * The simulation worker: owns the World and advances its virtual clock at the chosen
 * speed, posting a frame of what changed to the page.
 */
import { referenceWorkload } from '../sim/referenceWorkload';
import { World } from '../sim/world';
import type { Frame, FromWorker, ToWorker } from './protocol';

let world: World | null = null;
let speed = 0.1;
let paused = false;
let last = 0;

function post(message: FromWorker): void {
  (self as unknown as Worker).postMessage(message);
}

function frame(w: World): Frame {
  return {
    t: w.now,
    seq: w.seq,
    violations: w.violations.length,
    nodes: w.hosts.map((h) => ({
      id: h.id,
      up: h.up,
      role: h.role,
      term: h.context.term,
      votedFor: h.context.votedFor,
      commitIndex: h.context.commitIndex,
      logLength: h.context.log.length,
    })),
  };
}

function tick(): void {
  const now = performance.now();
  const elapsed = Math.min(now - last, 100);
  last = now;
  if (world && !paused) {
    world.runUntil(world.now + elapsed * speed);
    post({ type: 'frame', frame: frame(world) });
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  try {
    const msg = e.data;
    switch (msg.type) {
      case 'start':
        world = new World(referenceWorkload(3600), { seed: msg.seed });
        speed = msg.speed;
        paused = msg.paused;
        last = performance.now();
        post({ type: 'frame', frame: frame(world) });
        break;
      case 'pause':
        paused = true;
        break;
      case 'play':
        paused = false;
        last = performance.now();
        break;
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

setInterval(tick, 16);
