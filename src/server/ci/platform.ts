import type { DeploymentStatus } from "@/server/records/deployments/deployment.schema";

/**
 * What GitHub and GitLab implement for deployments and CI (src/server/integrations/<provider>/ci.ts):
 * Switchboard's deployments created there and their statuses pushed, workflow or pipeline runs
 * started by pipeline rules, and those runs' progress read from the platform's webhooks. Errors
 * are the issue sync's verdicts (IssueSyncApiError: retryable or not, in the platform's words).
 */
export type CiTarget = { integrationId: string; config: Readonly<Record<string, unknown>>; secrets: Readonly<Record<string, string>> };

export type DeploymentForPlatform = {
  id: string;
  environment: string;
  ref: string | null;
  sha: string | null;
  version: string | null;
  description: string;
  status: DeploymentStatus;
  /** The deployed environment's URL. */
  url: string | null;
  /** The deployment's page in Switchboard. */
  absoluteUrl: string;
};

export type RunRequest = { workflow: string; ref: string; inputs: Record<string, string> };
export type RunStatus = "queued" | "in_progress" | "completed";
export type StartedRun = { externalId: string | null; url: string | null };
/** A run's progress as a platform webhook tells it. */
export type CiRunReport = { externalId: string; status: RunStatus; conclusion: string | null; url: string | null };

export interface CiPlatform {
  /** The label of the platform in messages ("GitHub"). */
  label: string;
  /** Whether the stored config pushes deployments, and of which service only (undefined: all). Null: it pushes none. */
  deploymentPush(config: Readonly<Record<string, unknown>>): { service?: string } | null;
  /** Why this deployment cannot be created there (yet), or null: GitLab needs a commit and a ref, and no queued state. */
  cannotCreate(deployment: DeploymentForPlatform): string | null;
  /** Creates it there with its current status. */
  createDeployment(target: CiTarget, deployment: DeploymentForPlatform): Promise<{ externalId: string; url: string | null }>;
  setDeploymentStatus(target: CiTarget, externalId: string, deployment: DeploymentForPlatform): Promise<void>;
  /** A rule's platform fields, checked on save: a message naming the field, or null. */
  checkRule(rule: { workflow: string }): string | null;
  startRun(target: CiTarget, run: RunRequest): Promise<StartedRun>;
}
