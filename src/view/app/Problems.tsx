import { useSim } from '../../store/simStore';
import { sim } from '../../store/simClient';
import { ui, useUi } from '../../store/uiStore';

/** Alerts at the top of the page: the simulation stopped, a safety violation, notices about bad input. */
export function Problems() {
  const error = useSim((s) => s.error);
  const violations = useSim((s) => s.violations);
  const notices = useUi((s) => s.notices);
  return (
    <>
      {error !== null && (
        <div className="banner error" role="alert">
          <p>The simulation stopped: {error}</p>
          <button type="button" onClick={() => sim.restart(useSim.getState().seed)}>
            Restart simulation
          </button>
        </div>
      )}
      {violations.length > 0 && (
        <div className="banner violation" role="alert">
          <p>
            <strong>Safety violation.</strong> {violations[0]}
            {violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''}
          </p>
        </div>
      )}
      {notices.map((n, i) => (
        <div className="banner notice" role="alert" key={`${i}-${n}`}>
          <p>{n}</p>
          <button type="button" className="quiet" onClick={() => ui.dismissNotice(i)}>
            Dismiss
          </button>
        </div>
      ))}
    </>
  );
}
