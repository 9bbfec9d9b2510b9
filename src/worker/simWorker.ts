/**
 * The simulation worker: owns the World, advances its virtual clock when the page asks
 * (one tick per animation frame, so at most one frame per animation frame), carries out a
 * person's actions as inputs stamped with the current virtual time, and answers with frames.
 */
import { BUILT_IN_SCENARIOS } from '../sim/scenarios';
import { welcomeScenario } from '../sim/scenarios/welcome';
import type { Scenario, Step } from '../sim/scenario';
import { World } from '../sim/world';
import { FrameBuilder } from './frames';
import type { Action, FromWorker, ToWorker } from './protocol';

/** Virtual time advanced by one tick at most, so a stalled tab does not leap ahead. */
const MAX_TICK_MS = 100;

let world: World | null = null;
let scenarioName: string | null = null;
let speed = 0.03;
let running = true;
let writes = 0;
const frames = new FrameBuilder();

function post(message: FromWorker): void {
  (self as unknown as Worker).postMessage(message);
}

function scenarioFor(name: string | null, seed: number): Scenario {
  const builtIn = BUILT_IN_SCENARIOS.find((s) => s.scenario.name === name)?.scenario;
  return builtIn ? { ...builtIn, seed, until: Number.MAX_SAFE_INTEGER } : welcomeScenario(seed);
}

function start(seed: number): World {
  frames.reset();
  writes = 0;
  const w = new World(scenarioFor(scenarioName, seed), { seed });
  world = w;
  return w;
}

function advance(w: World, until: number): void {
  w.runUntil(until, (p) => frames.record(p, w));
}

function input(w: World, step: Step): void {
  w.input(step);
  // Inputs run before anything else at this instant.
  advance(w, w.now);
}

function act(w: World, action: Action): void {
  const at = w.now;
  switch (action.do) {
    case 'clientWrite': {
      writes++;
      input(w, { at, do: 'write', id: `c${writes}`, key: ['x', 'y', 'z'][writes % 3]!, value: String(writes) });
      return;
    }
    case 'restartLeader': {
      const leader = w.hosts.find((h) => h.up && h.role === 'leader');
      if (!leader) return;
      input(w, { at, do: 'crash', node: leader.id });
      input(w, { at, do: 'restart', node: leader.id });
      return;
    }
    case 'resumeAll':
      for (const h of w.hosts) if (!h.up) input(w, { at, do: 'restart', node: h.id });
      return;
    default:
      input(w, { ...action, at });
  }
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'init':
      scenarioName = msg.scenario;
      speed = msg.speed;
      running = !msg.paused;
      start(msg.seed);
      break;
    case 'reset':
      start(msg.seed);
      break;
    case 'tick':
      if (world && running) advance(world, world.now + Math.min(Math.max(msg.wallMs, 0), MAX_TICK_MS) * speed);
      break;
    case 'play':
      running = true;
      break;
    case 'pause':
      running = false;
      break;
    case 'step':
      if (world) {
        running = false;
        const p = world.step();
        if (p) frames.record(p, world);
      }
      break;
    case 'setSpeed':
      speed = msg.speed;
      break;
    case 'act':
      if (world) act(world, msg.action);
      break;
  }
  if (world) post({ type: 'frame', frame: frames.build(world, running, speed) });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  try {
    handle(e.data);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
