/**
 * What a person can do with the session as a whole: share it as a link, save and open it
 * as a file, export its trace, record it as a scenario and open a scenario file, and export
 * a picture of the moment.
 */
import { useRef } from 'react';
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

export function SessionMenu() {
  const ready = useSim((s) => s.ready);
  return (
    <div className="session-menu">
      <div className="session-tools" role="toolbar" aria-label="Session">
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
      </div>
      <SharedLink />
    </div>
  );
}
