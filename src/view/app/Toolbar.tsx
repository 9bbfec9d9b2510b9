import { useClock, useSim } from '../../store/simStore';
import { useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { command, keyLabel, run } from './commands';
import { MAX_SPEED, MIN_SPEED } from './urlParams';
import { NarrationButtons } from '../teaching/Narration';

export function CommandButton({ id, className, label }: { id: string; className?: string; label?: string }) {
  const c = command(id);
  const enabled = useSim((s) => c.enabled(s, useUi.getState()));
  const keys = c.keys.map(keyLabel).join(' or ');
  return (
    <button
      type="button"
      className={className}
      disabled={!enabled}
      onClick={() => run(c)}
      aria-keyshortcuts={c.keys.map((k) => (k === ' ' ? 'Space' : k)).join(' ')}
      title={`${c.help} (${keys})`}
    >
      {label ?? c.label}
    </button>
  );
}

function PlayPause() {
  const running = useSim((s) => s.running);
  const ready = useSim((s) => s.ready);
  const c = command('playPause');
  return (
    <button
      type="button"
      className="primary play"
      disabled={!ready}
      onClick={() => run(c)}
      aria-keyshortcuts="Space ."
      title="Pause or resume (Space or .)"
    >
      <span aria-hidden="true">{running ? '❚❚' : '▶'}</span> {running ? 'Pause' : 'Play'}
    </button>
  );
}

function Clock() {
  // The formatted text, so the clock re-renders only when what it shows changes.
  const text = useClock((c) => (c.t / 1000).toFixed(3));
  return (
    // A timer, not a live region: screen readers read it when asked, not on every change.
    <span className="clock" role="timer" aria-label="Virtual time">
      t = {text} s
    </span>
  );
}

const toSlider = (speed: number) => Math.log10(speed);
const fromSlider = (v: number) => Math.min(MAX_SPEED, Math.max(MIN_SPEED, 10 ** v));

function SpeedControl() {
  const speed = useSim((s) => s.speed);
  const text = speed >= 0.1 ? speed.toFixed(2) : speed.toPrecision(2);
  return (
    <label className="speed">
      <span>Speed</span>
      <input
        type="range"
        min={toSlider(MIN_SPEED)}
        max={toSlider(MAX_SPEED)}
        step="any"
        value={toSlider(speed)}
        aria-valuetext={`${text} simulated milliseconds per real millisecond`}
        onChange={(e) => sim.send({ type: 'setSpeed', speed: fromSlider(Number(e.target.value)) })}
      />
      <span className="speed-value">{text}×</span>
    </label>
  );
}

function Seed() {
  const seed = useSim((s) => s.seed);
  const scenario = useSim((s) => s.scenario);
  return (
    <span className="seed" title="The run is reproduced exactly by its scenario and seed">
      {scenario} · seed {seed}
    </span>
  );
}

/** The narration's Back and Next in the toolbar: the stylesheet shows them in the presentation strip and the phone's bar only. */
function NarrationNav() {
  const narrated = useSim((s) => s.narration.steps.length > 0);
  if (!narrated) return null;
  return (
    <span className="strip-nav">
      <NarrationButtons />
    </span>
  );
}

/**
 * Playback controls in three groups the stylesheet places by layout: the transport (Back /
 * Next of a narration, Step back, Play / Pause, Step and the time: the presentation strip and
 * the phone's bottom bar), running to a point and the speed, and the page's view (presentation
 * mode, keys).
 */
export function Toolbar() {
  return (
    <div className="toolbar" role="toolbar" aria-label="Playback">
      <div className="group transport">
        <NarrationNav />
        <CommandButton id="stepBack" label="Step back" className="step-back" />
        <PlayPause />
        <CommandButton id="step" label="Step" />
        <Clock />
      </div>
      <div className="group runs">
        <CommandButton id="nextDelivery" />
        <CommandButton id="runToElection" />
        <SpeedControl />
      </div>
      <div className="group view">
        <PresentationToggle />
        <CommandButton id="help" label="Keys ?" />
      </div>
    </div>
  );
}

/** The run's identity (its scenario and seed) and starting it again. */
export function RunIdentity() {
  return (
    <div className="run-identity" role="group" aria-label="Run">
      <Seed />
      <CommandButton id="resetSame" />
      <CommandButton id="resetNew" />
    </div>
  );
}

/** What a person can do to the cluster. */
export function ClusterActions() {
  return (
    <div className="actions" role="toolbar" aria-label="Cluster actions">
      <CommandButton id="clientWrite" className="primary" />
      <CommandButton id="partition" />
      <CommandButton id="heal" />
      <CommandButton id="restartLeader" />
      <CommandButton id="spreadTimers" />
      <CommandButton id="alignTimers" />
      <CommandButton id="resumeAll" />
      <HoldToggle />
    </div>
  );
}

/** Hold messages: a toggle, so its state is announced as pressed or not. */
function HoldToggle() {
  const hold = useSim((s) => s.hold);
  const ready = useSim((s) => s.ready);
  return (
    <button
      type="button"
      className={hold ? 'warning' : undefined}
      aria-pressed={hold}
      disabled={!ready}
      onClick={() => run(command('hold'))}
      aria-keyshortcuts="m"
      title="Keep every new message in the network until you deliver it; timers keep running (M)"
    >
      Hold messages
    </button>
  );
}

function PresentationToggle() {
  const presenting = useUi((s) => s.presenting);
  return (
    <button
      type="button"
      className="presentation-toggle"
      aria-pressed={presenting}
      onClick={() => run(command('presentation'))}
      aria-keyshortcuts="p"
      title={
        presenting
          ? 'On: the cluster, the logs and the narration fill the screen. Press to leave (P or Escape)'
          : 'The cluster, the logs and the narration fill the screen in large type; Page Down / Page Up step (P)'
      }
    >
      <span className="toggle-mark" aria-hidden="true">
        {presenting ? '✓' : ''}
      </span>
      Presentation mode
    </button>
  );
}
