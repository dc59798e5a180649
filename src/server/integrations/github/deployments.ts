import type { DeploymentStatus } from "@/generated/prisma/enums";
import type { InboundDeployment, StoredConfig } from "../provider";
import { at, firstStr, num, str } from "../shared/read";
import { githubDeploymentsSchema, type GithubDeploymentsConfig } from "./config";

/**
 * Deployments from GitHub
 * =======================
 *
 * - `deployment` (action `created`): a deployment GitHub (an Actions job with an `environment`,
 *   a deploy tool using the Deployments API) started; recorded queued, with its environment, ref,
 *   sha, description and creator. GitHub's deployment id is the external id.
 * - `deployment_status` (action `created`): a new state of that deployment. Its payload carries
 *   the deployment too, so a status that arrives before its deployment records it all the same.
 *   GitHub's states map to ours: pending and queued → queued, in_progress → in_progress,
 *   success → success, failure and error → failure, inactive (GitHub retired it for a newer one)
 *   → cancelled; the deployment's URL is the status's environment_url, else its target_url
 *   (log_url in GitHub's newer API).
 * - `push` to a branch the config's `deployments.branches` names (commit-based deployments):
 *   a successful deployment of `after` to `deployments.environment`, committed when its oldest
 *   commit was (the start of its DORA lead time). Branch deletions and tags
 *   record nothing. The external id is `push:<before>..<after>`, so a redelivery or a replay of
 *   the push updates the same deployment while pushing the same commit again later records a new one.
 */

const STATES: Record<string, DeploymentStatus> = {
  pending: "queued",
  queued: "queued",
  waiting: "queued",
  in_progress: "in_progress",
  success: "success",
  failure: "failure",
  error: "failure",
  inactive: "cancelled",
};

const ZERO_SHA = /^0+$/;

/** The config's `deployments`, read as processing finds it stored; a malformed one (edited by hand in the database) records no pushes. */
function deploymentsConfig(config: StoredConfig): GithubDeploymentsConfig | null {
  if (config.deployments === undefined) return null;
  const parsed = githubDeploymentsSchema.safeParse(config.deployments);
  return parsed.success ? parsed.data : null;
}

function time(value: unknown): Date | null {
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value * 1000); // push: repository.pushed_at, in seconds
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A non-empty string, or null. */
function present(value: string | undefined | null): string | null {
  return value && value.trim() ? value : null;
}

function fromDeployment(deployment: unknown, service: string | null): Omit<InboundDeployment, "status" | "url" | "at"> | null {
  const id = num(deployment, "id") ?? present(str(deployment, "id"));
  const environment = present(firstStr(deployment, "environment", "original_environment"));
  if (id === undefined || id === null || !environment) return null;
  return {
    externalId: String(id),
    source: "github",
    environment,
    ref: present(str(deployment, "ref")),
    sha: present(str(deployment, "sha")),
    description: present(str(deployment, "description")),
    creator: present(str(deployment, "creator.login")),
    service,
    // GitHub's deployment names its commit, not when it was made: the lead time needs a push.
    committedAt: null,
  };
}

export function githubDeployments(eventType: string, payload: unknown, config: StoredConfig): InboundDeployment[] {
  const settings = deploymentsConfig(config);
  const service = settings?.service ?? null;
  switch (eventType) {
    case "deployment.created": {
      const deployment = fromDeployment(at(payload, "deployment"), service);
      return deployment ? [{ ...deployment, status: null, url: null, at: time(at(payload, "deployment.created_at")) }] : [];
    }
    case "deployment_status.created": {
      const deployment = fromDeployment(at(payload, "deployment"), service);
      if (!deployment) return [];
      const state = str(payload, "deployment_status.state")?.toLowerCase();
      return [{
        ...deployment,
        status: (state !== undefined && Object.hasOwn(STATES, state) ? STATES[state] : null) ?? null,
        url: present(firstStr(payload, "deployment_status.environment_url")) ?? present(firstStr(payload, "deployment_status.target_url", "deployment_status.log_url")),
        at: time(at(payload, "deployment_status.created_at")),
      }];
    }
    case "push":
      return settings ? pushDeployment(payload, settings) : [];
    default:
      return [];
  }
}

function pushDeployment(payload: unknown, settings: GithubDeploymentsConfig): InboundDeployment[] {
  const ref = str(payload, "ref") ?? "";
  if (!ref.startsWith("refs/heads/") || at(payload, "deleted") === true) return [];
  const branch = ref.slice("refs/heads/".length);
  if (!settings.branches.includes(branch)) return [];
  const after = str(payload, "after") ?? "";
  const before = str(payload, "before") ?? "";
  if (!/^[0-9a-f]{40}$/i.test(after) || ZERO_SHA.test(after)) return [];
  const message = present(str(payload, "head_commit.message"));
  return [{
    externalId: `push:${before}..${after}`,
    source: "github_push",
    environment: settings.environment,
    ref: branch,
    sha: after,
    description: message ? message.split("\n")[0] : null,
    creator: present(firstStr(payload, "sender.login", "pusher.name")),
    url: null,
    status: "success",
    at: time(at(payload, "repository.pushed_at")) ?? time(at(payload, "head_commit.timestamp")),
    service: settings.service ?? null,
    committedAt: oldestCommit(payload),
  }];
}

/** When the push's oldest commit was made (GitHub lists up to 20; the head commit when there is no list): the start of its lead time. */
function oldestCommit(payload: unknown): Date | null {
  const commits = at(payload, "commits");
  const times = (Array.isArray(commits) && commits.length > 0 ? commits : [at(payload, "head_commit")]).map((commit) => time(at(commit, "timestamp"))).filter((date): date is Date => date !== null);
  return times.length > 0 ? new Date(Math.min(...times.map((date) => date.getTime()))) : null;
}
