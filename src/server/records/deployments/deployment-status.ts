import type { DeploymentStatus } from "./deployment.schema";

/** success, failure and cancelled end a deployment: its status never changes again. */
export const FINAL_STATUSES: readonly DeploymentStatus[] = ["success", "failure", "cancelled"];

export function isFinal(status: DeploymentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

const STAGE: Record<DeploymentStatus, number> = { queued: 0, in_progress: 1, success: 2, failure: 2, cancelled: 2 };

/**
 * Why `from` → `to` is refused, or null when the move is allowed (or no move at all). A deployment
 * only goes forward: queued → in_progress → success | failure | cancelled (a step may be skipped).
 * A finished one stays as it finished (record a new deployment to deploy again), and one in
 * progress does not go back to the queue.
 */
export function refusedTransition(from: DeploymentStatus, to: DeploymentStatus): string | null {
  if (from === to) return null;
  if (isFinal(from)) {
    return `This deployment already finished (${from}); a finished deployment's status cannot change. Record a new deployment to deploy again.`;
  }
  if (STAGE[to] < STAGE[from]) return `This deployment is already in progress; it cannot go back to ${to}.`;
  return null;
}

/**
 * The times a status change sets: `startedAt` when it goes in progress (kept if already set),
 * `finishedAt` when it finishes.
 */
export function timesFor(
  to: DeploymentStatus,
  current: { startedAt: Date | null; finishedAt: Date | null },
  at: Date,
): { startedAt: Date | null; finishedAt: Date | null } {
  return {
    startedAt: to === "in_progress" ? (current.startedAt ?? at) : current.startedAt,
    finishedAt: isFinal(to) ? (current.finishedAt ?? at) : current.finishedAt,
  };
}
