import { Octokit } from "@octokit/rest";
import type { CiPlatform, CiRunReport, CiTarget, DeploymentForPlatform } from "@/server/ci/platform";
import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import { at, num, str } from "../shared/read";
import { githubRepositoryOf } from "./config";
import { githubError } from "./issue-sync/errors";
import { GITHUB_API_URL } from "./issue-sync/tracker";

/**
 * GitHub's side of deployments and CI (src/server/ci/platform.ts), through `@octokit/rest` over
 * the guarded transport, with the integration's token: Switchboard's deployments as GitHub
 * deployments with their statuses, and workflow dispatches for pipeline rules.
 */
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Ours → GitHub's deployment states; cancelled is GitHub's inactive, as inactive reads back as cancelled. */
const STATES = { queued: "queued", in_progress: "in_progress", success: "success", failure: "failure", cancelled: "inactive" } as const;

function client(target: CiTarget) {
  const token = target.secrets.token;
  if (!token) throw new IssueSyncApiError("unauthorized", "no token is configured: a GitHub token with Deployments (and Actions, for pipeline rules) read and write is needed");
  const repository = githubRepositoryOf(target.config);
  if (!repository) throw new IssueSyncApiError("not_found", "the integration names no repository");
  const [owner, repo] = repository.split("/");
  const apiUrl = typeof target.config.apiUrl === "string" ? target.config.apiUrl : GITHUB_API_URL;
  const octokit = new Octokit({ auth: token, baseUrl: apiUrl.replace(/\/+$/, ""), userAgent: "Switchboard-CI/1.0", log: silent, request: { fetch: platformFetch, redirect: "manual" } });
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw githubError(error, what);
    }
  };
  return { octokit, owner, repo, repository, call };
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const githubCi: CiPlatform = {
  label: "GitHub",
  deploymentPush(config) {
    const deployments = config.deployments as { push?: unknown; service?: unknown } | undefined;
    if (deployments?.push !== true) return null;
    return typeof deployments.service === "string" ? { service: deployments.service } : {};
  },
  cannotCreate: (deployment) => (deployment.sha || deployment.ref ? null : "it names no commit or ref"),
  async createDeployment(target, deployment) {
    const { octokit, owner, repo, repository, call } = client(target);
    const created = await call(`a deployment in ${repository} (POST /repos/{owner}/{repo}/deployments)`, () =>
      octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: (deployment.sha ?? deployment.ref)!,
        environment: deployment.environment,
        description: cut(deployment.description || `${deployment.version ?? "Deployment"} from Switchboard`, 140),
        // Switchboard records a deployment that happens; GitHub must not merge or wait on checks for it.
        auto_merge: false,
        required_contexts: [],
        payload: { switchboard_deployment: deployment.id },
      }),
    );
    const id = (created.data as { id?: number }).id;
    if (typeof id !== "number") throw new IssueSyncApiError("bad_answer", `GitHub created no deployment in ${repository}: ${JSON.stringify(created.data).slice(0, 200)}`);
    // Created with its status, as GitLab's are: a new GitHub deployment has none.
    await githubCi.setDeploymentStatus(target, String(id), deployment);
    return { externalId: String(id), url: null };
  },
  async setDeploymentStatus(target, externalId, deployment: DeploymentForPlatform) {
    const { octokit, owner, repo, repository, call } = client(target);
    await call(`the status of deployment ${externalId} in ${repository}`, () =>
      octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: Number(externalId),
        state: STATES[deployment.status],
        description: cut(deployment.description || `${deployment.status.replace("_", " ")} in Switchboard`, 140),
        log_url: deployment.absoluteUrl,
        ...(deployment.url ? { environment_url: deployment.url } : {}),
        environment: deployment.environment,
      }),
    );
  },
  checkRule: (rule) => (/^([A-Za-z0-9_.-]+\.ya?ml|\d+)$/.test(rule.workflow) ? null : "workflow: the workflow's file name (e.g. eval.yml) or its numeric id"),
  async startRun(target, run) {
    const { octokit, owner, repo, repository, call } = client(target);
    // `return_run_details` makes GitHub answer the run it started (200); without it (older servers) 204 and no run id.
    const answer = await call(`workflow ${run.workflow} on ${run.ref} in ${repository}`, () =>
      octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
        owner,
        repo,
        workflow_id: /^\d+$/.test(run.workflow) ? Number(run.workflow) : run.workflow,
        ref: run.ref,
        inputs: run.inputs,
        return_run_details: true,
      } as never),
    );
    const body = (answer as { data?: unknown }).data;
    const runId = num(body, "workflow_run_id");
    return { externalId: runId === undefined ? null : String(runId), url: str(body, "html_url") ?? null };
  },
};

const RUN_STATUS: Record<string, CiRunReport["status"]> = { requested: "queued", queued: "queued", waiting: "queued", pending: "queued", in_progress: "in_progress", completed: "completed" };

/** A `workflow_run` webhook (`workflow_run.<action>` as received) as a run's progress: the run a dispatch started has the same id. */
export function githubRunReport(eventType: string, payload: unknown): CiRunReport | null {
  if (eventType !== "workflow_run" && !eventType.startsWith("workflow_run.")) return null;
  const run = at(payload, "workflow_run");
  const id = num(run, "id");
  const status = RUN_STATUS[str(run, "status") ?? ""];
  if (id === undefined || !status) return null;
  return { externalId: String(id), status, conclusion: str(run, "conclusion") ?? null, url: str(run, "html_url") ?? null };
}
