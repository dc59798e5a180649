// Pure formatting for deployments, shared by the list and the detail page (and unit-tested).

/** A commit id as people read it: its first 7 digits. */
export function shortSha(sha: string | null): string | null {
  return sha ? sha.slice(0, 7) : null;
}

/** Seconds as people read a duration: "45s", "4m 30s", "3h 12m", "2d 5h". */
function readableSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/**
 * How long it took (start to finish), or ran so far ("4m 30s"); null without a start time — a
 * deployment recorded finished, or one that never went in progress, has no honest duration.
 */
export function deploymentDuration(deployment: { startedAt: Date | null; finishedAt: Date | null }, now = Date.now()): string | null {
  if (!deployment.startedAt) return null;
  const end = deployment.finishedAt?.getTime() ?? now;
  return readableSeconds(Math.max(0, Math.round((end - deployment.startedAt.getTime()) / 1000)));
}

/** Its DORA lead time (oldest commit to success), or null when it did not succeed or carries no commit time. */
export function leadTime(deployment: { status: string; committedAt: Date | null; finishedAt: Date | null }): string | null {
  if (deployment.status !== "success" || !deployment.committedAt || !deployment.finishedAt) return null;
  return readableSeconds(Math.max(0, Math.round((deployment.finishedAt.getTime() - deployment.committedAt.getTime()) / 1000)));
}
