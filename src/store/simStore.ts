/**
 * The page's view of the simulation, fed by worker frames. Nodes are kept per id so a
 * component can select one node and re-render only when that node changes.
 */
import { create } from 'zustand';
import type { NodeId } from '../raft/types';
import type { EventLine, Frame, MessageView, NetworkView, NodeView } from '../worker/protocol';

const MAX_EVENTS = 3000;

/** Simulated milliseconds per real millisecond when the page opens: a message takes about half a second to cross. */
export const DEFAULT_SPEED = 0.035;

export interface SimView {
  readonly ready: boolean;
  /** Counts the frames received from the worker. */
  readonly frame: number;
  readonly nextEventAt: number;
  readonly seq: number;
  readonly running: boolean;
  readonly speed: number;
  readonly seed: number;
  readonly scenario: string;
  readonly electionTimeout: readonly [number, number];
  readonly heartbeatInterval: number;
  readonly ids: readonly NodeId[];
  readonly nodes: Readonly<Record<NodeId, NodeView>>;
  readonly messages: readonly MessageView[];
  readonly events: readonly EventLine[];
  readonly network: NetworkView;
  /** The latest election or commit in words, for the status live region. */
  readonly announcement: string;
  readonly violations: readonly string[];
  readonly error: string | null;
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
  nodes: {},
  messages: [],
  events: [],
  network: { cuts: [], groups: null, drop: 0, duplicate: 0 },
  announcement: '',
  violations: [],
  error: null,
};

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
    const t = frame.fresh ? frame.t : running || !current ? Math.max(pageT, frame.t) : frame.t;
    if (t !== pageT) useClock.setState({ t });
    let nodes = base.nodes;
    if (frame.nodes.length > 0) {
      const copy: Record<NodeId, NodeView> = { ...base.nodes };
      for (const n of frame.nodes) copy[n.id] = n;
      nodes = copy;
    }
    let events = base.events;
    if (frame.events.length > 0) {
      events = [...base.events, ...frame.events];
      if (events.length > MAX_EVENTS) events = events.slice(events.length - MAX_EVENTS);
    }
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
      events,
      network: sameNetwork ? base.network : frame.network,
      announcement: frame.announcements.at(-1) ?? base.announcement,
      violations: frame.violations.length > 0 ? [...base.violations, ...frame.violations] : base.violations,
      error: null,
    };
  });
}

/** Moves the page's clock between frames. */
export function setPageTime(t: number): void {
  useClock.setState({ t });
}

export function setSimError(message: string): void {
  useSim.setState({ error: message });
}
