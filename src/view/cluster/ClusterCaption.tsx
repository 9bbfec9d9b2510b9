import { useSim } from '../../store/simStore';

/**
 * The caption under the cluster, a polite live region: why the run paused (a breakpoint), or
 * the latest election or commit in words.
 */
export function ClusterCaption() {
  const announcement = useSim((s) => s.announcement);
  const pausedBy = useSim((s) => s.pausedBy);
  return (
    <p className="status" role="status" aria-live="polite">
      {pausedBy ?? announcement}
    </p>
  );
}
