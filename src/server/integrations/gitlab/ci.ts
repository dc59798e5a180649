import { Gitlab } from "@gitbeaker/rest";
import type { CiPlatform, CiRunReport, CiTarget } from "@/server/ci/platform";
import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import { at, num, str } from "../shared/read";
import { gitlabProjectOf } from "./config";
import { gitlabError } from "./issue-sync/errors";
import { gitlabRequester } from "./issue-sync/requester";
import { GITLAB_BASE_URL } from "./issue-sync/tracker";

/**
 * GitLab's side of deployments and CI (src/server/ci/platform.ts), through gitbeaker over the
 * guarded transport, with the integration's token: Switchboard's deployments as GitLab
 * deployments (created at their first status past queued: GitLab's API takes running, success,
 * failed or canceled), and pipelines created for pipeline rules with their inputs as variables.
 */
const STATUSES = { in_progress: "running", success: "success", failure: "failed", cancelled: "canceled" } as const;

function client(target: CiTarget) {
  const token = target.secrets.token;
  if (!token) throw new IssueSyncApiError("unauthorized", "no token is configured: a GitLab token with the api scope (Developer on the project) is needed");
  const project = gitlabProjectOf(target.config);
  if (!project) throw new IssueSyncApiError("not_found", "the integration names no project");
  const host = (typeof target.config.baseUrl === "string" ? target.config.baseUrl : GITLAB_BASE_URL).replace(/\/+$/, "");
  const api = new Gitlab({ host, token, requesterFn: gitlabRequester(platformFetch), queryTimeout: null, rateLimits: {} });
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw gitlabError(error, what);
    }
  };
  return { api, project, call };
}

export const gitlabCi: CiPlatform = {
  label: "GitLab",
  deploymentPush(config) {
    const deployments = config.deployments as { push?: unknown; service?: unknown } | undefined;
    if (deployments?.push !== true) return null;
    return typeof deployments.service === "string" ? { service: deployments.service } : {};
  },
  cannotCreate(deployment) {
    if (!deployment.sha || !deployment.ref) return "GitLab needs both its commit (sha) and its ref";
    if (deployment.status === "queued") return "GitLab takes a deployment once it runs";
    return null;
  },
  async createDeployment(target, deployment) {
    const { api, project, call } = client(target);
    const status = STATUSES[deployment.status as keyof typeof STATUSES];
    const created = await call(`a deployment in ${project} (POST /projects/:id/deployments)`, () =>
      api.Deployments.create(project, deployment.environment, deployment.sha!, deployment.ref!, false, { status }),
    );
    const id = num(created, "id");
    if (id === undefined) throw new IssueSyncApiError("bad_answer", `GitLab created no deployment in ${project}`);
    return { externalId: String(id), url: null };
  },
  async setDeploymentStatus(target, externalId, deployment) {
    const status = STATUSES[deployment.status as keyof typeof STATUSES];
    if (!status) return; // queued: nothing GitLab can show
    const { api, project, call } = client(target);
    await call(`the status of deployment ${externalId} in ${project}`, () => api.Deployments.edit(project, Number(externalId), status));
  },
  checkRule: (rule) => (rule.workflow === "" ? null : "workflow: leave it empty for GitLab (the project's .gitlab-ci.yml runs)"),
  async startRun(target, run) {
    const { api, project, call } = client(target);
    const variables = Object.entries(run.inputs).map(([key, value]) => ({ key, value, variable_type: "env_var" as const }));
    const pipeline = await call(`a pipeline on ${run.ref} in ${project}`, () => api.Pipelines.create(project, run.ref, { variables }));
    const id = num(pipeline, "id");
    return { externalId: id === undefined ? null : String(id), url: str(pipeline, "web_url") ?? null };
  },
};

const RUN_STATUS: Record<string, CiRunReport["status"]> = {
  created: "queued",
  waiting_for_resource: "queued",
  preparing: "queued",
  pending: "queued",
  scheduled: "queued",
  manual: "queued",
  running: "in_progress",
  success: "completed",
  failed: "completed",
  canceled: "completed",
  skipped: "completed",
};

/** A Pipeline Hook as a run's progress; a finished pipeline's status is its conclusion. */
export function gitlabRunReport(_eventType: string, payload: unknown): CiRunReport | null {
  if (str(payload, "object_kind") !== "pipeline") return null;
  const attributes = at(payload, "object_attributes");
  const id = num(attributes, "id");
  const raw = str(attributes, "status") ?? "";
  const status = RUN_STATUS[raw];
  if (id === undefined || !status) return null;
  return { externalId: String(id), status, conclusion: status === "completed" ? raw : null, url: str(attributes, "url") ?? null };
}
