/**
 * Breakpoints: pause when a leader is elected, a term changes, an entry commits, a safety
 * property is violated (on by default), or a watch expression over the cluster becomes
 * true. The expression is checked as it is typed; the run uses it only once it is valid.
 */
import { useEffect, useId } from 'react';
import { compileWatch, WATCH_HELP } from '../../sim/scenario/watch';
import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import type { Breakpoints } from '../../worker/protocol';
import { ui, useUi } from '../../store/uiStore';

const BOXES: readonly { key: Exclude<keyof Breakpoints, 'watch'>; label: string }[] = [
  { key: 'leader', label: 'Pause on leader elected' },
  { key: 'term', label: 'Pause on term change' },
  { key: 'commit', label: 'Pause on commit' },
  { key: 'violation', label: 'Pause on safety violation' },
];

export function BreakpointsPanel() {
  const ids = useSim((s) => s.ids);
  const pausedBy = useSim((s) => s.pausedBy);
  // In the UI store, so that opening a shared session can set them.
  const config = useUi((s) => s.breakpoints);
  const text = useUi((s) => s.watchText);
  const helpId = useId();
  const errorId = useId();
  const compiled = text.trim() === '' ? null : compileWatch(text, ids);
  const error = compiled !== null && !compiled.ok ? compiled : null;
  const watch = compiled?.ok ? text : '';

  useEffect(() => {
    sim.setBreakpoints({ ...config, watch });
  }, [config, watch]);

  return (
    <section className="panel breakpoints" aria-label="Breakpoints">
      <h2>Breakpoints</h2>
      {pausedBy !== null && (
        <p className="paused-by" role="status">
          {pausedBy}
        </p>
      )}
      <div className="checks">
        {BOXES.map((b) => (
          <label key={b.key}>
            <input
              type="checkbox"
              checked={config[b.key]}
              onChange={(e) => ui.setBreakpoints({ ...config, [b.key]: e.target.checked })}
            />{' '}
            {b.label}
          </label>
        ))}
      </div>
      <label className="watch">
        <span>Watch expression</span>
        <input
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder="e.g. S1.term > 3"
          maxLength={200}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? `${errorId} ${helpId}` : helpId}
          onChange={(e) => ui.setWatchText(e.target.value)}
        />
      </label>
      {error !== null ? (
        <p className="watch-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error.error}
          {error.column > 0 ? ` (at character ${error.column + 1})` : ''}
        </p>
      ) : compiled?.ok ? (
        <p className="watch-ok">✓ Pauses when this becomes true.</p>
      ) : null}
      <details className="watch-help">
        <summary>What can I write?</summary>
        <p id={helpId}>{WATCH_HELP}</p>
      </details>
    </section>
  );
}
