/**
 * What a person can do with the session as a whole: share it as a link, save and open it
 * as a file, export its trace, record it as a scenario and open a scenario file, and export
 * a picture of the moment. A row of buttons on the everyday page; in presentation mode, where
 * only a slim strip shows, the same buttons behind one "Share and export" button.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useSim } from '../../store/simStore';
import { ui, useUi } from '../../store/uiStore';
import { PictureButtons } from '../picture/PictureButtons';
import {
  exportSession,
  exportTrace,
  importSession,
  openScenarioFile,
  share,
  startRecording,
  stopRecording,
} from './sessionActions';

/** A button that opens a file chooser and hands the chosen file on. */
function FileButton({ label, title, onFile }: { label: string; title: string; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" title={title} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

function RecordToggle() {
  const recording = useUi((s) => s.recordingFrom !== null);
  return (
    <button
      type="button"
      className={recording ? 'recording' : undefined}
      aria-pressed={recording}
      title={
        recording
          ? 'Stop recording and save the session as a scenario file'
          : 'Record what you do from now on; stopping saves it as a scenario file that replays it'
      }
      onClick={() => void (recording ? stopRecording() : startRecording())}
    >
      <span aria-hidden="true">{recording ? '■ ' : '● '}</span>Record
    </button>
  );
}

function SharedLink() {
  const link = useUi((s) => s.sharedLink);
  const status = useUi((s) => s.shareStatus);
  if (link === null) return null;
  return (
    <div className="shared-link" role="group" aria-label="Shared link">
      <p role="status">{status}</p>
      <label>
        <span>Link</span>
        <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" className="quiet" onClick={() => ui.setSharedLink(null)}>
        Close
      </button>
    </div>
  );
}

/**
 * The session's tools. `extra`: more buttons for the menu form only (presentation mode,
 * where the page's other controls are hidden).
 */
export function SessionMenu({ extra }: { extra?: ReactNode }) {
  const ready = useSim((s) => s.ready);
  const presenting = useUi((s) => s.presenting);
  const [open, setOpen] = useState(false);
  const toolsId = useId();
  const box = useRef<HTMLDivElement>(null);
  const asMenu = presenting;
  const shown = !asMenu || open;
  // An open menu closes on a press outside it.
  useEffect(() => {
    if (!asMenu || !open) return;
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [asMenu, open]);
  return (
    <div
      ref={box}
      className={`session-menu${asMenu ? ' as-menu' : ''}`}
      onKeyDown={(e) => {
        // Escape closes the menu (and only the menu: presentation mode stays on).
        if (asMenu && open && e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      {asMenu && (
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls={toolsId}
          onClick={() => setOpen(!open)}
          title="Share a link, save or open a session or a scenario, export the trace or a picture"
        >
          Share and export<span aria-hidden="true"> ▾</span>
        </button>
      )}
      {/* Hidden, not removed, while the menu is closed: a file chooser it opened still answers. */}
      <div
        id={toolsId}
        className="session-tools"
        role="toolbar"
        aria-label="Session"
        hidden={!shown}
        onClick={(e) => {
          if (asMenu && (e.target as HTMLElement).closest('button')) setOpen(false);
        }}
      >
        <button
          type="button"
          className="primary"
          disabled={!ready}
          onClick={() => void share()}
          title="Copy a link that reopens this session at this moment"
        >
          Share
        </button>
        <button type="button" disabled={!ready} onClick={() => void exportSession()} title="Save the session as a file">
          Export session
        </button>
        <FileButton label="Import session" title="Open a saved session file" onFile={(f) => void importSession(f)} />
        <button
          type="button"
          disabled={!ready}
          onClick={() => void exportTrace()}
          title="Save every event to this moment as JSON Lines (the CLI's trace format)"
        >
          Export trace
        </button>
        <RecordToggle />
        <FileButton
          label="Open scenario"
          title="Run a scenario file (one you recorded, or any in the scenario format)"
          onFile={(f) => void openScenarioFile(f)}
        />
        <PictureButtons />
        {asMenu && extra}
      </div>
      <SharedLink />
    </div>
  );
}
