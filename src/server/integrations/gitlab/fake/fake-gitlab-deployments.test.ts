import { Gitlab } from "@gitbeaker/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from "../../../../../test/webhook-receiver";
import { inboundRequest } from "../../shared/test-requests";
import { gitlab } from "../index";
import { startFakeGitlab, type FakeGitlab } from "./fake-gitlab";

/**
 * The fake GitLab's deployments and pipelines, driven by GitLab's own client (`@gitbeaker/rest`,
 * which sends a trigger's variables as a multipart form, as `curl --form` does): a deployment
 * created and moved through its states, a pipeline triggered with a trigger token and variables
 * or created with an access token, the Deployment and Pipeline Hooks every status sends — each
 * verified and validated as our receiver does — and GitLab's refusals in its words. Every answer
 * is checked against the contract (`violations` stays empty but for refusals a test expects).
 */

const PROJECT = "acme/widgets";
const TOKEN = "gl-hook-secret-0123456789";

type Received = ReceivedHook;

/** Each hook as our receiver reads it: its event type, and what would be wrong with it. */
function readHooks(received: Received[]) {
  const problems: string[] = [];
  const events = received.map((request) => {
    const inbound = inboundRequest(request.body, request.headers as Record<string, string>);
    const payload = JSON.parse(request.body) as Record<string, unknown>;
    const { eventType, deliveryId } = gitlab.inbound.envelope(inbound, payload);
    if (!gitlab.inbound.verify(inbound, { webhookToken: TOKEN }).ok) problems.push(`${eventType}: X-Gitlab-Token does not verify`);
    if (!/^[0-9a-f-]{36}$/.test(deliveryId ?? "")) problems.push(`${eventType}: no X-Gitlab-Event-UUID`);
    const check = gitlab.inbound.validate(eventType, payload);
    if (!check.ok) problems.push(`${eventType}: ${check.errors.join("; ")}`);
    if (gitlab.inbound.outOfScope!(payload, { projectId: PROJECT })) problems.push(`${eventType}: out of scope`);
    return { event: String(request.headers["x-gitlab-event"]), eventType, payload };
  });
  return { events, problems };
}

type Failure = { status: number; description: string };
const failure = async (work: Promise<unknown>): Promise<Failure> => {
  const error = (await work.then(() => null, (e: unknown) => e)) as { cause?: { description: string; response: Response } } | null;
  if (!error?.cause) throw new Error(`expected a GitLab error, got ${String(error)}`);
  return { status: error.cause.response.status, description: error.cause.description };
};

describe("the fake GitLab's deployments and pipelines", () => {
  let fake: FakeGitlab;
  let receiver: WebhookReceiver;
  const client = (token: string) => new Gitlab({ host: fake.url, token });
  const hooks = async () => {
    await fake.settled();
    return readHooks(receiver.received.splice(0));
  };

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeGitlab(), startWebhookReceiver()]);
    fake.addUser({ username: "alice", token: "alice-token" });
    fake.addUser({ username: "rita", token: "rita-token" });
    fake.addUser({ username: "gus", token: "gus-token" });
    fake.addUser({ username: "reader", token: "reader-token", scopes: ["read_api"] });
    fake.addProject({ path: PROJECT, members: { alice: "developer", rita: "reporter", gus: "guest", reader: "developer" } });
    fake.addProject({ path: "acme/other", members: { alice: "maintainer" } });
    fake.addHook({ project: PROJECT, url: `${receiver.url("/hooks/gitlab")}`, token: TOKEN });
  });
  afterEach(() => {
    expect(fake.violations, "requests the real GitLab API would refuse").toEqual([]);
  });
  afterAll(async () => {
    await fake?.close();
    await receiver?.close();
  });

  it("creates a deployment and moves it through its states, with a Deployment Hook for each", async () => {
    await hooks();
    const alice = client("alice-token");
    const main = fake.addBranch({ project: PROJECT, name: "main" });
    const created = await alice.Deployments.create(PROJECT, "staging", main, "main", false, { status: "running" });
    expect(created).toMatchObject({ iid: 1, ref: "main", sha: main, status: "running", user: { username: "alice" }, environment: { name: "staging", tier: "staging" }, deployable: null });
    const done = await alice.Deployments.edit(PROJECT, created.id, "success");
    expect(done).toMatchObject({ id: created.id, status: "success", finished_at: expect.any(String) });
    expect(await alice.Deployments.show(String(fake.project(PROJECT).id), created.id)).toMatchObject({ status: "success", environment: { name: "staging" } });
    // Success to failed is a transition GitLab allows (a rollback reported afterwards).
    expect(await alice.Deployments.edit(PROJECT, created.id, "failed")).toMatchObject({ status: "failed" });

    const { events, problems } = await hooks();
    expect(problems).toEqual([]);
    expect(events.map((e) => `${e.event}:${String(e.payload.status)}`)).toEqual(["Deployment Hook:running", "Deployment Hook:success", "Deployment Hook:failed"]);
    expect(events[1].eventType).toBe("deployment");
    expect(events[1].payload).toMatchObject({
      object_kind: "deployment",
      deployment_id: created.id,
      deployable_id: null,
      deployable_url: null,
      environment: "staging",
      environment_tier: "staging",
      short_sha: main.slice(0, 8),
      project: { path_with_namespace: PROJECT },
      user: { username: "alice" },
      commit_url: `${fake.url}/${PROJECT}/-/commit/${main}`,
    });
    expect(fake.webhookDeliveries.slice(-3).map((d) => d.action)).toEqual(["running", "success", "failed"]);
  });

  it("refuses deployment changes as GitLab does: a transition its state machine forbids, a missing status, a role or scope too low", async () => {
    const alice = client("alice-token");
    const deployment = await alice.Deployments.create(PROJECT, "production", "b".repeat(40), "v1.0.0", true, { status: "success" });
    expect(deployment).toMatchObject({ status: "success", environment: { name: "production", tier: "production" } });
    expect(await failure(alice.Deployments.edit(PROJECT, deployment.id, "running"))).toEqual({ status: 400, description: '{"status":["cannot transition via \\"run\\""]}' });
    expect(await failure(alice.Deployments.edit(PROJECT, deployment.id, "success"))).toEqual({ status: 400, description: '{"status":["cannot transition via \\"succeed\\""]}' });
    expect(fake.deployments(PROJECT).at(-1)!.status).toBe("success");
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining("cannot transition via"), expect.stringContaining("cannot transition via")]);

    // gitbeaker lets `status` be left out; GitLab requires it.
    expect(await failure(alice.Deployments.create(PROJECT, "production", "b".repeat(40), "main", false))).toMatchObject({ status: 400, description: expect.stringContaining("required property 'status'") });
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining("required property 'status'")]);

    expect(await failure(alice.Deployments.show(PROJECT, 999_999))).toEqual({ status: 404, description: "404 Not found" });
    expect(await failure(client("rita-token").Deployments.create(PROJECT, "qa", "c".repeat(40), "main", false, { status: "running" }))).toEqual({ status: 403, description: "403 Forbidden" });
    expect(await client("rita-token").Deployments.show(PROJECT, deployment.id)).toMatchObject({ id: deployment.id });
    expect(await failure(client("gus-token").Deployments.show(PROJECT, deployment.id))).toEqual({ status: 403, description: "403 Forbidden" });
    expect(await failure(client("reader-token").Deployments.edit(PROJECT, deployment.id, "canceled"))).toMatchObject({ status: 403, description: "insufficient_scope" });
    expect(await failure(client("alice-token").Deployments.show("acme/hidden", deployment.id))).toEqual({ status: 404, description: "404 Project Not Found" });
    await hooks();
  });

  it("triggers a pipeline with a trigger token and variables, and sends a Pipeline Hook for every status", async () => {
    await hooks();
    const trigger = fake.addTriggerToken({ project: PROJECT, owner: "alice" });
    expect(trigger.token).toMatch(/^glptt-/);
    // gitbeaker puts token and ref in the query string and the variables in a multipart form.
    const pipeline = await client("alice-token").PipelineTriggerTokens.trigger(PROJECT, "main", trigger.token, { variables: { MODEL: "m-7", DRY_RUN: "false" } });
    expect(pipeline).toMatchObject({ iid: 1, ref: "main", tag: false, status: "pending", source: "trigger", user: { username: "alice" }, started_at: null });
    expect(fake.requests.at(-1)).toMatchObject({ operationId: "triggerPipeline", status: 201, body: { variables: { MODEL: "m-7", DRY_RUN: "false" } } });
    expect(fake.pipeline(pipeline.id).variables).toEqual([
      { key: "MODEL", value: "m-7", variableType: "env_var" },
      { key: "DRY_RUN", value: "false", variableType: "env_var" },
    ]);

    fake.startPipeline(pipeline.id);
    fake.completePipeline(pipeline.id, "failed");
    expect(await client("rita-token").Pipelines.show(PROJECT, pipeline.id)).toMatchObject({ status: "failed", finished_at: expect.any(String), duration: expect.any(Number) });

    const { events, problems } = await hooks();
    expect(problems).toEqual([]);
    expect(events.map((e) => `${e.event}:${(e.payload.object_attributes as { status: string }).status}`)).toEqual(["Pipeline Hook:pending", "Pipeline Hook:running", "Pipeline Hook:failed"]);
    expect(events.every((e) => e.eventType === "pipeline")).toBe(true);
    expect(events[2].payload).toMatchObject({
      object_kind: "pipeline",
      object_attributes: { id: pipeline.id, iid: 1, ref: "main", source: "trigger", status: "failed", variables: [{ key: "MODEL", value: "m-7" }, { key: "DRY_RUN", value: "false" }], url: pipeline.web_url },
      user: { username: "alice" },
      project: { path_with_namespace: PROJECT },
      builds: [],
    });
    expect(fake.webhookDeliveries.slice(-3).map((d) => `${d.event}:${d.action}`)).toEqual(["Pipeline Hook:pending", "Pipeline Hook:running", "Pipeline Hook:failed"]);
  });

  it("takes a trigger as curl sends it, a form with no access token at all, and completes a queued pipeline by running it first", async () => {
    await hooks();
    const trigger = fake.addTriggerToken({ project: PROJECT, owner: "alice", token: "glptt-curl-0001" });
    fake.addTag({ project: PROJECT, name: "v2.0.0" });
    const form = new URLSearchParams({ token: trigger.token, ref: "v2.0.0", "variables[UPLOAD_TO_S3]": "true" });
    const answer = await fetch(`${fake.url}/api/v4/projects/${fake.project(PROJECT).id}/trigger/pipeline`, { method: "POST", body: form });
    expect(answer.status).toBe(201);
    const pipeline = (await answer.json()) as { id: number; ref: string; tag: boolean };
    expect(pipeline).toMatchObject({ ref: "v2.0.0", tag: true });
    expect(fake.pipeline(pipeline.id).variables).toEqual([{ key: "UPLOAD_TO_S3", value: "true", variableType: "env_var" }]);
    fake.completePipeline(pipeline.id);
    expect(() => fake.completePipeline(pipeline.id)).toThrow(/already finished/);
    const { events, problems } = await hooks();
    expect(problems).toEqual([]);
    expect(events.map((e) => (e.payload.object_attributes as { status: string }).status)).toEqual(["pending", "running", "success"]);
  });

  it("refuses a trigger as GitLab does: an unknown token or another project's is 404, an unknown ref 400 in its words", async () => {
    await hooks();
    const before = fake.pipelines(PROJECT).length;
    const mine = fake.addTriggerToken({ project: PROJECT, owner: "alice" });
    const theirs = fake.addTriggerToken({ project: "acme/other", owner: "alice" });
    const trigger = (ref: string, token: string, variables?: Record<string, string>) => failure(client("alice-token").PipelineTriggerTokens.trigger(PROJECT, ref, token, variables ? { variables } : {}));

    expect(await trigger("main", "glptt-nope")).toEqual({ status: 404, description: "404 Not Found" });
    expect(await trigger("main", theirs.token)).toEqual({ status: 404, description: "404 Not Found" });
    expect(await trigger("no-such-branch", mine.token)).toEqual({ status: 400, description: '{"base":["Reference not found"]}' });
    expect(await trigger("b".repeat(40), mine.token)).toEqual({ status: 400, description: '{"base":["Reference not found"]}' }); // a pipeline runs on a branch or tag
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining("Reference not found"), expect.stringContaining("Reference not found")]);

    const raw = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${fake.url}/api/v4/projects/${encodeURIComponent(PROJECT)}/trigger/pipeline`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const missing = await raw({ token: mine.token });
    expect([missing.status, await missing.json()]).toEqual([400, { error: "ref is missing" }]);
    const typed = await raw({ token: mine.token, ref: "main", variables: { RETRIES: 3 } });
    expect([typed.status, await typed.json()]).toEqual([400, { message: "variables needs to be a map of key-valued strings" }]);
    // GitLab refuses a trigger sent by a pipeline webhook, against trigger loops.
    expect((await raw({ token: mine.token, ref: "main" }, { "x-gitlab-event": "Pipeline Hook" })).status).toBe(403);
    expect(fake.violations.splice(0)).toHaveLength(2);

    // The token's owner must still be able to run pipelines in the project.
    const guests = fake.addTriggerToken({ project: PROJECT, owner: "gus" });
    expect(await trigger("main", guests.token)).toEqual({ status: 400, description: '{"base":["Insufficient permissions to create a new pipeline"]}' });
    expect(fake.violations.splice(0)).toHaveLength(1);
    expect(fake.pipelines(PROJECT).length).toBe(before);
    expect((await hooks()).events).toEqual([]);
  });

  it("creates a pipeline with an access token and typed variables, Developer and up", async () => {
    await hooks();
    fake.addBranch({ project: PROJECT, name: "release/2026-12" });
    const pipeline = await client("alice-token").Pipelines.create(PROJECT, "release/2026-12", { variables: [{ key: "CONFIG", value: "a: 1", variable_type: "file" }, { key: "STAGE", value: "eval" }] });
    expect(pipeline).toMatchObject({ ref: "release/2026-12", status: "pending", source: "api", user: { username: "alice" } });
    expect(fake.pipeline(pipeline.id).variables).toEqual([
      { key: "CONFIG", value: "a: 1", variableType: "file" },
      { key: "STAGE", value: "eval", variableType: "env_var" },
    ]);
    expect(await failure(client("alice-token").Pipelines.create(PROJECT, "nope"))).toEqual({ status: 400, description: '{"base":["Reference not found"]}' });
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining("Reference not found")]);
    expect(await failure(client("rita-token").Pipelines.create(PROJECT, "main"))).toEqual({ status: 403, description: "403 Forbidden" });
    expect(await failure(client("gus-token").Pipelines.show(PROJECT, pipeline.id))).toEqual({ status: 403, description: "403 Forbidden" });
    expect(await failure(client("alice-token").Pipelines.show(PROJECT, 424_242))).toEqual({ status: 404, description: "404 Not found" });
    const { events } = await hooks();
    expect(events.map((e) => e.event)).toEqual(["Pipeline Hook"]);
  });

  it("has control routes for another process: refs, trigger tokens, pipelines and deployments", async () => {
    const before = fake.requests.length;
    const post = (path: string, body: unknown) => fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const project = encodeURIComponent(PROJECT);
    expect(await (await post(`/_fake/projects/${project}/branches`, { name: "hotfix" })).json()).toMatchObject({ name: "hotfix", sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect((await post(`/_fake/projects/${project}/tags`, { name: "v9" })).status).toBe(201);
    const trigger = (await (await post(`/_fake/projects/${project}/triggers`, { owner: "alice" })).json()) as { token: string };
    expect(trigger.token).toMatch(/^glptt-/);
    expect((await post(`/_fake/projects/${project}/triggers`, { owner: "alice", token: trigger.token })).status).toBe(400);

    const triggered = await fetch(`${fake.url}/api/v4/projects/${project}/trigger/pipeline?token=${trigger.token}&ref=hotfix`, { method: "POST" });
    const { id } = (await triggered.json()) as { id: number };
    const pipelines = (await (await fetch(`${fake.url}/_fake/projects/${project}/pipelines`)).json()) as { id: number; ref: string; variables: unknown[] }[];
    expect(pipelines.at(-1)).toMatchObject({ id, ref: "hotfix", status: "pending", variables: [] });
    expect(await (await post(`/_fake/pipelines/${id}/start`, {})).json()).toMatchObject({ status: "running" });
    expect(await (await post(`/_fake/pipelines/${id}/complete`, { status: "canceled" })).json()).toMatchObject({ status: "canceled" });
    expect((await post(`/_fake/pipelines/${id}/complete`, {})).status).toBe(400);

    const deployments = (await (await fetch(`${fake.url}/_fake/projects/${project}/deployments`)).json()) as { status: string }[];
    expect(deployments.map((d) => d.status)).toEqual(["failed", "success"]);
    expect(fake.requests.length).toBe(before + 1);
    await hooks();
  });
});
