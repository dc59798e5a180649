import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { startFakeGithub, type FakeGithub } from "@/server/integrations/github/fake/fake-github";
import { startFakeGitlab, type FakeGitlab } from "@/server/integrations/gitlab/fake/fake-gitlab";
import { createDeployment } from "@/server/records/deployments/create-deployment";
import { createDeploymentInput } from "@/server/records/deployments/deployment.schema";
import { setDeploymentStatus } from "@/server/records/deployments/set-deployment-status";
import { startAppRuntime, type AppRuntime } from "../../../test/app-runtime";
import { integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { createPipelineRule, listPipelineRuns } from "./pipeline-rules/manage-rules";
import { createPipelineRuleInput } from "./pipeline-rules/rule.schema";
import { pushDeploymentTo } from "./push-deployments";

/**
 * Deployments and CI against the GitHub and GitLab fakes, end to end through the app's runtime:
 * Switchboard's deployments created on the platforms and their statuses pushed, and pipeline rules
 * dispatching a workflow or a pipeline whose webhooks come back to the integration's inbound URL
 * and move the run on. Every request passes the fakes' contract gates.
 */
const SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
let runtime: AppRuntime;
let github: FakeGithub;
let gitlab: FakeGitlab;
let n = 0;

beforeAll(async () => {
  github = await startFakeGithub();
  gitlab = await startFakeGitlab();
  runtime = await startAppRuntime({ env: { ISSUE_SYNC_TIMEOUT_MS: "5000" }, maxBackoffMs: 150 });
});
afterEach(() => {
  expect(github.violations, "requests the real GitHub API would refuse").toEqual([]);
  expect(gitlab.violations, "requests the real GitLab API would refuse").toEqual([]);
});
afterAll(async () => {
  await runtime?.stop();
  await github?.close();
  await gitlab?.close();
});

async function githubSetup(config: Record<string, unknown> = {}) {
  const ctx = await integrationTenant();
  const repo = `acme/ci-${++n}-${Date.now()}`;
  const login = `ci-bot-${n}-${Date.now()}`;
  github.addUser({ login, token: `ghp_${login}`, scopes: ["repo", "workflow"] });
  github.addRepo({ fullName: repo, collaborators: [login] });
  github.addBranch({ repo, name: "main", sha: SHA });
  const webhookSecret = `whsec-${repo}-0123456789`;
  const seeded = await seedIntegration(ctx, { type: "GITHUB", name: `GitHub ${repo}`, config: { repository: repo, webhookSecret, token: `ghp_${login}`, apiUrl: github.url, ...config } });
  github.addHook({ repo, url: `${runtime.url}${seeded.path}`, secret: webhookSecret });
  return { ctx, repo, integrationId: seeded.id, token: `ghp_${login}` };
}

async function gitlabSetup(config: Record<string, unknown> = {}) {
  const ctx = await integrationTenant();
  const project = `acme/ci-${++n}-${Date.now()}`;
  const username = `ci-bot-${n}-${Date.now()}`;
  gitlab.addUser({ username, token: `glpat-${username}` });
  gitlab.addProject({ path: project, members: { [username]: "developer" } });
  gitlab.addBranch({ project, name: "main", sha: SHA });
  const webhookToken = `gl-hook-${project.replace("/", "-")}`;
  const seeded = await seedIntegration(ctx, { type: "GITLAB", name: `GitLab ${project}`, config: { baseUrl: gitlab.url, projectId: project, webhookToken, token: `glpat-${username}`, ...config } });
  gitlab.addHook({ project, url: `${runtime.url}${seeded.path}`, token: webhookToken });
  return { ctx, project, integrationId: seeded.id };
}

const deploy = (ctx: TenantContext, input: Record<string, unknown>) => createDeployment(ctx, createDeploymentInput.parse({ environment: "production", sha: SHA, ref: "main", version: "2.4.1", ...input }));
const linkOf = (deploymentId: string) => db.deploymentLink.findFirst({ where: { deploymentId } });

describe("deployments pushed to GitHub and GitLab", () => {
  it("a deployment made in Switchboard becomes a GitHub deployment whose statuses follow ours", { timeout: 40_000 }, async () => {
    const { ctx, repo } = await githubSetup({ deployments: { push: true } });
    const deployment = await deploy(ctx, { status: "in_progress", url: "https://shop.example.com" });
    await expect.poll(() => github.deployments(repo).length, { timeout: 20_000 }).toBe(1);
    const [created] = github.deployments(repo);
    expect(created).toMatchObject({ sha: SHA, ref: SHA, environment: "production" });
    expect(created.payload).toMatchObject({ switchboard_deployment: deployment.id });
    await expect.poll(() => github.deployments(repo)[0].statuses.map((s) => s.state), { timeout: 20_000 }).toEqual(["in_progress"]);

    await setDeploymentStatus(ctx, { id: deployment.id, status: "success" });
    await expect.poll(() => github.deployments(repo)[0].statuses.map((s) => s.state), { timeout: 20_000 }).toEqual(["in_progress", "success"]);
    const success = github.deployments(repo)[0].statuses[1];
    expect(success).toMatchObject({ environmentUrl: "https://shop.example.com", logUrl: expect.stringContaining(`/deployments/${deployment.id}`) });
    await expect.poll(async () => (await linkOf(deployment.id))?.lastStatus, { timeout: 20_000 }).toBe("success");
    expect(github.deployments(repo)).toHaveLength(1); // the status went to the same deployment
  });

  it("a deployment GitHub reported gets Switchboard's status changes, not its own back", { timeout: 40_000 }, async () => {
    const { ctx, repo, integrationId, token } = await githubSetup({ deployments: { push: true } });
    // GitHub's deployment webhook recorded it (as processing does): its id at GitHub is the external id.
    const made = await fetch(`${github.url}/repos/${repo}/deployments`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json", accept: "application/vnd.github+json" },
      body: JSON.stringify({ ref: "main", environment: "staging", auto_merge: false, required_contexts: [] }),
    });
    expect(made.status).toBe(201);
    const externalId = String(((await made.json()) as { id: number }).id);
    const at = github.deployments(repo).findIndex((d) => String(d.id) === externalId);
    const reported = await db.deployment.create({ data: { dataspaceId: ctx.dataspace.id, environment: "staging", sha: SHA, ref: "main", source: "github", sourceIntegrationId: integrationId, externalId, status: "in_progress" } });
    expect(await pushDeploymentTo({ dataspaceId: ctx.dataspace.id, integrationId }, reported.id, null)).toEqual({ skipped: "the change came from GitHub" });
    const statuses = () => github.deployments(repo)[at].statuses.map((s) => s.state);
    const before = statuses().length;
    await setDeploymentStatus(ctx, { id: reported.id, status: "failure" });
    await expect.poll(() => statuses().slice(before), { timeout: 20_000 }).toEqual(["failure"]);
  });

  it("GitLab gets a deployment once it runs, and its status after; one of another service stays home", { timeout: 40_000 }, async () => {
    const { ctx, project } = await gitlabSetup({ deployments: { push: true, service: "Checkout API" } });
    const checkout = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Checkout API" } });
    const search = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Search" } });
    const deployment = await deploy(ctx, { serviceId: checkout.id, status: "queued" });
    const other = await deploy(ctx, { serviceId: search.id, status: "in_progress" });
    // Queued: nothing GitLab's API can show yet.
    await expect.poll(() => db.runtimeRun.count({ where: { dataspaceId: ctx.dataspace.id, functionId: { endsWith: "ci-push-deployment" }, status: "COMPLETED" } }), { timeout: 20_000 }).toBe(2);
    expect(gitlab.deployments(project)).toEqual([]);

    await setDeploymentStatus(ctx, { id: deployment.id, status: "in_progress" });
    await expect.poll(() => gitlab.deployments(project).map((d) => d.status), { timeout: 20_000 }).toEqual(["running"]);
    expect(gitlab.deployments(project)[0]).toMatchObject({ environment: "production", sha: SHA, ref: "main", tag: false });
    await setDeploymentStatus(ctx, { id: deployment.id, status: "failure" });
    await expect.poll(() => gitlab.deployments(project).map((d) => d.status), { timeout: 20_000 }).toEqual(["failed"]);
    expect(await linkOf(other.id)).toBeNull();
  });
});

describe("pipeline rules", () => {
  it("a finished deployment dispatches the workflow with inputs from the event, and workflow_run webhooks move the run on", { timeout: 40_000 }, async () => {
    const { ctx, repo, integrationId } = await githubSetup();
    github.addWorkflow({ repo, path: ".github/workflows/smoke.yml", inputs: { deployment: { required: true, type: "string" }, environment: { type: "string" } } });
    await createPipelineRule(
      ctx,
      createPipelineRuleInput.parse({
        name: "Smoke test after deploy",
        integrationId,
        events: ["deployment.status_changed"],
        filter: 'data.status == "success"',
        workflow: "smoke.yml",
        ref: '"main"',
        inputs: { deployment: "data.uuid", environment: "data.environment" },
      }),
    );
    const deployment = await deploy(ctx, { status: "in_progress" });
    await setDeploymentStatus(ctx, { id: deployment.id, status: "success" });

    await expect.poll(() => github.workflowRuns(repo).length, { timeout: 20_000 }).toBe(1);
    const [run] = github.workflowRuns(repo);
    expect(run.inputs).toEqual({ deployment: deployment.id, environment: "production" });
    expect(run.headBranch).toBe("main");
    const runs = () => listPipelineRuns(ctx, { subjectId: deployment.id, limit: 5 });
    await expect.poll(async () => (await runs())[0]?.externalId, { timeout: 20_000 }).toBe(String(run.id));

    github.startWorkflowRun(run.id);
    github.completeWorkflowRun(run.id, "failure");
    await expect.poll(async () => (await runs())[0], { timeout: 20_000 }).toMatchObject({ status: "completed", conclusion: "failure", ruleName: "Smoke test after deploy", url: expect.stringContaining(`/actions/runs/${run.id}`) });
    expect(await runs()).toHaveLength(1); // the in_progress deployment matched nothing
  });

  it("a GitLab pipeline starts with variables; a refused ref fails the run in GitLab's words", { timeout: 40_000 }, async () => {
    const { ctx, project, integrationId } = await gitlabSetup();
    await createPipelineRule(ctx, createPipelineRuleInput.parse({ name: "Deploy on release", integrationId, events: ["deployment.created"], ref: "data.ref", inputs: { VERSION: "data.version" } }));
    const good = await deploy(ctx, { status: "queued" });
    await expect.poll(() => gitlab.pipelines(project).length, { timeout: 20_000 }).toBe(1);
    expect(gitlab.pipelines(project)[0]).toMatchObject({ ref: "main", source: "api", variables: [{ key: "VERSION", value: "2.4.1", variableType: "env_var" }] });
    const pipeline = gitlab.pipelines(project)[0];
    gitlab.completePipeline(pipeline.id, "success");
    await expect.poll(async () => (await listPipelineRuns(ctx, { subjectId: good.id, limit: 5 }))[0], { timeout: 20_000 }).toMatchObject({ status: "completed", conclusion: "success" });

    const bad = await deploy(ctx, { ref: "no-such-branch", status: "queued" });
    await expect.poll(async () => (await listPipelineRuns(ctx, { subjectId: bad.id, limit: 5 }))[0]?.status, { timeout: 20_000 }).toBe("failed");
    expect((await listPipelineRuns(ctx, { subjectId: bad.id, limit: 5 }))[0].error).toMatch(/Reference not found/);
    gitlab.violations.length = 0; // the refused ref is a request GitLab refuses: expected here
  });

  it("a run GitLab keeps failing to start fails for good once the retries are spent, with GitLab's last words, not pending forever", { timeout: 40_000 }, async () => {
    const { ctx, integrationId } = await gitlabSetup();
    await createPipelineRule(ctx, createPipelineRuleInput.parse({ name: "Deploy on release", integrationId, events: ["deployment.created"], ref: "data.ref" }));
    gitlab.fault({ status: 503, times: 1_000, match: (r) => r.method === "POST" && r.path.endsWith("/pipeline") });
    try {
      const deployment = await deploy(ctx, { status: "queued" });
      const run = async () => (await listPipelineRuns(ctx, { subjectId: deployment.id, limit: 5 }))[0];
      await expect.poll(async () => (await run())?.status, { timeout: 30_000 }).toBe("failed");
      expect((await run()).error).toMatch(/^Gave up after the retries: .*503/);
    } finally {
      gitlab.fault(null);
    }
  });

  it("are checked on save, each message naming the field", async () => {
    const { ctx, integrationId } = await githubSetup();
    const datadog = await seedIntegration(ctx, { type: "DATADOG", name: "Datadog", config: { webhookSecret: "datadog-webhook-secret-01" } });
    const error = (input: Record<string, unknown>) =>
      createPipelineRule(ctx, createPipelineRuleInput.parse({ name: "Rule", integrationId, events: ["request.added"], workflow: "eval.yml", ref: '"main"', ...input })).then(
        () => null,
        (e: unknown) => (e instanceof AppError ? e.message : String(e)),
      );
    expect(await error({ ref: "main" })).toBe('ref: write a branch as quoted text, "main", or an expression like data.payload.pull_request.head.ref');
    expect(await error({ workflow: "deploy workflow" })).toBe("workflow: the workflow's file name (e.g. eval.yml) or its numeric id");
    expect(await error({ inputs: { pr: "data.number +" } })).toMatch(/^inputs\.pr: /);
    expect(await error({ filter: "data.title" })).toBe(null);
    expect(await error({ name: "Rule" })).toBe("name: a pipeline rule is already named Rule");
    expect(await error({ name: "Other", integrationId: datadog.id })).toBe("integration: choose a GitHub or GitLab integration of this dataspace");
    const elsewhere = await githubSetup();
    expect(await error({ name: "Other", integrationId: elsewhere.integrationId })).toBe("integration: choose a GitHub or GitLab integration of this dataspace");
  });
});
