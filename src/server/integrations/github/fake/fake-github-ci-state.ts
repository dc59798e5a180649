import { GithubIssueState, githubNow, nodeId, type FakeRepo, type ResolvedRef } from "./fake-github-state";

/**
 * The fake GitHub's deployments (with their statuses and GitHub's auto-inactive) and Actions
 * (workflows a test declares, their dispatches and runs), on top of its issues
 * (fake-github-state.ts). Every change is reported through `onChange`, as there.
 */

/** GitHub's deployment status states (repos/create-deployment-status). */
export type DeploymentState = "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";
export type FakeDeploymentStatus = {
  id: number;
  nodeId: string;
  deploymentId: number;
  state: DeploymentState;
  /** The creator's login. */
  creator: string;
  description: string;
  environment: string;
  /** GitHub's legacy name for `logUrl`; setting either sets both. */
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
  updatedAt: string;
};
export type FakeDeployment = {
  id: number;
  nodeId: string;
  /** The repository's full name, as added. */
  repo: string;
  sha: string;
  /** As asked for: a branch, a tag or a commit SHA. */
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  /** The environment now (a status may move it), and the one it was created for. */
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: string;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  statuses: FakeDeploymentStatus[];
};

/** One input of a workflow's `on.workflow_dispatch.inputs`, as its YAML declares it. */
export type WorkflowInput = {
  required?: boolean;
  type?: "string" | "boolean" | "number" | "choice" | "environment";
  default?: string | boolean | number;
  options?: string[];
  description?: string;
};
export type FakeWorkflow = {
  id: number;
  nodeId: string;
  repo: string;
  name: string;
  /** ".github/workflows/eval.yml"; its file name is what `workflow_id` may be instead of the id. */
  path: string;
  /** Input name → declaration. */
  inputs: Record<string, WorkflowInput>;
  /** Whether the workflow has an `on: workflow_dispatch` trigger. */
  dispatchable: boolean;
  createdAt: string;
  updatedAt: string;
};
export type RunStatus = "queued" | "in_progress" | "completed";
export type RunConclusion = "success" | "failure" | "cancelled" | "skipped" | "timed_out" | "action_required" | "neutral" | "stale";
export type FakeWorkflowRun = {
  id: number;
  nodeId: string;
  repo: string;
  workflowId: number;
  /** Per workflow, from 1. */
  runNumber: number;
  event: "workflow_dispatch";
  status: RunStatus;
  conclusion: RunConclusion | null;
  /** The full ref dispatched on ("refs/heads/main", "refs/tags/v1"), the branch or tag name, and its commit. */
  ref: string;
  headBranch: string;
  headSha: string;
  /** The inputs as dispatched, with the declared defaults of those left out. */
  inputs: Record<string, string | boolean | number>;
  /** Who dispatched it. */
  actor: string;
  checkSuiteId: number;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
};

export class GithubState extends GithubIssueState {
  // ——— Deployments ———

  createDeployment(
    repo: FakeRepo,
    input: { ref: string; sha: string; task: string; payload: Record<string, unknown> | string; environment: string; description: string | null; transient: boolean; production: boolean },
    login: string,
  ): FakeDeployment {
    const at = githubNow();
    const id = ++this.ids.deployment;
    const deployment: FakeDeployment = {
      id,
      nodeId: nodeId("Deployment", id),
      repo: repo.fullName,
      sha: input.sha,
      ref: input.ref,
      task: input.task,
      payload: input.payload,
      environment: input.environment,
      originalEnvironment: input.environment,
      description: input.description,
      creator: this.user(login).login,
      transientEnvironment: input.transient,
      productionEnvironment: input.production,
      createdAt: at,
      updatedAt: at,
      statuses: [],
    };
    repo.deployments.set(id, deployment);
    this.onChange({ kind: "deployment", action: "created", repo, deployment, sender: this.user(login) });
    return deployment;
  }

  /**
   * A new status of the deployment. Its environment is the one given, else the previous status's,
   * else the deployment's — and becomes the deployment's. A `success` with `autoInactive` (GitHub's
   * default) adds an `inactive` status to every earlier deployment of the repository to that
   * environment whose latest status is `success`, unless it is transient or production.
   */
  addDeploymentStatus(
    deployment: FakeDeployment,
    input: { state: DeploymentState; description: string; environment?: string; logUrl: string; environmentUrl: string; autoInactive: boolean },
    login: string,
  ): FakeDeploymentStatus {
    const repo = this.repo(deployment.repo)!;
    const environment = input.environment ?? deployment.statuses.at(-1)?.environment ?? deployment.environment;
    const status = this.pushStatus(deployment, { ...input, environment }, login);
    if (input.state === "success" && input.autoInactive) {
      for (const earlier of repo.deployments.values()) {
        if (earlier.id >= deployment.id || earlier.environment !== environment || earlier.transientEnvironment || earlier.productionEnvironment) continue;
        if (earlier.statuses.at(-1)?.state !== "success") continue;
        this.pushStatus(earlier, { state: "inactive", description: "", environment, logUrl: "", environmentUrl: "" }, login);
      }
    }
    return status;
  }

  private pushStatus(deployment: FakeDeployment, input: { state: DeploymentState; description: string; environment: string; logUrl: string; environmentUrl: string }, login: string) {
    const at = githubNow();
    const id = ++this.ids.deploymentStatus;
    const status: FakeDeploymentStatus = {
      id,
      nodeId: nodeId("DeploymentStatus", id),
      deploymentId: deployment.id,
      state: input.state,
      creator: this.user(login).login,
      description: input.description,
      environment: input.environment,
      targetUrl: input.logUrl,
      logUrl: input.logUrl,
      environmentUrl: input.environmentUrl,
      createdAt: at,
      updatedAt: at,
    };
    deployment.statuses.push(status);
    deployment.environment = input.environment;
    deployment.updatedAt = at;
    this.onChange({ kind: "deployment_status", action: "created", repo: this.repo(deployment.repo)!, deployment, status, sender: this.user(login) });
    return status;
  }

  // ——— Actions ———

  addWorkflow(repo: FakeRepo, input: { path: string; name?: string; inputs?: Record<string, WorkflowInput>; dispatchable?: boolean }): FakeWorkflow {
    if (!/^\.github\/workflows\/[^/]+\.ya?ml$/.test(input.path)) throw new Error(`a workflow's path is ".github/workflows/<file>.yml", not "${input.path}"`);
    const file = input.path.split("/").at(-1)!;
    if ([...repo.workflows.values()].some((w) => w.path.split("/").at(-1) === file)) throw new Error(`${repo.fullName} already has a workflow ${file}`);
    const at = githubNow();
    const id = ++this.ids.workflow;
    const workflow: FakeWorkflow = {
      id,
      nodeId: nodeId("Workflow", id),
      repo: repo.fullName,
      name: input.name ?? file.replace(/\.ya?ml$/, ""),
      path: input.path,
      inputs: structuredClone(input.inputs ?? {}),
      dispatchable: input.dispatchable ?? true,
      createdAt: at,
      updatedAt: at,
    };
    repo.workflows.set(id, workflow);
    return workflow;
  }

  /** By id, or by file name ("eval.yml") as `workflow_id` may name it. */
  workflow(repo: FakeRepo, idOrFile: string): FakeWorkflow | undefined {
    if (/^\d+$/.test(idOrFile)) return repo.workflows.get(Number(idOrFile));
    return [...repo.workflows.values()].find((w) => w.path.split("/").at(-1) === idOrFile);
  }

  /** A `workflow_dispatch` event, and the run it makes: queued (`workflow_run` requested). */
  dispatchWorkflow(repo: FakeRepo, workflow: FakeWorkflow, ref: ResolvedRef, inputs: Record<string, string | boolean | number>, login: string): FakeWorkflowRun {
    const at = githubNow();
    const id = ++this.ids.run;
    const runNumber = [...repo.runs.values()].filter((r) => r.workflowId === workflow.id).length + 1;
    const run: FakeWorkflowRun = {
      id,
      nodeId: nodeId("WorkflowRun", id),
      repo: repo.fullName,
      workflowId: workflow.id,
      runNumber,
      event: "workflow_dispatch",
      status: "queued",
      conclusion: null,
      ref: ref.ref,
      headBranch: ref.name,
      headSha: ref.sha,
      inputs,
      actor: this.user(login).login,
      checkSuiteId: ++this.ids.checkSuite,
      createdAt: at,
      updatedAt: at,
      runStartedAt: at,
    };
    repo.runs.set(id, run);
    const sender = this.user(login);
    this.onChange({ kind: "workflow_dispatch", repo, workflow, run, sender });
    this.onChange({ kind: "workflow_run", action: "requested", repo, workflow, run, sender });
    return run;
  }

  /** A queued run starts (`workflow_run` in_progress); one already started is left as it is. */
  startRun(run: FakeWorkflowRun): void {
    if (run.status !== "queued") return;
    const at = githubNow();
    Object.assign(run, { status: "in_progress", runStartedAt: at, updatedAt: at });
    this.runChanged(run, "in_progress");
  }

  /** The run ends with `conclusion` (`workflow_run` completed), started first if it was still queued. */
  completeRun(run: FakeWorkflowRun, conclusion: RunConclusion): void {
    if (run.status === "completed") throw new Error(`workflow run ${run.id} has already completed (${run.conclusion})`);
    this.startRun(run);
    Object.assign(run, { status: "completed", conclusion, updatedAt: githubNow() });
    this.runChanged(run, "completed");
  }

  private runChanged(run: FakeWorkflowRun, action: "in_progress" | "completed") {
    const repo = this.repo(run.repo)!;
    this.onChange({ kind: "workflow_run", action, repo, workflow: repo.workflows.get(run.workflowId)!, run, sender: this.user(run.actor) });
  }
}
