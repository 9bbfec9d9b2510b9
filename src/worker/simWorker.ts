/**
 * The simulation worker: owns the session's History (the world, its checkpoints and the
 * person's inputs), runs it up to the virtual time the page asks for (at most once per
 * animation frame), stops at breakpoints, carries out a person's actions as inputs stamped
 * with the virtual time the page showed, seeks and switches branches, and answers every
 * command with a frame.
 */
import { BUILT_IN_SCENARIOS } from '../sim/scenario/builtIn';
import { FREE_PLAY_NODES, WELCOME_NAME, welcomeScenario } from '../sim/scenario/builtIn/welcome';
import type { Scenario, Step } from '../sim/scenario/scenario';
import type { Extensions } from '../raft/types';
import { History, type Position } from '../debug/history';
import { NARRATION_SEARCH_MS, NarrationPlan } from '../teach/narration';
import { recordSession } from '../teach/recording';
import { replaySession } from '../debug/sessionReplay';
import { traceLine } from '../sim/core/trace';
import { MAX_SESSION_EVENTS, scenarioToJson, type NarrationPlace, type ScenarioRef } from '../share/session';
import { validateScenario } from '../sim/scenario/validateScenario';
import { describeEvent } from '../sim/core/events';
import { describeStep } from '../teach/describeStep';
import type { Processed } from '../sim/core/world';
import { FrameBuilder } from './frames';
import { BreakpointWatch } from '../debug/breakpoints';
import type {
  Action,
  BranchView,
  Breakpoints,
  Frame,
  FromWorker,
  HistoryView,
  Reply,
  Request,
  SessionLoad,
  ToWorker,
} from './protocol';

/** How far "Run to next election" and "Next delivery" look before giving up (virtual ms). */
const RUN_TO_LIMIT = 60_000;
/** A seek replays this much before its target, so the diagram and the event log have a past to show. */
const LOOKBACK = 1000;
/** The longest trace the page exports (each line carries every log, so they grow long). */
const MAX_TRACE_EVENTS = 100_000;

let history: History | null = null;
/** The scenario the session runs: a built-in by name (null: free play), or one carried whole. */
let scenarioRef: ScenarioRef = { kind: 'builtIn', name: WELCOME_NAME };
let scenario: Scenario = welcomeScenario();
/** PreVote and CheckQuorum asked for by the page's address: set by an input as each run starts. */
let startOptions: Partial<Extensions> = {};
let narration: NarrationPlan | null = null;
/** The narration step an opened session was at: the page gets it with the session's fresh frame. */
let openedAtStep: NarrationPlace | null = null;
let speed = 0.03;
let running = true;
let writes = 0;
/** Write ids already taken in this session: a person's writes never reuse one (the client would take it for a retry). */
let writeIds = new Set<string>();
let handled = 0;
let pausedBy: string | null = null;
/** Where each Step started, so that Step back returns exactly there. */
let trail: { before: Position; after: Position }[] = [];
let markersSent = 0;
let markersBranch = -1;
const frames = new FrameBuilder();
const breakpoints = new BreakpointWatch();

function post(message: FromWorker): void {
  (self as unknown as Worker).postMessage(message);
}

/** The scenario to run, open-ended; with no seed given, the scenario's own. */
function scenarioFor(ref: ScenarioRef, seed: number | null): Scenario {
  const base =
    ref.kind === 'inline' ? ref.scenario : BUILT_IN_SCENARIOS.find((s) => s.scenario.name === ref.name)?.scenario;
  if (base) return { ...base, seed: seed ?? base.seed, until: Number.MAX_SAFE_INTEGER };
  return welcomeScenario(seed ?? 1, ref.kind === 'builtIn' ? (ref.nodes ?? FREE_PLAY_NODES) : FREE_PLAY_NODES);
}

/** Free play's scenario reference with `nodes` servers (five: the plain "welcome", as before). */
function freePlay(nodes: number | null): ScenarioRef {
  return nodes === null || nodes === FREE_PLAY_NODES
    ? { kind: 'builtIn', name: WELCOME_NAME }
    : { kind: 'builtIn', name: WELCOME_NAME, nodes };
}

/** Makes `h`, a run of `run`, the session's history; the page starts afresh from its next frame. */
function adopt(h: History, run: Scenario): void {
  scenario = run;
  trail = [];
  pausedBy = null;
  markersSent = 0;
  markersBranch = -1;
  writes = 0;
  writeIds = new Set(run.steps.flatMap((s) => (s.do === 'write' ? [s.id] : [])));
  for (const r of h.branch.inputs) if (r.step.do === 'write') writeIds.add(r.step.id);
  narration = new NarrationPlan(run.narration, run.nodes);
  openedAtStep = null;
  frames.reset(h.world);
  breakpoints.rebind(h.world.ids, h.world);
  history = h;
}

function start(seed: number | null): History {
  const run = scenarioFor(scenarioRef, seed);
  const h = new History(run, { seed: run.seed });
  adopt(h, run);
  // PreVote or CheckQuorum from the address: the first input, at time 0, as if a person had
  // flipped the switch then (so a shared link and a recording carry it).
  const x = h.world.extensions;
  const change: { -readonly [K in keyof Extensions]?: boolean } = {};
  if (startOptions.preVote !== undefined && startOptions.preVote !== x.preVote) change.preVote = startOptions.preVote;
  if (startOptions.checkQuorum !== undefined && startOptions.checkQuorum !== x.checkQuorum)
    change.checkQuorum = startOptions.checkQuorum;
  if (Object.keys(change).length > 0) input(h, { at: 0, do: 'options', ...change });
  return h;
}

/** Opens a shared session, or says why it cannot be (and keeps the current one). */
function load(l: SessionLoad): boolean {
  const run = scenarioFor(l.scenario, l.seed);
  const replayed = replaySession({ scenario: run, seed: l.seed, inputs: l.inputs, head: l.head, moment: l.moment });
  if (!replayed.ok) {
    post({ type: 'loadFailed', message: replayed.message });
    return false;
  }
  scenarioRef = l.scenario;
  const h = replayed.history;
  adopt(h, run);
  const step = l.narration;
  if (step !== undefined && step.index >= 0 && step.index < run.narration.length) openedAtStep = step;
  running = false;
  seek(h, () => h.seekSeq(l.moment.seq, l.moment.t, record), l.moment.t);
  return true;
}

/** A fresh write id for a person's write. */
function nextWriteId(): string {
  let id: string;
  do id = `c${++writes}`;
  while (writeIds.has(id));
  writeIds.add(id);
  return id;
}

const record = (p: Processed) => frames.record(p, history!.world);

/** Runs to `until`, stopping at a breakpoint. */
function advance(h: History, until: number): void {
  const stopped = h.run(until, record, (p, facts) => breakpoints.hit(p, facts, h.world) !== null);
  if (stopped !== null) {
    running = false;
    pausedBy = breakpoints.last;
  }
}

function input(h: History, step: Step): void {
  h.act(step, record);
  breakpoints.reset(h.world);
  trail = [];
}

function act(h: History, action: Action): void {
  const at = h.world.now;
  switch (action.do) {
    case 'clientWrite': {
      const id = nextWriteId();
      input(h, { at, do: 'write', id, key: ['x', 'y', 'z'][writes % 3]!, value: String(writes) });
      return;
    }
    case 'restartLeader': {
      const leader = h.world.hosts.find((x) => x.up && x.role === 'leader');
      if (!leader) return;
      input(h, { at, do: 'crash', node: leader.id });
      input(h, { at, do: 'restart', node: leader.id });
      return;
    }
    case 'resumeAll':
      for (const x of h.world.hosts) if (!x.up) input(h, { at, do: 'restart', node: x.id });
      return;
    default:
      input(h, { ...action, at });
  }
}

/** Moves to another moment: the page gets the world there, with a second of its past. */
function seek(h: History, go: () => void, lookbackFrom: number): void {
  running = false;
  h.seekTime(Math.max(0, lookbackFrom - LOOKBACK));
  frames.rewind(h.world);
  go();
  breakpoints.reset(h.world);
}

function runTo(h: History, target: 'delivery' | 'election'): void {
  running = false;
  const from = h.world.now;
  let reason = '';
  const stopped = h.run(from + RUN_TO_LIMIT, record, (p, facts) => {
    if (target === 'delivery' && p.event.kind === 'deliver') reason = `delivered ${describeEvent(p.event)}`;
    else if (target === 'election' && facts.elected !== null)
      reason = `${facts.elected.node} is leader in term ${facts.elected.term}`;
    else return false;
    return true;
  });
  breakpoints.reset(h.world);
  trail = [];
  pausedBy =
    stopped === null
      ? `Paused: no ${target === 'delivery' ? 'delivery' : 'election'} within ${RUN_TO_LIMIT / 1000} s`
      : `Paused: ${reason} (t=${stopped.t.toFixed(1)} ms)`;
}

function historyView(h: History): HistoryView {
  const branches: BranchView[] = h.branches.map((b) => {
    const first = b.inputs.find((r) => r.seq > b.forkSeq);
    return {
      id: b.id,
      parent: b.parent?.id ?? null,
      forkT: b.forkT,
      headT: b.headT,
      label: b.parent === null ? 'the original run' : first ? describeStep(first.step) : 'an action',
    };
  });
  return { branch: h.branch.id, branches, headT: h.branch.headT, headSeq: h.branch.headSeq };
}

function markers(h: History): Frame['markers'] {
  const list = h.branch.markers;
  if (markersBranch !== h.branch.id || markersSent > list.length) {
    markersBranch = h.branch.id;
    markersSent = list.length;
    return { reset: true, items: list.slice() };
  }
  if (markersSent === list.length) return null;
  const items = list.slice(markersSent);
  markersSent = list.length;
  return { reset: false, items };
}

function answer(h: History, request: Request): Reply {
  const here = h.position;
  switch (request.what) {
    case 'session': {
      // A run longer than a session may carry is shared up to the moment shown.
      const whole = h.branch.headSeq <= MAX_SESSION_EVENTS;
      if (!whole && here.seq > MAX_SESSION_EVENTS)
        return {
          what: 'refused',
          message: `This moment is event ${here.seq}; a shared session holds at most ${MAX_SESSION_EVENTS} events, so that opening it stays quick. Go back on the timeline to an earlier moment, or export the trace.`,
        };
      const head = whole ? { seq: h.branch.headSeq, t: h.branch.headT } : here;
      return {
        what: 'session',
        session: {
          scenario: scenarioRef,
          seed: h.world.seed,
          inputs: h.branch.inputs.filter((r) => r.seq <= head.seq).map((r) => ({ seq: r.seq, step: r.step })),
          head,
          moment: here,
        },
      };
    }
    case 'trace': {
      if (here.seq > MAX_TRACE_EVENTS)
        return {
          what: 'refused',
          message: `The trace to this moment would have ${here.seq} events; the page exports at most ${MAX_TRACE_EVENTS}. Go back on the timeline, or record the session and run it with npm run sim -- --trace.`,
        };
      const copy = new History(scenario, { seed: h.world.seed, inputs: h.branch.inputs });
      const lines = [traceLine(0, 0, { kind: 'init' }, copy.world)];
      copy.seekSeq(here.seq, here.t, (p) => lines.push(traceLine(p.t, p.seq, p.event, copy.world)));
      return { what: 'trace', text: lines.join('\n') + '\n', events: here.seq };
    }
    case 'recording': {
      const from = request.from.seq <= here.seq ? request.from : { seq: 0, t: 0 };
      const base = scenarioFor(scenarioRef, h.world.seed);
      const recorded = recordSession(h, { ...base, until: here.t }, from, here);
      h.seekSeq(here.seq, here.t);
      breakpoints.reset(h.world);
      // Only a file that Open scenario accepts is saved: the same border as any other file.
      const checked = validateScenario(scenarioToJson(recorded.scenario));
      if (!checked.ok)
        return {
          what: 'refused',
          message: `This recording cannot be saved as a scenario file (${checked.errors[0]}).`,
        };
      return { what: 'recording', scenario: recorded.scenario, divergesAt: recorded.divergesAt };
    }
  }
}

/** Goes to narration step `index`'s moment in the scenario's own run (the first branch). */
function narrate(h: History, index: number): void {
  if (narration === null || index < 0 || index >= narration.steps.length) return;
  trail = [];
  running = false;
  if (h.branch.id !== h.branches[0]!.id) h.switchTo(h.branches[0]!.id);
  const m = narration.momentOf(index, h);
  if (m === null) {
    seek(h, () => h.seekSeq(0, 0, record), 0);
    pausedBy = `This step's moment does not come in this run (within ${NARRATION_SEARCH_MS / 1000} s of the step before).`;
    return;
  }
  seek(h, () => h.seekSeq(m.seq, m.t, record), m.t);
}

function setBreakpoints(b: Breakpoints): void {
  breakpoints.configure(b, history?.world.ids ?? [], history?.world);
}

function handle(msg: ToWorker): void {
  handled++;
  const h = history;
  if (msg.type !== 'advance') pausedBy = null;
  switch (msg.type) {
    case 'init':
      scenarioRef = msg.scenario === null ? freePlay(msg.nodes) : { kind: 'builtIn', name: msg.scenario };
      startOptions = msg.options;
      speed = msg.speed;
      running = !msg.paused;
      if (msg.load === null || !load(msg.load)) start(msg.seed);
      break;
    case 'load':
      load(msg.load);
      break;
    case 'request':
      if (h) {
        if (running && msg.at !== null) advance(h, msg.at);
        running = false;
        post({ type: 'reply', id: msg.id, reply: answer(h, msg.request) });
      }
      break;
    case 'narrate':
      if (h) narrate(h, msg.index);
      break;
    case 'reset':
      start(msg.seed);
      break;
    case 'advance':
      if (h && running) advance(h, msg.to);
      break;
    case 'play':
      running = true;
      break;
    case 'pause':
      if (h && running) advance(h, msg.at);
      running = false;
      break;
    case 'step':
      if (h) {
        if (running && msg.at !== null) advance(h, msg.at);
        running = false;
        const before = h.position;
        if (h.step(record) !== null) {
          trail.push({ before, after: h.position });
          breakpoints.reset(h.world);
        }
      }
      break;
    case 'stepBack':
      if (h) {
        if (running && msg.at !== null) advance(h, msg.at);
        const here = h.position;
        const last = trail.at(-1);
        const back =
          last && last.after.seq === here.seq && last.after.t === here.t
            ? trail.pop()!.before
            : { seq: Math.max(0, here.seq - 1), t: -1 };
        seek(
          h,
          () => {
            h.seekSeq(back.seq, back.t >= 0 ? back.t : undefined, record);
          },
          h.world.now,
        );
      }
      break;
    case 'runTo':
      if (h) {
        if (running && msg.at !== null) advance(h, msg.at);
        runTo(h, msg.target);
      }
      break;
    case 'seek':
      if (h) {
        trail = [];
        const target = Math.min(Math.max(0, msg.t), h.branch.headT);
        seek(h, () => h.run(target, record), target);
      }
      break;
    case 'switchBranch':
      if (h) {
        trail = [];
        running = false;
        if (h.switchTo(msg.id)) {
          const t = h.world.now;
          seek(h, () => h.seekTime(t, record), t);
        }
      }
      break;
    case 'setBreakpoints':
      setBreakpoints(msg.breakpoints);
      break;
    case 'setSpeed':
      speed = msg.speed;
      break;
    case 'act':
      if (h) {
        if (running) advance(h, msg.at);
        act(h, msg.action);
      }
      break;
  }
  if (history) {
    const hv = historyView(history);
    const frame = frames.build(history.world, {
      running,
      speed,
      handled,
      history: hv,
      markers: markers(history),
      pausedBy,
    });
    if (frame.fresh && openedAtStep !== null) {
      post({ type: 'frame', frame: { ...frame, narrationPlace: openedAtStep } });
      openedAtStep = null;
    } else post({ type: 'frame', frame });
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  try {
    handle(e.data);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
