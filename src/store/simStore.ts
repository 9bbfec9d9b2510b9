/**
 * The page's view of the simulation, fed by worker frames. Nodes are kept per id so a
 * component can select one node and re-render only when that node changes.
 */
import { create } from 'zustand';
import type { NodeId } from '../raft/types';
import { dict, dictCopy } from '../util/dict';
import { FIGURE_2, NO_EXTENSIONS, type Extensions, type RuleSwitches } from '../raft/types';
import type { NarrationStep } from '../sim/scenario/scenario';
import type { EventLine, Frame, LaneMark, Marker, MessageTrack, MessageView, NodeView } from '../worker/protocol';

const MAX_EVENTS = 3000;
/** The space-time diagram keeps this many finished messages and lane marks (the most recent). */
const MAX_TRACKS = 6000;
const MAX_MARKS = 3000;

/** Simulated milliseconds per real millisecond when the page opens: a message takes about half a second to cross. */
export const DEFAULT_SPEED = 0.035;

/** What the page keeps of a frame as it came: the latest values of these replace the old. */
type Latest = Pick<
  Frame,
  | 'nextEventAt'
  | 'seq'
  | 'running'
  | 'speed'
  | 'seed'
  | 'scenario'
  | 'electionTimeout'
  | 'heartbeatInterval'
  | 'ids'
  | 'messageCount'
  | 'network'
  | 'history'
  | 'hold'
  | 'rules'
  | 'extensions'
  | 'scenarioExtensions'
  | 'pausedBy'
>;

export interface SimView extends Latest {
  readonly ready: boolean;
  /** Counts the frames received from the worker. */
  readonly frame: number;
  readonly nodes: Readonly<Record<NodeId, NodeView>>;
  readonly messages: readonly MessageView[];
  readonly events: readonly EventLine[];
  /** The latest election or commit in words, for the status live region. */
  readonly announcement: string;
  readonly violations: readonly string[];
  readonly error: string | null;
  /** Messages that arrived or were dropped, oldest first (those in flight are `messages`). */
  readonly tracks: readonly MessageTrack[];
  readonly marks: readonly LaneMark[];
  /** The current branch's timeline markers. */
  readonly markers: readonly Marker[];
  /**
   * The scenario's narration, the step shown (-1: not started) and whether a step that asks
   * for a prediction has been revealed. A new run starts it again.
   */
  readonly narration: {
    readonly steps: readonly NarrationStep[];
    readonly index: number;
    readonly revealed: boolean;
  };
}

const initial: SimView = {
  ready: false,
  frame: 0,
  nextEventAt: 0,
  seq: 0,
  running: false,
  speed: DEFAULT_SPEED,
  seed: 1,
  scenario: '',
  electionTimeout: [150, 300],
  heartbeatInterval: 50,
  ids: [],
  nodes: dict(),
  messages: [],
  messageCount: 0,
  events: [],
  network: { cuts: [], groups: null, drop: 0, duplicate: 0 },
  announcement: '',
  violations: [],
  error: null,
  tracks: [],
  marks: [],
  markers: [],
  history: { branch: 1, branches: [], headT: 0, headSeq: 0 },
  hold: false,
  rules: FIGURE_2,
  extensions: NO_EXTENSIONS,
  scenarioExtensions: NO_EXTENSIONS,
  pausedBy: null,
  narration: { steps: [], index: -1, revealed: false },
};

/** Whether two sets of PreVote and CheckQuorum say the same (the store keeps the old object then). */
function sameExtensions(a: Extensions, b: Extensions): boolean {
  return a.preVote === b.preVote && a.checkQuorum === b.checkQuorum;
}

function appendCapped<T>(list: readonly T[], more: readonly T[], cap: number): readonly T[] {
  if (more.length === 0) return list;
  const out = [...list, ...more];
  return out.length > cap ? out.slice(out.length - cap) : out;
}

export const useSim = create<SimView>(() => initial);

/**
 * The page's virtual clock, kept apart from the rest of the view so that its many ticks a
 * second reach only what shows time (the clock, the moving layer, the Inspector's timer).
 */
export const useClock = create<{ readonly t: number }>(() => ({ t: 0 }));

/**
 * Folds a frame into the store, keeping unchanged nodes and lists by identity. With
 * `current` false the frame answers a command older than the page's last play, pause,
 * step or speed change: the page keeps its own running state, speed and clock.
 */
export function applyFrame(frame: Frame, current = true): void {
  useSim.setState((s) => {
    const base = frame.fresh ? initial : s;
    const running = current || frame.fresh ? frame.running : s.running;
    const speed = current || frame.fresh ? frame.speed : s.speed;
    // While running, the page's clock may be ahead of the frame it asked for; it never goes back.
    const pageT = useClock.getState().t;
    const t = frame.fresh || frame.rewound ? frame.t : running || !current ? Math.max(pageT, frame.t) : frame.t;
    if (t !== pageT) useClock.setState({ t });
    let nodes = base.nodes;
    if (frame.nodes.length > 0) {
      const copy: Record<NodeId, NodeView> = dictCopy(base.nodes);
      for (const n of frame.nodes) copy[n.id] = n;
      nodes = copy;
    }
    const past = frame.rewound ? initial : base;
    const events = appendCapped(past.events, frame.events, MAX_EVENTS);
    let markers = base.markers;
    if (frame.markers !== null)
      markers = frame.markers.reset ? frame.markers.items : [...markers, ...frame.markers.items];
    const sameNetwork =
      base.network.cuts.join() === frame.network.cuts.join() &&
      JSON.stringify(base.network.groups) === JSON.stringify(frame.network.groups) &&
      base.network.drop === frame.network.drop &&
      base.network.duplicate === frame.network.duplicate;
    return {
      ready: true,
      frame: s.frame + 1,
      nextEventAt: frame.nextEventAt,
      seq: frame.seq,
      running,
      speed,
      seed: frame.seed,
      scenario: frame.scenario,
      electionTimeout: frame.electionTimeout,
      heartbeatInterval: frame.heartbeatInterval,
      ids: base.ids.join() === frame.ids.join() ? base.ids : frame.ids,
      nodes,
      messages: frame.messages ?? base.messages,
      messageCount: frame.messageCount,
      events,
      network: sameNetwork ? base.network : frame.network,
      // After a seek the last announcement is the latest of the replayed past, not one from later on.
      announcement: frame.announcements.at(-1) ?? (frame.rewound ? '' : base.announcement),
      violations: frame.violations.length > 0 ? [...base.violations, ...frame.violations] : base.violations,
      error: null,
      tracks: appendCapped(past.tracks, frame.tracks, MAX_TRACKS),
      marks: appendCapped(past.marks, frame.marks, MAX_MARKS),
      markers,
      history: frame.history,
      hold: frame.hold,
      rules: sameRules(base.rules, frame.rules) ? base.rules : frame.rules,
      extensions: sameExtensions(base.extensions, frame.extensions) ? base.extensions : frame.extensions,
      scenarioExtensions: sameExtensions(base.scenarioExtensions, frame.scenarioExtensions)
        ? base.scenarioExtensions
        : frame.scenarioExtensions,
      pausedBy: frame.pausedBy,
      // A new run starts the narration again, or, for a shared session, at the step it was shared at.
      narration:
        frame.narration === null
          ? base.narration
          : {
              steps: frame.narration,
              index: frame.narrationPlace?.index ?? -1,
              revealed: frame.narrationPlace?.revealed ?? false,
            },
    };
  });
}

/** Where the narration is (the worker is asked to go to that step's moment separately). */
export function setNarrationPlace(index: number, revealed: boolean): void {
  useSim.setState((s) => ({ narration: { ...s.narration, index, revealed } }));
}

function sameRules(a: RuleSwitches, b: RuleSwitches): boolean {
  return (Object.keys(a) as (keyof RuleSwitches)[]).every((k) => a[k] === b[k]);
}

/** Moves the page's clock between frames. */
export function setPageTime(t: number): void {
  useClock.setState({ t });
}

export function setSimError(message: string): void {
  useSim.setState({ error: message });
}
