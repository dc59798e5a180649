import { createHmac } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { verify } from "@octokit/webhooks-methods";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from "../../../../../test/webhook-receiver";
import { validateGithubPayload } from "../schema";
import { startFakeGithub, type FakeGithub } from "./fake-github";

/**
 * The fake GitHub's deployments and Actions workflow dispatch, driven by `@octokit/rest` as
 * Switchboard's deployment push and pipeline rules drive them: deployments and their statuses
 * (with GitHub's auto-inactive), a dispatch with inputs that makes a run and its `workflow_run`
 * webhooks, and GitHub's refusals in its own words. Every answer is checked against the vendored
 * spec (`violations` must stay empty but for the refusals a test expects), every webhook against
 * the published schemas as our receiver checks them.
 */

const REPO = "acme/widgets";
const SECRET = "It's a Secret to Everybody";
const at = { owner: "acme", repo: "widgets" };

type Received = ReceivedHook;

/** What went wrong with each delivery as our receiver would see it: signature, headers, schema. */
async function deliveryProblems(received: Received[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { headers, body } of received) {
    const event = String(headers["x-github-event"]);
    const payload = JSON.parse(body) as { action?: string };
    const kind = payload.action ? `${event}.${payload.action}` : event;
    if (!(await verify(SECRET, body, String(headers["x-hub-signature-256"])))) problems.push(`${kind}: X-Hub-Signature-256 does not verify`);
    if (headers["x-hub-signature"] !== `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`) problems.push(`${kind}: X-Hub-Signature is wrong`);
    const check = validateGithubPayload(kind, payload);
    if (!check.ok) problems.push(`${kind}: ${check.errors.join("; ")}`);
    if ("installation" in payload) problems.push(`${kind}: a repository webhook carries no installation`);
  }
  return problems;
}

describe("the fake GitHub's deployments and workflow dispatch", () => {
  let fake: FakeGithub;
  let receiver: WebhookReceiver;
  let alice: Octokit;
  const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const client = (token: string) => new Octokit({ auth: token, baseUrl: fake.url, request: { fetch }, log });
  const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as { status: number; response: { data: { message: string } } });
  const received = async () => {
    await fake.settled();
    return receiver.received.splice(0);
  };

  beforeAll(async () => {
    [fake, receiver] = await Promise.all([startFakeGithub(), startWebhookReceiver()]);
    fake.addUser({ login: "alice", token: "alice-token", scopes: ["repo"] });
    fake.addUser({ login: "bob", token: "bob-token" });
    fake.addUser({ login: "carol", token: "carol-token" });
    fake.addUser({ login: "deployer", token: "deployer-token", scopes: ["repo_deployment"] });
    fake.addRepo({ fullName: REPO, collaborators: ["alice", "deployer"], readOnly: ["bob"] });
    fake.addHook({ repo: REPO, url: `${receiver.url("/hooks/github")}`, secret: SECRET });
    alice = client("alice-token");
  });
  afterEach(() => {
    expect(fake.violations).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it("creates a deployment and its statuses, answering as the spec documents, and sends them as webhooks", async () => {
    await received();
    const main = fake.addBranch({ repo: REPO, name: "main" }); // every repository has main: this answers its head
    const created = await alice.repos.createDeployment({
      ...at,
      ref: "main",
      environment: "staging",
      description: "Switchboard deployment dep_1",
      payload: { switchboard: { deployment: "dep_1" } },
      auto_merge: false,
      required_contexts: [],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      ref: "main",
      sha: main,
      task: "deploy",
      environment: "staging",
      original_environment: "staging",
      production_environment: false,
      transient_environment: false,
      payload: { switchboard: { deployment: "dep_1" } },
      creator: { login: "alice" },
    });
    if (!("id" in created.data)) throw new Error("expected a deployment, not a merge of the default branch");
    const deployment_id = created.data.id;
    expect(created.headers.location).toBe(`${fake.url}/repos/acme/widgets/deployments/${deployment_id}`);

    const running = await alice.repos.createDeploymentStatus({ ...at, deployment_id, state: "in_progress", log_url: "https://ci.acme.test/runs/1" });
    expect(running.status).toBe(201);
    expect(running.data).toMatchObject({ state: "in_progress", environment: "staging", log_url: "https://ci.acme.test/runs/1", target_url: "https://ci.acme.test/runs/1", environment_url: "" });
    const done = await alice.repos.createDeploymentStatus({
      ...at,
      deployment_id,
      state: "success",
      description: "Deployed by Switchboard",
      environment_url: "https://staging.acme.test",
      log_url: "https://ci.acme.test/runs/1",
    });
    expect(done.data).toMatchObject({ state: "success", description: "Deployed by Switchboard", environment_url: "https://staging.acme.test", creator: { login: "alice" } });
    expect(done.headers.location).toBe(done.data.url);
    // GitHub lists a deployment's statuses newest first.
    expect((await alice.repos.listDeploymentStatuses({ ...at, deployment_id })).data.map((s) => s.state)).toEqual(["success", "in_progress"]);
    expect((await alice.repos.getDeployment({ ...at, deployment_id })).data).toMatchObject({ id: deployment_id, environment: "staging" });

    const deliveries = await received();
    expect(deliveries.map((r) => `${String(r.headers["x-github-event"])}.${(JSON.parse(r.body) as { action: string }).action}`)).toEqual([
      "deployment.created",
      "deployment_status.created",
      "deployment_status.created",
    ]);
    expect(await deliveryProblems(deliveries)).toEqual([]);
    expect(JSON.parse(deliveries[2].body)).toMatchObject({
      deployment_status: { state: "success", environment_url: "https://staging.acme.test" },
      deployment: { id: deployment_id, environment: "staging", sha: main },
      workflow: null,
      workflow_run: null,
      sender: { login: "alice" },
    });
  });

  it("deploys a tag or a known commit, moves the environment with a status, and marks earlier deployments inactive as GitHub does", async () => {
    const tag = fake.addTag({ repo: REPO, name: "v1.4.0" });
    const byTag = (await alice.repos.createDeployment({ ...at, ref: "v1.4.0", environment: "qa", required_contexts: [] })).data;
    expect(byTag).toMatchObject({ ref: "v1.4.0", sha: tag });
    const main = fake.addBranch({ repo: REPO, name: "main" });
    const bySha = (await alice.repos.createDeployment({ ...at, ref: main, environment: "qa", required_contexts: [] })).data;
    expect(bySha).toMatchObject({ ref: main, sha: main });
    if (!("id" in byTag) || !("id" in bySha)) throw new Error("expected deployments");

    await alice.repos.createDeploymentStatus({ ...at, deployment_id: byTag.id, state: "success" });
    // A newer success to the same environment: the earlier successful deployment becomes inactive.
    await alice.repos.createDeploymentStatus({ ...at, deployment_id: bySha.id, state: "success" });
    const states = (id: number) => fake.deployments(REPO).find((d) => d.id === id)!.statuses.map((s) => s.state);
    expect(states(byTag.id)).toEqual(["success", "inactive"]);
    // …unless the status says not to.
    const third = (await alice.repos.createDeployment({ ...at, ref: "main", environment: "qa", required_contexts: [] })).data;
    if (!("id" in third)) throw new Error("expected a deployment");
    await alice.repos.createDeploymentStatus({ ...at, deployment_id: third.id, state: "success", auto_inactive: false });
    expect(states(bySha.id)).toEqual(["success"]);

    // A status may move the deployment to another environment; later statuses keep it.
    await alice.repos.createDeploymentStatus({ ...at, deployment_id: third.id, state: "in_progress", environment: "qa-2" });
    await alice.repos.createDeploymentStatus({ ...at, deployment_id: third.id, state: "success" });
    expect((await alice.repos.getDeployment({ ...at, deployment_id: third.id })).data).toMatchObject({ environment: "qa-2", original_environment: "qa" });
    expect(fake.deployments(REPO).find((d) => d.id === third.id)!.statuses.at(-1)).toMatchObject({ environment: "qa-2", state: "success" });
    await received();
  });

  it("refuses deployments as GitHub does: a ref it does not have, an unknown deployment, a state outside the enum, no access", async () => {
    expect(await failure(alice.repos.createDeployment({ ...at, ref: "no-such-branch", required_contexts: [] }))).toMatchObject({
      status: 422,
      response: { data: { message: "No ref found for: no-such-branch" } },
    });
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining("No ref found for: no-such-branch")]);
    expect(await failure(alice.repos.createDeploymentStatus({ ...at, deployment_id: 999, state: "success" }))).toMatchObject({ status: 404 });
    expect(await failure(alice.repos.getDeployment({ ...at, deployment_id: 999 }))).toMatchObject({ status: 404 });

    // A state GitHub does not have: refused by the contract, recorded, and the deployment is untouched.
    const deployment = fake.deployments(REPO)[0];
    const before = deployment.statuses.length;
    const invalid = await fetch(`${fake.url}/repos/acme/widgets/deployments/${deployment.id}/statuses`, {
      method: "POST",
      headers: { authorization: "token alice-token", "content-type": "application/json" },
      body: JSON.stringify({ state: "deployed" }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ message: expect.stringMatching(/^Invalid request\.\n\n\/requestBody\/state must be equal to one of the allowed values/) });
    expect(fake.violations.splice(0)).toEqual([expect.stringContaining(`POST /repos/acme/widgets/deployments/${deployment.id}/statuses: /requestBody/state must be equal to one of the allowed values`)]);
    expect(deployment.statuses.length).toBe(before);

    expect(await failure(client("bob-token").repos.createDeployment({ ...at, ref: "main" }))).toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by personal access token" } },
    });
    expect((await client("bob-token").repos.getDeployment({ ...at, deployment_id: deployment.id })).status).toBe(200);
    expect(await failure(client("carol-token").repos.getDeployment({ ...at, deployment_id: deployment.id }))).toMatchObject({ status: 404 });
    // A classic token with only `repo_deployment` reaches deployments, and nothing else of a private repository.
    const deployer = client("deployer-token");
    expect((await deployer.repos.createDeployment({ ...at, ref: "main", environment: "staging", required_contexts: [] })).status).toBe(201);
    expect(await failure(deployer.repos.get(at))).toMatchObject({ status: 404 });
    await received();
  });

  it("dispatches a workflow with inputs: a queued run, then workflow_run webhooks as GitHub Actions runs it", async () => {
    await received();
    const workflow = fake.addWorkflow({
      repo: REPO,
      path: ".github/workflows/eval.yml",
      name: "Evaluate",
      inputs: { model: { required: true, type: "string" }, suite: { type: "choice", options: ["smoke", "full"], default: "smoke" }, dry_run: { type: "boolean", default: false } },
    });
    const dispatched = await alice.actions.createWorkflowDispatch({ ...at, workflow_id: "eval.yml", ref: "main", inputs: { model: "m-7", suite: "full" } });
    expect(dispatched.status).toBe(204);
    const [run] = fake.workflowRuns(REPO);
    expect(run).toMatchObject({ workflowId: workflow.id, status: "queued", conclusion: null, ref: "refs/heads/main", headBranch: "main", actor: "alice", runNumber: 1 });
    expect(run.inputs).toEqual({ model: "m-7", suite: "full", dry_run: false }); // the declared default for what was left out

    const queued = (await alice.actions.getWorkflowRun({ ...at, run_id: run.id })).data;
    expect(queued).toMatchObject({ id: run.id, name: "Evaluate", event: "workflow_dispatch", status: "queued", conclusion: null, head_branch: "main", path: ".github/workflows/eval.yml", actor: { login: "alice" } });
    expect(queued.html_url).toBe(`${fake.url}/acme/widgets/actions/runs/${run.id}`);

    fake.startWorkflowRun(run.id);
    fake.completeWorkflowRun(run.id, "failure");
    expect((await alice.actions.getWorkflowRun({ ...at, run_id: run.id })).data).toMatchObject({ status: "completed", conclusion: "failure" });
    const listed = await alice.actions.listWorkflowRuns({ ...at, workflow_id: workflow.id, status: "failure" });
    expect(listed.data).toMatchObject({ total_count: 1, workflow_runs: [{ id: run.id }] });

    const deliveries = await received();
    const payloads = deliveries.map((r) => JSON.parse(r.body) as Record<string, unknown> & { action?: string });
    expect(deliveries.map((r, i) => [r.headers["x-github-event"], payloads[i].action].filter(Boolean).join("."))).toEqual([
      "workflow_dispatch",
      "workflow_run.requested",
      "workflow_run.in_progress",
      "workflow_run.completed",
    ]);
    expect(await deliveryProblems(deliveries)).toEqual([]);
    expect(payloads[0]).toMatchObject({ ref: "refs/heads/main", workflow: ".github/workflows/eval.yml", inputs: { model: "m-7", suite: "full", dry_run: false }, sender: { login: "alice" } });
    expect(payloads[1]).toMatchObject({ workflow: { id: workflow.id, path: ".github/workflows/eval.yml" }, workflow_run: { id: run.id, status: "queued", conclusion: null, event: "workflow_dispatch" } });
    expect(payloads[2]).toMatchObject({ workflow_run: { id: run.id, status: "in_progress", conclusion: null } });
    expect(payloads[3]).toMatchObject({ workflow_run: { id: run.id, status: "completed", conclusion: "failure", head_sha: run.headSha }, sender: { login: "alice" } });
    expect(fake.webhookDeliveries.slice(-4).map((d) => `${d.event}:${d.action}`)).toEqual(["workflow_dispatch:", "workflow_run:requested", "workflow_run:in_progress", "workflow_run:completed"]);
  });

  it("dispatches by workflow id on a tag, and answers the run when asked to (return_run_details)", async () => {
    await received();
    const workflow = fake.addWorkflow({ repo: REPO, path: ".github/workflows/release.yaml" });
    const tag = fake.addTag({ repo: REPO, name: "v2.0.0" });
    const answer = await alice.actions.createWorkflowDispatch({ ...at, workflow_id: workflow.id, ref: "refs/tags/v2.0.0", return_run_details: true });
    expect(answer.status).toBe(200);
    const run = fake.workflowRuns(REPO).at(-1)!;
    expect(answer.data).toEqual({ workflow_run_id: run.id, run_url: `${fake.url}/repos/acme/widgets/actions/runs/${run.id}`, html_url: `${fake.url}/acme/widgets/actions/runs/${run.id}` });
    expect(run).toMatchObject({ workflowId: workflow.id, ref: "refs/tags/v2.0.0", headBranch: "v2.0.0", headSha: tag, inputs: {} });
    // Completing a queued run starts it first, as GitHub Actions would.
    fake.completeWorkflowRun(run.id);
    expect(() => fake.completeWorkflowRun(run.id)).toThrow(/already completed/);
    const deliveries = await received();
    expect(deliveries.map((r) => (JSON.parse(r.body) as { action?: string }).action ?? "")).toEqual(["", "requested", "in_progress", "completed"]);
    expect(await deliveryProblems(deliveries)).toEqual([]);
  });

  it("refuses a dispatch as GitHub does, in its words: undeclared or missing inputs, a ref that is no branch or tag, an unknown workflow", async () => {
    await received();
    fake.addWorkflow({ repo: REPO, path: ".github/workflows/smoke.yml", inputs: { target: { required: true } } });
    fake.addWorkflow({ repo: REPO, path: ".github/workflows/nightly.yml", dispatchable: false });
    const dispatch = (workflow_id: string | number, ref: string, inputs?: Record<string, string>, token = "alice-token") =>
      failure(client(token).actions.createWorkflowDispatch({ ...at, workflow_id, ref, ...(inputs ? { inputs } : {}) }));
    const runs = fake.workflowRuns(REPO).length;

    expect(await dispatch("smoke.yml", "main", { target: "staging", verbose: "1", force: "yes" })).toMatchObject({
      status: 422,
      response: { data: { message: 'Unexpected inputs provided: ["verbose","force"]' } },
    });
    expect(await dispatch("smoke.yml", "main")).toMatchObject({ status: 422, response: { data: { message: "Required input 'target' not provided" } } });
    expect(await dispatch("smoke.yml", "nope", { target: "x" })).toMatchObject({ status: 422, response: { data: { message: "No ref found for: nope" } } });
    const main = fake.addBranch({ repo: REPO, name: "main" });
    expect(await dispatch("smoke.yml", main, { target: "x" })).toMatchObject({ status: 422, response: { data: { message: `No ref found for: ${main}` } } });
    expect(await dispatch("nightly.yml", "main")).toMatchObject({ status: 422, response: { data: { message: "Workflow does not have 'workflow_dispatch' trigger" } } });
    expect(fake.violations.splice(0)).toHaveLength(5);

    expect(await dispatch("missing.yml", "main")).toMatchObject({ status: 404, response: { data: { message: "Not Found" } } });
    expect(await dispatch(987654321, "main")).toMatchObject({ status: 404 });
    expect(await dispatch("smoke.yml", "main", { target: "x" }, "bob-token")).toMatchObject({ status: 403 });
    expect(await dispatch("smoke.yml", "main", { target: "x" }, "carol-token")).toMatchObject({ status: 404 });
    expect(await dispatch("smoke.yml", "main", { target: "x" }, "deployer-token")).toMatchObject({ status: 404 }); // repo_deployment is not enough
    expect(await failure(alice.actions.getWorkflowRun({ ...at, run_id: 424242 }))).toMatchObject({ status: 404 });
    expect(fake.workflowRuns(REPO).length).toBe(runs);
    expect(await received()).toEqual([]);
  });

  it("has control routes for another process: refs, workflows, runs, and what deployments and dispatches made", async () => {
    const before = fake.requests.length;
    const post = (path: string, body: unknown) => fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const get = async (path: string) => (await fetch(`${fake.url}${path}`)).json() as Promise<Record<string, unknown>[]>;
    const branch = await post("/_fake/repos/acme/widgets/branches", { name: "release" });
    expect(branch.status).toBe(201);
    expect(await branch.json()).toMatchObject({ name: "release", sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect((await post("/_fake/repos/acme/widgets/tags", { name: "v3.0.0" })).status).toBe(201);
    const added = await post("/_fake/repos/acme/widgets/workflows", { path: ".github/workflows/e2e.yml", inputs: { suite: { required: true, type: "string" } } });
    expect(await added.json()).toMatchObject({ name: "e2e", inputs: { suite: { required: true } } });
    expect((await post("/_fake/repos/acme/widgets/workflows", { path: "e2e.yml" })).status).toBe(400);

    await alice.actions.createWorkflowDispatch({ ...at, workflow_id: "e2e.yml", ref: "release", inputs: { suite: "checkout" } });
    const dispatches = await get("/_fake/repos/acme/widgets/dispatches");
    const last = dispatches.at(-1) as { id: number; inputs: unknown; head_branch: string; status: string };
    expect(last).toMatchObject({ inputs: { suite: "checkout" }, head_branch: "release", status: "queued" });
    expect(await (await post(`/_fake/runs/${last.id}/start`, {})).json()).toMatchObject({ status: "in_progress" });
    expect(await (await post(`/_fake/runs/${last.id}/complete`, { conclusion: "cancelled" })).json()).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect((await post("/_fake/runs/1/complete", {})).status).toBe(400);

    const deployments = (await get("/_fake/repos/acme/widgets/deployments")) as { id: number; statuses_list: { state: string }[] }[];
    expect(deployments[0]).toMatchObject({ environment: "staging", statuses_list: [{ state: "success" }, { state: "in_progress" }] });
    expect(fake.requests.length).toBe(before + 1);
    await received();
  });
});
