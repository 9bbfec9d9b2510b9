/**
 * What the page does with whole sessions: share one as a link, save and open it as a file,
 * export its trace, record it as a scenario file and open a scenario file. Everything that
 * comes in is validated first (src/share); a problem is answered with an alert that says
 * what is wrong, and the session on the page is left as it was. The validators and the
 * link codec are loaded when first needed, so the page opens without them.
 */

const validators = () => import('../../share/validateSession');
const links = () => import('../../share/sessionLink');
import { scenarioToJson, sessionToJson, type Session } from '../../share/session';
import type { Scenario } from '../../sim/scenario/scenario';
import { useClock, useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import type { SessionLoad } from '../../worker/protocol';
import { sim } from '../../store/simClient';
import { MAX_FILE_SIZE } from '../../sim/scenario/limits';
import { compileWatch } from '../../sim/scenario/watch';
import { downloadBlob } from '../picture/download';

/** The page's settings that travel with a session. */
function settings(): Session['settings'] {
  const u = useUi.getState();
  const s = useSim.getState();
  const compiled = u.watchText.trim() === '' ? null : compileWatch(u.watchText, s.ids);
  return { speed: s.speed, breakpoints: { ...u.breakpoints, watch: compiled?.ok ? u.watchText : '' } };
}

/** The narration step the page shows (none before Next was first pressed). */
function narrationPlace(): Pick<Session, 'narration'> {
  const { steps, index, revealed } = useSim.getState().narration;
  return index >= 0 && index < steps.length ? { narration: { index, revealed } } : {};
}

/** The session as it stands (pausing it), with the page's settings and narration step. */
async function currentSession(): Promise<Session | null> {
  const reply = await sim.request({ what: 'session' });
  if (reply.what !== 'session') {
    if (reply.what === 'refused') ui.notify(reply.message);
    return null;
  }
  return { ...reply.session, settings: settings(), ...narrationPlace() };
}

function fileStem(): string {
  const s = useSim.getState();
  return `raft-${s.scenario}-seed${s.seed}-t${Math.round(useClock.getState().t)}`;
}

/** The page's address without any session in it, for links. */
function pageBase(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

export async function share(): Promise<void> {
  const session = await currentSession();
  if (session === null) return;
  const link = await (await links()).sessionLink(session, pageBase());
  ui.setSharedLink(link);
  try {
    await navigator.clipboard.writeText(link);
    ui.setShareStatus('Link copied to the clipboard.');
  } catch {
    ui.setShareStatus('Copy the link below (the clipboard was not available).');
  }
}

export async function exportSession(): Promise<void> {
  const session = await currentSession();
  if (session === null) return;
  const text = JSON.stringify(sessionToJson(session), null, 1);
  downloadBlob(new Blob([text], { type: 'application/json' }), `${fileStem()}.session.json`);
}

export async function exportTrace(): Promise<void> {
  const reply = await sim.request({ what: 'trace' });
  if (reply.what === 'refused') ui.notify(reply.message);
  if (reply.what !== 'trace') return;
  downloadBlob(new Blob([reply.text], { type: 'application/x-ndjson' }), `${fileStem()}.trace.jsonl`);
}

export async function startRecording(): Promise<void> {
  const reply = await sim.request({ what: 'session' });
  if (reply.what === 'session') ui.setRecordingFrom(reply.session.moment);
}

export async function stopRecording(): Promise<void> {
  const from = useUi.getState().recordingFrom;
  ui.setRecordingFrom(null);
  if (from === null) return;
  const reply = await sim.request({ what: 'recording', from });
  if (reply.what === 'refused') ui.notify(reply.message);
  if (reply.what !== 'recording') return;
  const text = JSON.stringify(scenarioToJson(reply.scenario), null, 2);
  downloadBlob(new Blob([text], { type: 'application/json' }), `${reply.scenario.name}.json`);
  if (reply.divergesAt !== null)
    ui.notify(
      `The recording was saved, but replaying it differs from your session from event ${reply.divergesAt} on: an action made between two events of one instant cannot be written as a scenario step.`,
    );
}

/** What the worker needs of a session to reproduce it. */
export function loadOf(session: Session): SessionLoad {
  return {
    scenario: session.scenario,
    seed: session.seed,
    inputs: session.inputs,
    head: session.head,
    moment: session.moment,
    ...(session.narration === undefined ? {} : { narration: session.narration }),
  };
}

/** Opens a validated session in place of the current one: the run in the worker, the settings on the page. */
export async function openSession(session: Session): Promise<boolean> {
  const opened = await sim.open(loadOf(session));
  if (opened) applySettings(session.settings);
  return opened;
}

/** Takes a session out of the page's address (one that was refused, so a reload does not refuse it again). */
export function forgetAddressSession(): void {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

export function applySettings(s: Session['settings']): void {
  const { watch, ...switches } = s.breakpoints;
  ui.setBreakpoints(switches);
  ui.setWatchText(watch);
  sim.send({ type: 'setSpeed', speed: s.speed });
}

/** The load for a scenario file: its run from the start. */
export function scenarioLoad(scenario: Scenario): SessionLoad {
  return {
    scenario: { kind: 'inline', scenario },
    seed: scenario.seed,
    inputs: [],
    head: { seq: 0, t: 0 },
    moment: { seq: 0, t: 0 },
  };
}

async function readText(file: File, what: string): Promise<string | null> {
  if (file.size > MAX_FILE_SIZE) {
    ui.notify(`${file.name} is not a ${what}: it is too large (${file.size} bytes; at most ${MAX_FILE_SIZE}).`);
    return null;
  }
  try {
    return await file.text();
  } catch {
    ui.notify(`${file.name} could not be read.`);
    return null;
  }
}

function refusal(name: string, what: string, errors: readonly string[]): string {
  return `${name} is not a ${what}: ${errors.join('; ')}`;
}

export async function importSession(file: File): Promise<void> {
  const text = await readText(file, 'session');
  if (text === null) return;
  const result = (await validators()).parseSessionText(text);
  if (!result.ok) ui.notify(refusal(file.name, 'session this page can open', result.errors));
  else void (await openSession(result.value));
}

export async function openScenarioFile(file: File): Promise<void> {
  const text = await readText(file, 'scenario');
  if (text === null) return;
  const result = (await validators()).parseScenarioFileText(text);
  if (!result.ok) ui.notify(refusal(file.name, 'scenario this page can run', result.errors));
  else await sim.open(scenarioLoad(result.value));
}

/**
 * The session in the page's address (`#session=...`), if there is one: a validated session,
 * or null after an alert saying what is wrong with it.
 */
export async function sessionInAddress(): Promise<Session | null | undefined> {
  if (!location.hash.includes('session=')) return undefined;
  const pending = (await links()).sessionFromHash(location.hash);
  if (pending === null) return undefined;
  const result = await pending;
  if (result.ok) return result.value;
  ui.notify(result.errors.join(' '));
  forgetAddressSession();
  return null;
}
