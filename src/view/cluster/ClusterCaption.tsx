import { useSim } from '../../store/simStore';
import { describeMoment } from './caption';

/**
 * The caption under the cluster, a polite live region: why the run paused (a breakpoint), or
 * else the state of the servers at the moment shown, the same servers the picture draws
 * (who leads in which term, who is crashed, how far the log is committed). It changes as an
 * election or a commit changes that state, so it still announces elections and commits.
 */
export function ClusterCaption() {
  const pausedBy = useSim((s) => s.pausedBy);
  const moment = useSim((s) => describeMoment(s.ids, s.nodes));
  return (
    <p className="status" role="status" aria-live="polite">
      {pausedBy ?? moment}
    </p>
  );
}
