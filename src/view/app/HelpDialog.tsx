import { useEffect, useRef } from 'react';
import { ui, useUi } from '../../store/uiStore';
import { COMMANDS, keyLabel } from './commands';
import './helpDialog.css';

/**
 * Every keyboard shortcut, from the command table. It opens at its top: the Close button that
 * takes the focus sits beside the title, so focusing it scrolls nothing away.
 */
export function HelpDialog() {
  const open = useUi((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      d.scrollTop = 0;
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog help-dialog" aria-labelledby="help-title" onClose={() => ui.setHelp(false)}>
      <form method="dialog" className="help-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
      <table className="keys">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {COMMANDS.map((c) => (
            <tr key={c.id}>
              <td>
                {c.keys.map((k) => (
                  <kbd key={k}>{keyLabel(k)}</kbd>
                ))}
              </td>
              <td>
                <strong>{c.label}</strong>: {c.help}
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Tab</kbd>
            </td>
            <td>
              Move between controls, servers, links and messages; Enter or Space presses the focused one (after a click,
              Space plays or pauses)
            </td>
          </tr>
        </tbody>
      </table>
    </dialog>
  );
}
