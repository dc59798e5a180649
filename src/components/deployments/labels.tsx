import type { DeploymentStatus } from "@/generated/prisma/enums";
import { Badge, type Tone } from "@/components/ui/badge";

// Mirrors DEPLOYMENT_STATUSES in src/server/records/deployments/deployment.schema.ts, kept here so
// client bundles do not pull in the server's zod schemas.
export const DEPLOYMENT_STATUSES: DeploymentStatus[] = ["queued", "in_progress", "success", "failure", "cancelled"];
export const FINAL_STATUSES: DeploymentStatus[] = ["success", "failure", "cancelled"];

export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatus, string> = {
  queued: "Queued",
  in_progress: "In progress",
  success: "Succeeded",
  failure: "Failed",
  cancelled: "Cancelled",
};

const TONES: Record<DeploymentStatus, Tone> = { queued: "slate", in_progress: "sky", success: "emerald", failure: "red", cancelled: "amber" };

export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return <Badge tone={TONES[status]}>{DEPLOYMENT_STATUS_LABELS[status]}</Badge>;
}

export const SOURCE_LABELS: Record<string, string> = { api: "API or dashboard", github: "GitHub deployment", github_push: "Push to a deploy branch" };

/** A commit id as people read it: its first 7 digits. */
export function shortSha(sha: string | null): string | null {
  return sha ? sha.slice(0, 7) : null;
}

/**
 * How long it took (start to finish), or ran so far ("4m 30s"); null without a start time — a
 * deployment recorded finished, or one that never went in progress, has no honest duration.
 */
export function deploymentDuration(deployment: { startedAt: Date | null; finishedAt: Date | null }, now = Date.now()): string | null {
  if (!deployment.startedAt) return null;
  const end = deployment.finishedAt?.getTime() ?? now;
  const seconds = Math.max(0, Math.round((end - deployment.startedAt.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${minutes % 60}m`;
}
