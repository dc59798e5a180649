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

export { deploymentDuration, leadTime, shortSha } from "./format";
