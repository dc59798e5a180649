import examples from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { EVENT_TYPE_PATTERN } from "../shared/event-type";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { github } from "./index";

const secret = "It's a Secret to Everybody";
const secrets = { webhookSecret: secret };
const integration = { id: "0190a0b0-0000-7000-8000-000000000001", name: "Main repo" };

/** The request GitHub would send for `payload`: the signature is over exactly these bytes. */
function delivery(event: string, payload: unknown, options: { body?: string; signWith?: string } = {}) {
  const body = options.body ?? JSON.stringify(payload);
  return inboundRequest(body, {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    "x-hub-signature-256": `sha256=${hexHmac(options.signWith ?? secret, body)}`,
  });
}

const all = examples.flatMap((definition) => definition.examples.map((payload) => ({ event: definition.name as string, payload: payload as unknown })));
const example = (event: string, action?: string) =>
  all.find((entry) => entry.event === event && (action === undefined || (entry.payload as { action?: string }).action === action))!.payload as Record<string, unknown>;

describe("GitHub: every published example, signed as GitHub signs it", () => {
  it("is verified, typed, valid against the published schema and mapped", async () => {
    expect(all.length).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const { event, payload } of all) {
      const request = delivery(event, payload);
      const verification = await github.inbound.verify(request, secrets);
      const { eventType, deliveryId } = github.inbound.envelope(request, payload);
      const action = (payload as { action?: string }).action;
      const check = github.inbound.validate(eventType, payload);
      const mapped = github.inbound.map({ eventType, payload, integration });
      if (!verification.ok) failures.push(`${eventType}: ${verification.reason}`);
      if (eventType !== (action ? `${event}.${action}` : event)) failures.push(`${event}: envelope type ${eventType}`);
      if (deliveryId !== "72d3162e-cc78-11e3-81ab-4c9367dc0958") failures.push(`${eventType}: delivery id ${deliveryId}`);
      if (!check.ok) failures.push(`${eventType}: ${check.errors.join("; ")}`);
      if (!mapped || !EVENT_TYPE_PATTERN.test(mapped.type) || !mapped.type.startsWith(`github.${event}`)) {
        failures.push(`${eventType}: mapped to ${mapped?.type}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("GitHub verification", () => {
  const payload = example("pull_request", "opened");
  const body = JSON.stringify(payload);

  it("refuses a forged signature", async () => {
    const result = await github.inbound.verify(delivery("pull_request", payload, { signWith: "not the secret" }), secrets);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("does not match") });
  });

  it("refuses a signature of a different body (one byte changed)", async () => {
    const request = delivery("pull_request", payload);
    const tampered = { ...request, rawBody: Buffer.from(body.replace('"opened"', '"closed"')) };
    expect((await github.inbound.verify(tampered, secrets)).ok).toBe(false);
    // Same JSON, different bytes: the signature covers bytes, not meaning.
    const reformatted = { ...request, rawBody: Buffer.from(JSON.stringify(payload, null, 2)) };
    expect((await github.inbound.verify(reformatted, secrets)).ok).toBe(false);
  });

  it("refuses a request without X-Hub-Signature-256, or with the SHA-1 header only", async () => {
    const request = delivery("pull_request", payload);
    const { "x-hub-signature-256": _, ...rest } = request.headers;
    const result = await github.inbound.verify({ ...request, headers: { ...rest, "x-hub-signature": "sha1=0123" } }, secrets);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("X-Hub-Signature-256 header is missing") });
  });

  it("refuses when no secret is configured, even for a request signed with an empty key", async () => {
    const request = delivery("pull_request", payload, { signWith: "" });
    expect(await github.inbound.verify(request, {})).toEqual({ ok: false, reason: expect.stringContaining("no webhook secret") });
    expect((await github.inbound.verify(request, { webhookSecret: "" })).ok).toBe(false);
  });

  it("refuses a malformed signature and a body that is not UTF-8", async () => {
    const request = delivery("pull_request", payload);
    expect((await github.inbound.verify({ ...request, headers: { ...request.headers, "x-hub-signature-256": "sha256=xyz" } }, secrets)).ok).toBe(false);
    const latin1 = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]); // {"é"} in Latin-1
    const signed = inboundRequest(latin1, { "x-hub-signature-256": `sha256=${hexHmac(secret, latin1)}` });
    expect(await github.inbound.verify(signed, secrets)).toEqual({ ok: false, reason: "the body is not valid UTF-8" });
  });

});

describe("GitHub payload validation", () => {
  it("refuses pull_request.opened without pull_request, naming the path", () => {
    const { pull_request: _, ...broken } = example("pull_request", "opened");
    expect(github.inbound.validate("pull_request.opened", broken)).toEqual({ ok: false, errors: ["/pull_request: is required"] });
  });

  it("refuses a wrongly typed field deep in the payload, naming its path", () => {
    const payload = example("pull_request", "opened");
    const broken = { ...payload, pull_request: { ...(payload.pull_request as object), number: "two" } };
    const check = github.inbound.validate("pull_request.opened", broken);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors).toContain("/pull_request/number: must be integer,null");
  });

  it("refuses payloads that are not JSON objects, and a delivery without an event header", () => {
    expect(github.inbound.validate("push", [1, 2])).toEqual({ ok: false, errors: ["/: the payload must be a JSON object"] });
    const check = github.inbound.validate("", {});
    expect(!check.ok && check.errors[0]).toContain("X-GitHub-Event header is missing");
  });

  it("accepts event types and actions the published schema does not know yet", () => {
    expect(github.inbound.validate("copilot_usage.reported", { anything: true })).toEqual({ ok: true });
    expect(github.inbound.validate("pull_request.brand_new_action", example("pull_request", "opened"))).toEqual({ ok: true });
  });

  it("tolerates fields GitHub added after the schema was published", () => {
    const payload = example("issues", "opened");
    expect(github.inbound.validate("issues.opened", { ...payload, brand_new_field: { x: 1 } }).ok).toBe(true);
  });
});

describe("GitHub mapping", () => {
  const map = (eventType: string, payload: unknown) => github.inbound.map({ eventType, payload, integration })!;

  it("maps pull requests, issues, comments and pushes to domain events with a summary", () => {
    const pr = example("pull_request", "opened") as { number: number; pull_request: { title: string; html_url: string }; repository: { full_name: string }; sender: { login: string } };
    expect(map("pull_request.opened", pr)).toEqual({
      type: "github.pull_request.opened",
      summary: { repository: pr.repository.full_name, number: pr.number, title: pr.pull_request.title, url: pr.pull_request.html_url, actor: pr.sender.login },
    });
    const push = example("push") as { ref: string; commits: unknown[]; compare: string };
    expect(map("push", push)).toMatchObject({ type: "github.push", summary: { ref: push.ref, commits: push.commits.length, url: push.compare } });
    const comment = example("issue_comment", "created") as { issue: { number: number }; comment: { html_url: string } };
    expect(map("issue_comment.created", comment)).toMatchObject({
      type: "github.issue_comment.created",
      summary: { number: comment.issue.number, url: comment.comment.html_url },
    });
    expect(map("issues.reopened", example("issues", "reopened")).type).toBe("github.issues.reopened");
  });

  it("maps any other event as github.<event>.<action>, with lower-case [a-z0-9_.] only", () => {
    expect(map("star.created", example("star", "created"))).toMatchObject({ type: "github.star.created", summary: { action: "created" } });
    expect(map("repository_dispatch.On-Demand Test", { action: "On-Demand Test" }).type).toBe("github.repository_dispatch.on_demand_test");
  });
});

describe("GitHub config", () => {
  const valid = { repository: "octo-org/hello-world", webhookSecret: "0123456789abcdef" };

  it("accepts owner/name, a secret of 16+ characters and an optional token", () => {
    expect(github.configSchema.parse({ ...valid, token: "ghp_x" })).toEqual({ ...valid, token: "ghp_x" });
  });

  it("names the field that is wrong", () => {
    expect(configErrors(github.configSchema.safeParse({ ...valid, repository: "hello-world" }))).toEqual([
      'repository: repository must be "owner/name", e.g. "octo-org/hello-world"',
    ]);
    expect(configErrors(github.configSchema.safeParse({ ...valid, webhookSecret: "short" }))).toEqual([
      "webhookSecret: webhookSecret must be at least 16 characters",
    ]);
    expect(configErrors(github.configSchema.safeParse({ repository: "a/b" }))).toEqual(["webhookSecret: webhookSecret is required"]);
    // Provenant's {repo, branch, token} is taken as written (with the webhook's secret).
    const secret = { webhookSecret: "0123456789abcdef" };
    expect(configErrors(github.configSchema.safeParse({ repo: "my-org/my-agent-repo", branch: "main", token: "ghp_xxxx", ...secret }))).toEqual([]);
    expect(configErrors(github.configSchema.safeParse({ branch: "main", ...secret }))).toEqual(['repository: repository is required: "owner/name", e.g. "octo-org/hello-world"']);
    expect(configErrors(github.configSchema.safeParse({ repo: "a/b", repository: "a/c", ...secret }))).toEqual(["repo: repo and repository name different repositories: keep one of them"]);
    expect(configErrors(github.configSchema.safeParse({ repository: "a/b", issueSync: {}, ...secret }))).toEqual(["token: token is required for issueSync: a GitHub token with Issues: read and write on the repository"]);
    expect(configErrors(github.configSchema.safeParse({ ...valid, webhookSecret: "0123456789abcdef\n" }))[0]).toContain("line breaks");
    expect(configErrors(github.configSchema.safeParse({ ...valid, webhook_secret: "x" }))).toEqual([
      ': unknown config field "webhook_secret" (the fields are repository, repo, branch, webhookSecret, token, deployments, apiUrl, issueSync)',
    ]);
    expect(configErrors(github.configSchema.safeParse({ repository: "a/b", webhookSecret: "" }))).toEqual(["webhookSecret: webhookSecret is required"]);
  });

  it("takes commit-based deployments: branches (refs/heads/ dropped), an environment (production by default) and a service name", () => {
    expect(github.configSchema.parse({ ...valid, deployments: { branches: ["main", "refs/heads/release/2.x"], service: "Checkout API" } })).toEqual({
      ...valid,
      deployments: { branches: ["main", "release/2.x"], environment: "production", push: false, service: "Checkout API" },
    });
    expect(github.configSchema.parse({ ...valid, deployments: {} })).toEqual({ ...valid, deployments: { branches: [], environment: "production", push: false } });
    // Pushing Switchboard's deployments to GitHub acts on GitHub: it needs the token.
    expect(configErrors(github.configSchema.safeParse({ ...valid, deployments: { push: true } }))).toEqual([
      "token: token is required for deployments.push: a GitHub token with Deployments: read and write on the repository",
    ]);
  });

  it("names what is wrong in the deployments config", () => {
    const errors = (deployments: unknown) => configErrors(github.configSchema.safeParse({ ...valid, deployments }));
    expect(errors("main")).toEqual(['deployments: deployments must be an object like {"branches": ["main"], "environment": "production"}']);
    expect(errors({ branches: "main" })).toEqual(['deployments.branches: deployments.branches must be a list of branch names, e.g. ["main"]']);
    expect(errors({ branches: ["main", "two words"] })).toEqual(['deployments.branches.1: deployments.branches: each must be a branch name, e.g. "main" or "release/2.x"']);
    expect(errors({ branches: ["a..b"] })[0]).toContain("each must be a branch name");
    expect(errors({ branches: Array.from({ length: 21 }, (_, n) => `b${n}`) })).toEqual(["deployments.branches: deployments.branches holds at most 20 branches"]);
    expect(errors({ environment: " " })).toEqual(["deployments.environment: deployments.environment must not be empty"]);
    expect(errors({ service: "" })).toEqual(["deployments.service: deployments.service must not be empty (leave it out instead)"]);
    expect(errors({ branch: ["main"] })).toEqual(['deployments: unknown field "deployments.branch" (deployments has branches, environment, push and service)']);
  });
});

describe("GitHub deployments", () => {
  const reported = (eventType: string, payload: unknown, config: Record<string, unknown> = {}) => github.inbound.deployments({ eventType, payload, config });

  it("reports a deployment GitHub created, queued, with its environment, ref, sha, description and creator", () => {
    const payload = example("deployment", "created") as { deployment: { id: number; sha: string; created_at: string } };
    expect(reported("deployment.created", payload, { deployments: { service: "Checkout API" } })).toEqual([{
      externalId: String(payload.deployment.id),
      source: "github",
      environment: "production",
      ref: "master",
      sha: payload.deployment.sha,
      description: null,
      creator: "Codertocat",
      url: null,
      status: null,
      at: new Date(payload.deployment.created_at),
      service: "Checkout API",
      committedAt: null, // GitHub names the commit, not when it was made
    }]);
  });

  it("maps GitHub's deployment states to ours, and takes the environment's URL, else the target's", () => {
    const payload = example("deployment_status", "created") as { deployment_status: Record<string, unknown> };
    const states = ["pending", "queued", "in_progress", "success", "failure", "error", "inactive", "brand_new_state"];
    const statusOf = (state: string) => reported("deployment_status.created", { ...payload, deployment_status: { ...payload.deployment_status, state } })[0].status;
    expect(states.map(statusOf)).toEqual(["queued", "queued", "in_progress", "success", "failure", "failure", "cancelled", null]);
    const withUrls = (urls: Record<string, string>) => reported("deployment_status.created", { ...payload, deployment_status: { ...payload.deployment_status, ...urls } })[0].url;
    expect(withUrls({ environment_url: "https://app.example.test", target_url: "https://ci.example.test" })).toBe("https://app.example.test");
    expect(withUrls({ environment_url: "", target_url: "https://ci.example.test" })).toBe("https://ci.example.test");
    expect(withUrls({ environment_url: "", target_url: "" })).toBeNull();
  });

  it("reports a push as a successful deployment only for a configured branch, never for tags or deletions", () => {
    const push = { ...(example("push") as { after: string }), ref: "refs/heads/main" };
    const config = { deployments: { branches: ["main"], environment: "production" } };
    expect(reported("push", push, config)).toMatchObject([{ source: "github_push", ref: "main", sha: push.after, status: "success", environment: "production", service: null }]);
    expect(reported("push", push)).toEqual([]);
    expect(reported("push", { ...push, ref: "refs/heads/dev" }, config)).toEqual([]);
    expect(reported("push", { ...push, ref: "refs/tags/main" }, config)).toEqual([]);
    expect(reported("push", { ...push, deleted: true, after: "0".repeat(40) }, config)).toEqual([]);
    expect(reported("push", push, { deployments: "garbage" })).toEqual([]); // a config edited by hand into something else
  });

  it("reports nothing for other events, or for a deployment without an id or environment", () => {
    expect(reported("issues.opened", example("issues", "opened"))).toEqual([]);
    const payload = example("deployment", "created") as { deployment: Record<string, unknown> };
    expect(reported("deployment.created", { ...payload, deployment: { ...payload.deployment, environment: null, original_environment: null } })).toEqual([]);
    expect(reported("deployment.created", { ...payload, deployment: { ...payload.deployment, id: null } })).toEqual([]);
  });
});

describe("GitHub envelope and setup", () => {
  it("takes the type from X-GitHub-Event and the payload's action, the id from X-GitHub-Delivery", () => {
    const request = inboundRequest("{}", { "x-github-event": "issues", "x-github-delivery": "d-1" });
    expect(github.inbound.envelope(request, { action: "opened" })).toEqual({ eventType: "issues.opened", deliveryId: "d-1" });
    expect(github.inbound.envelope(inboundRequest("{}", {}), { action: "opened" })).toEqual({ eventType: "", deliveryId: null });
  });

  it("gives setup steps with the inbound URL", () => {
    const steps = github.inbound.setupInstructions("https://switchboard.example/api/hooks/abc");
    expect(steps.join("\n")).toContain("Payload URL: https://switchboard.example/api/hooks/abc");
    expect(steps.join("\n")).toContain("application/json");
  });
});
