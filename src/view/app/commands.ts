/**
 * Every action a person can take, as data: name, label, keys, when it is enabled, and
 * what it does. Buttons, keyboard shortcuts and the help dialog all read this one table.
 */
import type { NodeId } from '../../raft/types';
import { useSim, type SimView } from '../../store/simStore';
import { ui, useUi, type UiState } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { focusedByClick } from '../../store/focusOrigin';
import { MAX_SPEED, MIN_SPEED } from './urlParams';
import { narrationBack, narrationNext } from '../teaching/narrationControl';

export interface Command {
  readonly id: string;
  readonly label: string;
  /** KeyboardEvent.key values that trigger it. */
  readonly keys: readonly string[];
  readonly help: string;
  readonly enabled: (s: SimView, u: UiState) => boolean;
  readonly perform: (s: SimView, u: UiState) => void;
}

const always = () => true;

function leaderOf(s: SimView): NodeId | null {
  return s.ids.find((id) => s.nodes[id]?.up && s.nodes[id]?.role === 'leader') ?? null;
}

function setSpeed(speed: number): void {
  sim.send({ type: 'setSpeed', speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) });
}

function nextSeed(seed: number): number {
  return (seed * 1103515245 + 12345) % 2147483648;
}

export const COMMANDS: readonly Command[] = [
  {
    id: 'playPause',
    label: 'Play / Pause',
    keys: [' ', '.'],
    help: 'Pause or resume the simulation',
    enabled: (s) => s.ready,
    perform: (s) => (s.running ? sim.pause() : sim.send({ type: 'play' })),
  },
  {
    id: 'narrationNextArrow',
    label: 'Narration: next',
    keys: ['ArrowRight'],
    help: 'In presentation mode with a narration: its next step (some remotes send arrows)',
    enabled: (s, u) => s.ready && u.presenting && s.narration.steps.length > 0,
    perform: () => narrationNext(),
  },
  {
    id: 'narrationBackArrow',
    label: 'Narration: back',
    keys: ['ArrowLeft'],
    help: 'In presentation mode with a narration: its step before',
    enabled: (s, u) => s.ready && u.presenting && s.narration.steps.length > 0,
    perform: () => narrationBack(),
  },
  {
    id: 'step',
    label: 'Step',
    keys: ['s', 'ArrowRight'],
    help: 'Advance to the next event (pauses)',
    enabled: (s) => s.ready,
    perform: () => sim.step(),
  },
  {
    id: 'stepBack',
    label: 'Step back',
    keys: ['ArrowLeft', 'z'],
    help: 'Go back to the previous event (pauses)',
    enabled: (s) => s.ready && s.seq > 0,
    perform: () => sim.stepBack(),
  },
  {
    id: 'nextDelivery',
    label: 'Next delivery',
    keys: ['d'],
    help: 'Run to the next message delivery (pauses there)',
    enabled: (s) => s.ready,
    perform: () => sim.runTo('delivery'),
  },
  {
    id: 'runToElection',
    label: 'Run to next election',
    keys: ['e'],
    help: 'Run until a server becomes leader (pauses there)',
    enabled: (s) => s.ready,
    perform: () => sim.runTo('election'),
  },
  {
    id: 'hold',
    label: 'Hold messages',
    keys: ['m'],
    help: 'Keep every new message in the network until you deliver it (timers keep running)',
    enabled: (s) => s.ready,
    perform: (s) => sim.act({ do: 'hold', on: !s.hold }),
  },
  {
    id: 'clientWrite',
    label: 'Client write',
    keys: ['c'],
    help: 'A client submits a write to the cluster',
    enabled: (s) => s.ready,
    perform: () => sim.act({ do: 'clientWrite' }),
  },
  {
    id: 'restartLeader',
    label: 'Crash & restart leader',
    keys: ['r'],
    help: 'Crash the leader and restart it at once: it comes back as a follower, keeping its term, vote and log, and an election follows',
    enabled: (s) => leaderOf(s) !== null,
    perform: () => sim.act({ do: 'restartLeader' }),
  },
  {
    id: 'spreadTimers',
    label: 'Spread timers',
    keys: ['t'],
    help: 'Spread election timers apart to avoid a split vote',
    enabled: (s) => s.ready,
    perform: () => sim.act({ do: 'spreadTimers' }),
  },
  {
    id: 'alignTimers',
    label: 'Align timers',
    keys: ['a'],
    help: 'Align election timers to provoke a split vote',
    enabled: (s) => s.ready,
    perform: () => sim.act({ do: 'alignTimers' }),
  },
  {
    id: 'resumeAll',
    label: 'Resume all',
    keys: ['b'],
    help: 'Restart every crashed server',
    enabled: (s) => s.ids.some((id) => s.nodes[id]?.up === false),
    perform: () => sim.act({ do: 'resumeAll' }),
  },
  {
    id: 'presentation',
    label: 'Presentation mode',
    keys: ['p'],
    help: 'Large type and strokes, high contrast, side panels hidden; Page Down / Page Up (and the arrows) go through the narration',
    enabled: always,
    perform: (_s, u) => ui.setPresenting(!u.presenting),
  },
  {
    id: 'presenterNext',
    label: 'Next (presenter)',
    keys: ['PageDown'],
    help: 'The narration’s next step, or with no narration the next event (a presenter remote’s Next)',
    enabled: (s) => s.ready,
    perform: (s) => (s.narration.steps.length > 0 ? narrationNext() : sim.step()),
  },
  {
    id: 'presenterBack',
    label: 'Back (presenter)',
    keys: ['PageUp'],
    help: 'The narration’s step before, or with no narration the event before (a presenter remote’s Back)',
    enabled: (s) => s.ready && (s.narration.steps.length > 0 || s.seq > 0),
    perform: (s) => (s.narration.steps.length > 0 ? narrationBack() : sim.stepBack()),
  },
  {
    id: 'partition',
    label: 'Partition…',
    keys: ['x'],
    help: 'Split the cluster into two groups you choose',
    enabled: (s) => s.ready,
    perform: () => ui.setPartition(true),
  },
  {
    id: 'heal',
    label: 'Heal network',
    keys: ['h'],
    help: 'Remove every partition and cut link',
    enabled: (s) => s.network.groups !== null || s.network.cuts.length > 0,
    perform: () => sim.act({ do: 'heal' }),
  },
  {
    id: 'slower',
    label: 'Slower',
    keys: ['-'],
    help: 'Halve the speed',
    enabled: always,
    perform: (s) => setSpeed(s.speed / 2),
  },
  {
    id: 'faster',
    label: 'Faster',
    keys: ['+', '='],
    help: 'Double the speed',
    enabled: always,
    perform: (s) => setSpeed(s.speed * 2),
  },
  {
    id: 'resetSame',
    label: 'Reset',
    keys: ['0'],
    help: 'Start again with the same seed',
    enabled: (s) => s.ready,
    perform: (s) => sim.send({ type: 'reset', seed: s.seed }),
  },
  {
    id: 'resetNew',
    label: 'New seed',
    keys: ['n'],
    help: 'Start again with a new seed',
    enabled: (s) => s.ready,
    perform: (s) => sim.send({ type: 'reset', seed: nextSeed(s.seed) }),
  },
  {
    id: 'nextNode',
    label: 'Select next server',
    keys: [']'],
    help: 'Select the next server (its Inspector opens)',
    enabled: (s) => s.ids.length > 0,
    perform: (s, u) => {
      const i = u.selectedNode === null ? -1 : s.ids.indexOf(u.selectedNode);
      ui.selectNode(s.ids[(i + 1) % s.ids.length] ?? null);
    },
  },
  {
    id: 'previousNode',
    label: 'Select previous server',
    keys: ['['],
    help: 'Select the previous server',
    enabled: (s) => s.ids.length > 0,
    perform: (s, u) => {
      const i = u.selectedNode === null ? 0 : s.ids.indexOf(u.selectedNode);
      ui.selectNode(s.ids[(i - 1 + s.ids.length) % s.ids.length] ?? null);
    },
  },
  {
    id: 'help',
    label: 'Help',
    keys: ['?'],
    help: 'Show this list of keys',
    enabled: always,
    perform: () => ui.setHelp(true),
  },
  {
    id: 'escape',
    label: 'Close',
    keys: ['Escape'],
    help: 'Close a dialog, or clear the selection',
    enabled: always,
    perform: (_s, u) => {
      if (u.helpOpen) ui.setHelp(false);
      else if (u.presenting) ui.setPresenting(false);
      else if (u.partitionOpen) ui.setPartition(false);
      else ui.selectNode(null);
    },
  },
];

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`no command ${id}`);
  return c;
}

export function run(c: Command): void {
  const s = useSim.getState();
  const u = useUi.getState();
  if (c.enabled(s, u)) c.perform(s, u);
}

/** The keys a slider takes for itself (ARIA slider pattern); every other key is a shortcut. */
const SLIDER_KEYS: ReadonlySet<string> = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** Input types that are pressed like a button. */
const BUTTON_INPUTS: ReadonlySet<string> = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'color', 'file']);

/** Roles of elements that Enter or Space presses. */
const PRESSABLE_ROLES: ReadonlySet<string> = new Set([
  'button',
  'checkbox',
  'switch',
  'link',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'tab',
]);

/**
 * Whether the focused element `target` keeps key `key` for itself rather than a shortcut:
 * a text field keeps every key; a slider its arrows, Home, End and Page Up/Down; a select
 * reached by keyboard every key; a button (or the like) Enter, and Space too when it was
 * reached by keyboard or sits in an open dialog. After a click on a button, Space is the
 * shortcut again (Play / Pause), not a second press of that button.
 */
export function keptByFocused(target: Element | null, key: string, byClick: boolean): boolean {
  if (target === null || !('tagName' in target)) return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    if (type === 'range') return SLIDER_KEYS.has(key);
    if (!BUTTON_INPUTS.has(type)) return true;
  } else if (tag === 'SELECT') {
    return !byClick;
  }
  const role = el.getAttribute('role');
  const pressable =
    tag === 'BUTTON' ||
    tag === 'INPUT' ||
    tag === 'SUMMARY' ||
    (tag === 'A' && el.hasAttribute('href')) ||
    (role !== null && PRESSABLE_ROLES.has(role));
  if (!pressable) return false;
  if (key === 'Enter') return true;
  if (key !== ' ') return false;
  return !byClick || el.closest('dialog[open]') !== null;
}

/**
 * Finds the command for a key press: none for a press with Ctrl, Meta or Alt, for one a
 * handler already took (its default prevented), or for a key the focused element keeps for
 * itself (`keptByFocused`; Escape still closes from a text field).
 */
export function commandForKey(e: KeyboardEvent): Command | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return undefined;
  const target = e.target instanceof Element ? e.target : null;
  if (keptByFocused(target, e.key, focusedByClick(target))) return e.key === 'Escape' ? command('escape') : undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const matching = COMMANDS.filter((c) => c.keys.includes(key) || c.keys.includes(e.key));
  // Where two commands share a key (the arrows in presentation mode), the first enabled now wins.
  const s = useSim.getState();
  const u = useUi.getState();
  return matching.find((c) => c.enabled(s, u)) ?? matching[0];
}

export function keyLabel(key: string): string {
  if (key === ' ') return 'Space';
  if (key === 'ArrowRight') return '→';
  if (key === 'ArrowLeft') return '←';
  return key.length === 1 ? key.toUpperCase() : key;
}
