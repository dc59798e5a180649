import { GitlabIssueState, sha, type FakeProject, type ResolvedRef } from "./fake-gitlab-state";

/**
 * The fake GitLab's pipeline trigger tokens, environments (made by their first deployment),
 * deployments with GitLab's status transitions, and pipelines, on top of its issues
 * (fake-gitlab-state.ts). Every change is reported through `onChange`, as there.
 */

/** A pipeline trigger token of the project; pipelines it triggers run as its owner. */
export type FakeTrigger = { id: number; projectId: number; token: string; owner: string; description: string; createdAt: string };
export type FakeEnvironment = { id: number; name: string; slug: string; tier: string; externalUrl: string | null; createdAt: string; updatedAt: string };
/** A deployment's status: `created` until the first event of its state machine moves it. */
export type DeploymentStatus = "created" | "running" | "success" | "failed" | "canceled";
export type FakeDeployment = {
  id: number;
  iid: number;
  projectId: number;
  /** The environment's name. */
  environment: string;
  ref: string;
  tag: boolean;
  sha: string;
  status: DeploymentStatus;
  /** Who created it. */
  user: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
};
export type PipelineStatus = "created" | "pending" | "running" | "success" | "failed" | "canceled" | "skipped";
export type PipelineVariable = { key: string; value: string; variableType: "env_var" | "file" };
export type FakePipeline = {
  id: number;
  iid: number;
  projectId: number;
  /** The branch or tag name. */
  ref: string;
  tag: boolean;
  sha: string;
  status: PipelineStatus;
  /** `trigger` (a trigger token) or `api` (an access token). */
  source: "trigger" | "api";
  variables: PipelineVariable[];
  /** Who it runs as: the trigger token's owner, or the token's user. */
  user: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** Running only from created; success, failed and canceled from any other status (GitLab's Deployment state machine). */
const DEPLOYMENT_EVENTS: Record<Exclude<DeploymentStatus, "created">, { event: string; from: (status: DeploymentStatus) => boolean }> = {
  running: { event: "run", from: (s) => s === "created" },
  success: { event: "succeed", from: (s) => s !== "success" },
  failed: { event: "drop", from: (s) => s !== "failed" },
  canceled: { event: "cancel", from: (s) => s !== "canceled" },
};

export class GitlabState extends GitlabIssueState {
  // ——— Pipeline trigger tokens ———

  addTrigger(project: FakeProject, input: { owner: string; token?: string; description?: string }): FakeTrigger {
    const id = ++this.ids.trigger;
    const token = input.token ?? `glptt-${sha("trigger", project.path, id).slice(0, 20)}`;
    if ([...this.projects.values()].some((p) => p.triggers.some((t) => t.token === token))) throw new Error("another trigger has this token");
    const trigger: FakeTrigger = { id, projectId: project.id, token, owner: this.user(input.owner).username, description: input.description ?? "Switchboard", createdAt: this.now() };
    project.triggers.push(trigger);
    return trigger;
  }

  triggerByToken(token: string): FakeTrigger | undefined {
    return [...this.projects.values()].flatMap((p) => p.triggers).find((t) => t.token === token);
  }

  // ——— Deployments ———

  /** The project's environment of that name, made by its first deployment as GitLab makes it. */
  environment(project: FakeProject, name: string): FakeEnvironment {
    const known = project.environments.get(name);
    if (known) return known;
    const at = this.now();
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 24) || "env";
    const environment: FakeEnvironment = { id: ++this.ids.environment, name, slug, tier: tierOf(name), externalUrl: null, createdAt: at, updatedAt: at };
    project.environments.set(name, environment);
    return environment;
  }

  /** Created, then moved to `status` by its event, as GitLab's Deployments::CreateService does. */
  createDeployment(project: FakeProject, input: { environment: string; sha: string; ref: string; tag: boolean; status: Exclude<DeploymentStatus, "created"> }, username: string): FakeDeployment {
    this.environment(project, input.environment);
    const at = this.now();
    const deployment: FakeDeployment = {
      id: ++this.ids.deployment,
      iid: project.nextDeploymentIid++,
      projectId: project.id,
      environment: input.environment,
      ref: input.ref,
      tag: input.tag,
      sha: input.sha,
      status: "created",
      user: this.user(username).username,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
    };
    project.deployments.set(deployment.id, deployment);
    this.updateDeployment(deployment, input.status, username);
    return deployment;
  }

  /** The state machine's event for `status`; null when it moved, else why not (GitLab's validation error). */
  updateDeployment(deployment: FakeDeployment, status: Exclude<DeploymentStatus, "created">, username: string): string | null {
    const { event, from } = DEPLOYMENT_EVENTS[status];
    if (!from(deployment.status)) return `cannot transition via "${event}"`;
    const at = this.now();
    deployment.status = status;
    deployment.updatedAt = at;
    if (status !== "running") deployment.finishedAt = at;
    this.onChange({ kind: "deployment", deployment, user: this.user(username) });
    return null;
  }

  // ——— Pipelines ———

  /** A pipeline on a branch or tag: created, then pending (its first hook), as GitLab enqueues it. */
  createPipeline(project: FakeProject, input: { ref: ResolvedRef; source: FakePipeline["source"]; variables: PipelineVariable[] }, username: string): FakePipeline {
    const at = this.now();
    const pipeline: FakePipeline = {
      id: ++this.ids.pipeline,
      iid: project.nextPipelineIid++,
      projectId: project.id,
      ref: input.ref.name,
      tag: input.ref.tag,
      sha: input.ref.sha,
      status: "created",
      source: input.source,
      variables: input.variables,
      user: this.user(username).username,
      createdAt: at,
      updatedAt: at,
      startedAt: null,
      finishedAt: null,
    };
    project.pipelines.set(pipeline.id, pipeline);
    this.movePipeline(pipeline, "pending");
    return pipeline;
  }

  /** A runner picks the pipeline up: running. One already running or finished is left as it is. */
  startPipeline(pipeline: FakePipeline): void {
    if (pipeline.status !== "created" && pipeline.status !== "pending") return;
    pipeline.startedAt = this.now();
    this.movePipeline(pipeline, "running");
  }

  /** The pipeline ends with `status` (running first if it had not started; a skipped pipeline never runs). */
  completePipeline(pipeline: FakePipeline, status: "success" | "failed" | "canceled" | "skipped"): void {
    if (["success", "failed", "canceled", "skipped"].includes(pipeline.status)) throw new Error(`pipeline ${pipeline.id} has already finished (${pipeline.status})`);
    if (status !== "skipped") this.startPipeline(pipeline);
    pipeline.finishedAt = this.now();
    this.movePipeline(pipeline, status);
  }

  private movePipeline(pipeline: FakePipeline, status: PipelineStatus) {
    pipeline.status = status;
    pipeline.updatedAt = this.now();
    this.onChange({ kind: "pipeline", pipeline, user: this.user(pipeline.user) });
  }
}

/** The tier GitLab guesses from an environment's name. */
function tierOf(name: string): string {
  const n = name.toLowerCase();
  if (/(^|[^a-z])(prod|production|live)([^a-z]|$)/.test(n)) return "production";
  if (/(^|[^a-z])(stag|staging|model|pre|demo)/.test(n)) return "staging";
  if (/(^|[^a-z])(test|tst|int|ac(ce)?pt|qa|qc|control|quality)/.test(n)) return "testing";
  if (/(^|[^a-z])(dev|review|trunk)/.test(n)) return "development";
  return "other";
}
