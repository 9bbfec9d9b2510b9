/**
 * The simulation worker: owns the World, runs it up to the virtual time the page asks for
 * (at most once per animation frame), carries out a person's actions as inputs stamped
 * with the virtual time the page showed, and answers every command with a frame.
 */
import { BUILT_IN_SCENARIOS } from '../sim/scenarios';
import { welcomeScenario } from '../sim/scenarios/welcome';
import type { Scenario, Step } from '../sim/scenario';
import { World } from '../sim/world';
import { FrameBuilder } from './frames';
import type { Action, FromWorker, ToWorker } from './protocol';

let world: World | null = null;
let scenarioName: string | null = null;
let speed = 0.03;
let running = true;
let writes = 0;
let handled = 0;
const frames = new FrameBuilder();

function post(message: FromWorker): void {
  (self as unknown as Worker).postMessage(message);
}

/** The scenario to run; with no seed given, the scenario's own. */
function scenarioFor(name: string | null, seed: number | null): Scenario {
  const builtIn = BUILT_IN_SCENARIOS.find((s) => s.scenario.name === name)?.scenario;
  if (builtIn) return { ...builtIn, seed: seed ?? builtIn.seed, until: Number.MAX_SAFE_INTEGER };
  return welcomeScenario(seed ?? 1);
}

function start(seed: number | null): World {
  frames.reset();
  writes = 0;
  const scenario = scenarioFor(scenarioName, seed);
  const w = new World(scenario, { seed: scenario.seed });
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
  handled++;
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
    case 'advance':
      if (world && running) advance(world, msg.to);
      break;
    case 'play':
      running = true;
      break;
    case 'pause':
      if (world && running) advance(world, msg.at);
      running = false;
      break;
    case 'step':
      if (world) {
        if (running && msg.at !== null) advance(world, msg.at);
        running = false;
        const p = world.step();
        if (p) frames.record(p, world);
      }
      break;
    case 'setSpeed':
      speed = msg.speed;
      break;
    case 'act':
      if (world) {
        if (running) advance(world, msg.at);
        act(world, msg.action);
      }
      break;
  }
  if (world) post({ type: 'frame', frame: frames.build(world, running, speed, handled) });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  try {
    handle(e.data);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
