/**
 * A leader's one timer (its `deadline`, own clock ms): the earliest of what it must do next.
 * Figure 2 alone: its next heartbeat. With checkQuorum on (§6.2), also the moment its majority's
 * contact runs out; with a leadership transfer in progress (§3.10), also the transfer's end.
 * With neither, the deadline is exactly the next heartbeat, so no extra wake-up happens.
 */
import { quorumDeadline } from './checkQuorum';
import type { NodeContext } from './types';

/**
 * The leader's deadline given its followers' heartbeat times `heartbeatDue` (one per peer,
 * own clock ms): min(next heartbeat, quorum deadline if checkQuorum is on, transfer deadline if
 * a transfer is in progress).
 */
export function leaderDeadline(ctx: NodeContext, heartbeatDue: readonly number[]): number {
  let deadline = Math.min(...heartbeatDue);
  if (ctx.config.extensions.checkQuorum) deadline = Math.min(deadline, quorumDeadline(ctx));
  const transfer = ctx.leading?.transfer ?? null;
  if (transfer !== null) deadline = Math.min(deadline, transfer.deadline);
  return deadline;
}
