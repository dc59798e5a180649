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
    expect(configErrors(github.configSchema.safeParse({ ...valid, webhookSecret: "0123456789abcdef\n" }))[0]).toContain("line breaks");
    expect(configErrors(github.configSchema.safeParse({ ...valid, webhook_secret: "x" }))).toEqual([
      ': unknown config field "webhook_secret" (the fields are repository, webhookSecret, token)',
    ]);
    expect(configErrors(github.configSchema.safeParse({ repository: "a/b", webhookSecret: "" }))).toEqual(["webhookSecret: webhookSecret is required"]);
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
