import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { generateInboundToken } from "@/server/integrations/inbound-token";
import { updateIntegrationInput } from "@/server/integrations/manage/integration.schema";
import { updateIntegration } from "@/server/integrations/manage/manage-integrations";
import { integrationTenant, githubDelivery, githubExample, hookRequest, seedIntegration, webhookEventsOf, type SeededIntegration } from "../../../test/integration-fixtures";
import { receiveHook } from "./receive-hook";
import { serveHook } from "./serve-hook";

/**
 * The receiver's answers, mostly by calling the Web-standard handler directly; one test goes over
 * real HTTP. Nothing processes here (no relay runs): what is stored stays RECEIVED and queued.
 */
const LIMIT_BYTES = 64 * 1024;
const PER_MINUTE = 25;
process.env.INBOUND_MAX_BODY_BYTES = String(LIMIT_BYTES);
process.env.INBOUND_RATE_LIMIT_PER_MINUTE = String(PER_MINUTE);
resetEnvCache();

const secret = () => `whsec-${randomBytes(12).toString("hex")}`;

describe("inbound webhook receiver", () => {
  let ctx: Awaited<ReturnType<typeof integrationTenant>>;

  beforeAll(async () => {
    ctx = await integrationTenant("Receiver team");
  });

  async function github(options: { isActive?: boolean } = {}) {
    const webhookSecret = secret();
    const integration = await seedIntegration(ctx, { config: { repository: "octo-org/hello-world", webhookSecret }, isActive: options.isActive });
    return { ...integration, webhookSecret };
  }

  async function post(integration: SeededIntegration, delivery: { body: string; headers: Record<string, string> }) {
    const response = await receiveHook(hookRequest(integration.path, delivery));
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  const integrationRow = (id: string) => db.integration.findUniqueOrThrow({ where: { id } });

  it("accepts real GitHub deliveries, signed as GitHub signs them: 202, stored RECEIVED and queued", async () => {
    const hook = await github();
    const cases = [
      ["pull_request", "opened", "pull_request.opened"],
      ["issues", "opened", "issues.opened"],
      ["issue_comment", "created", "issue_comment.created"],
      ["push", undefined, "push"],
      ["ping", undefined, "ping"],
    ] as const;
    for (const [event, action, eventType] of cases) {
      const delivery = await githubDelivery(hook.webhookSecret, event, githubExample(event, action));
      const answer = await post(hook, delivery);
      expect(answer, eventType).toMatchObject({ status: 202, body: { status: "received", id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) } });
      const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: answer.body.id } });
      expect(row).toMatchObject({ status: "RECEIVED", eventType, providerDeliveryId: delivery.deliveryId, body: delivery.body, attempts: 0, dataspaceId: ctx.dataspace.id });
      expect(row.queuedAt).not.toBeNull();
      // Kept for debugging, except what authenticates the sender.
      expect(row.headers).toMatchObject({ "x-github-event": event, "user-agent": "GitHub-Hookshot/a1b2c3d", "x-hub-signature-256": "***" });
      expect(JSON.stringify(row.headers)).not.toContain(delivery.headers["x-hub-signature-256"].slice(7));
    }
    expect(await webhookEventsOf(hook.id)).toHaveLength(cases.length);
    expect((await integrationRow(hook.id)).lastEventAt).not.toBeNull();
  });

  it("refuses forged, mismatched and missing signatures with 401, stores nothing and counts them", async () => {
    const hook = await github();
    const payload = githubExample("issues", "opened");
    const good = await githubDelivery(hook.webhookSecret, "issues", payload);
    const forged = { ...good, headers: { ...good.headers, "x-hub-signature-256": `sha256=${randomBytes(32).toString("hex")}` } };
    const otherBody = { ...good, body: good.body.replace('"opened"', '"closed"') };
    const { "x-hub-signature-256": _, ...unsigned } = good.headers;
    const missing = { ...good, headers: unsigned };
    const otherSecret = await githubDelivery(secret(), "issues", payload);
    for (const attempt of [forged, otherBody, missing, otherSecret]) {
      expect(await post(hook, attempt)).toMatchObject({ status: 401, body: { error: "Signature verification failed" } });
    }
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
    const row = await integrationRow(hook.id);
    expect(row.authFailures).toBe(4);
    expect(row.lastAuthFailureAt).not.toBeNull();
    expect(row.lastEventAt).toBeNull();
    // The real delivery still goes through.
    expect((await post(hook, good)).status).toBe(202);
  });

  it("takes a rotated signing secret at once, though the integration is cached", async () => {
    const hook = await github();
    expect((await post(hook, await githubDelivery(hook.webhookSecret, "push", githubExample("push")))).status).toBe(202);
    const rotated = secret();
    await updateIntegration(ctx, updateIntegrationInput.parse({ id: hook.id, patch: { config: { repository: "octo-org/hello-world", webhookSecret: rotated } } }));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await post(hook, await githubDelivery(rotated, "push", githubExample("push")))).status).toBe(202);
    expect((await post(hook, await githubDelivery(hook.webhookSecret, "push", githubExample("push")))).status).toBe(401);
  });

  it("never passes a delivery when the integration's secret is missing", async () => {
    const hook = await github();
    await db.integrationSecret.deleteMany({ where: { integrationId: hook.id } });
    const delivery = await githubDelivery(hook.webhookSecret, "issues", githubExample("issues", "opened"));
    expect(await post(hook, delivery)).toMatchObject({ status: 401, body: { error: "Signature verification failed" } });
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
  });

  it("stops accepting deliveries for an integration once it is deactivated (within the lookup cache's few seconds)", async () => {
    const hook = await github();
    expect((await post(hook, await githubDelivery(hook.webhookSecret, "push", githubExample("push")))).status).toBe(202);
    await updateIntegration(ctx, updateIntegrationInput.parse({ id: hook.id, patch: { isActive: false } }));
    await expect
      .poll(async () => (await post(hook, await githubDelivery(hook.webhookSecret, "push", githubExample("push")))).status, { timeout: 8_000, interval: 500 })
      .toBe(404);
    const stored = (await webhookEventsOf(hook.id)).length;
    expect((await post(hook, await githubDelivery(hook.webhookSecret, "push", githubExample("push")))).status).toBe(404);
    expect(await webhookEventsOf(hook.id)).toHaveLength(stored);
  });

  it("answers unknown tokens, malformed tokens and inactive integrations with the same 404", async () => {
    const inactive = await github({ isActive: false });
    const delivery = await githubDelivery(inactive.webhookSecret, "issues", githubExample("issues", "opened"));
    const answers = await Promise.all(
      [inactive.path, `/api/hooks/${generateInboundToken()}`, "/api/hooks/not-a-token", "/api/hooks/"].map(async (path) => {
        const response = await receiveHook(hookRequest(path, delivery));
        return { status: response.status, body: await response.text() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual({ status: 404, body: '{"error":"Not found"}' });
    expect(await webhookEventsOf(inactive.id)).toHaveLength(0);
    expect((await integrationRow(inactive.id)).authFailures).toBe(0);
  });

  it("answers other methods with 405 and Allow: POST", async () => {
    const hook = await github();
    const response = await receiveHook(hookRequest(hook.path, { method: "GET" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ error: expect.stringContaining("POST") });
  });

  it("refuses bodies over the limit with 413, declared or streamed, without reading them whole", async () => {
    const hook = await github();
    const payload = { ...githubExample("issues", "opened"), padding: "x".repeat(LIMIT_BYTES) };
    const declared = await githubDelivery(hook.webhookSecret, "issues", payload);
    expect(await post(hook, declared)).toMatchObject({ status: 413, body: { error: `Request body too large: the limit is ${LIMIT_BYTES} bytes` } });

    // Chunked: no Content-Length, 16 KB at a time, up to 1 MB if the receiver kept reading.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16 * 1024;
        if (pulled > 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const response = await receiveHook(hookRequest(hook.path, { body: stream, headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(LIMIT_BYTES + 4 * 16 * 1024);
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
  });

  it("refuses content types other than JSON with 415 (forms only where the provider takes them: Slack)", async () => {
    const hook = await github();
    const delivery = await githubDelivery(hook.webhookSecret, "issues", githubExample("issues", "opened"));
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
      const answer = await post(hook, { ...delivery, headers: { ...delivery.headers, "content-type": type } });
      expect(answer).toMatchObject({ status: 415, body: { error: `Content-Type must be application/json (got "${type}")` } });
    }
    const { "content-type": _, ...untyped } = delivery.headers;
    expect(await post(hook, { ...delivery, headers: untyped })).toMatchObject({ status: 415, body: { error: "Content-Type must be application/json (got none)" } });
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
    // Parameters and structured-syntax JSON types are JSON.
    expect((await post(hook, { ...delivery, headers: { ...delivery.headers, "content-type": "application/json; charset=utf-8" } })).status).toBe(202);
    const other = await githubDelivery(hook.webhookSecret, "issues", githubExample("issues", "opened"));
    expect((await post(hook, { ...other, headers: { ...other.headers, "content-type": "application/vnd.github+json" } })).status).toBe(202);
  });

  it("refuses a signed body that is not JSON with 400 and the parser's message", async () => {
    const hook = await github();
    const delivery = await githubDelivery(hook.webhookSecret, "issues", null, { body: '{"action": "opened",' });
    const answer = await post(hook, delivery);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^Malformed JSON: .+/);
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
  });

  it("refuses a payload that breaks the event's published schema with 422 and the errors", async () => {
    const hook = await github();
    const payload = { ...githubExample("pull_request", "opened"), pull_request: "not an object" };
    const answer = await post(hook, await githubDelivery(hook.webhookSecret, "pull_request", payload));
    expect(answer.status).toBe(422);
    expect(answer.body.error).toContain('"pull_request.opened"');
    expect(answer.body.errors.join("\n")).toContain("/pull_request");
    const { pull_request: _, ...without } = githubExample("pull_request", "opened");
    expect((await post(hook, await githubDelivery(hook.webhookSecret, "pull_request", without))).status).toBe(422);
    expect(await webhookEventsOf(hook.id)).toHaveLength(0);
  });

  it("stores a delivery once: a repeated X-GitHub-Delivery answers 200 duplicate with the first event's id", async () => {
    const hook = await github();
    const delivery = await githubDelivery(hook.webhookSecret, "push", githubExample("push"));
    const first = await post(hook, delivery);
    expect(first.status).toBe(202);
    expect(await post(hook, delivery)).toEqual(expect.objectContaining({ status: 200, body: { status: "duplicate", id: first.body.id } }));

    // Concurrent redeliveries of one new delivery: one row, every answer names it.
    const again = await githubDelivery(hook.webhookSecret, "push", githubExample("push"));
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(hook, again)));
    const ids = new Set(answers.map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    expect(await webhookEventsOf(hook.id)).toHaveLength(2);
  });

  it("rate-limits each integration: a flood gets 429 with Retry-After and nothing stored past the limit", async () => {
    const hook = await github();
    const neighbour = await github();
    const deliveries = await Promise.all(Array.from({ length: PER_MINUTE + 10 }, () => githubDelivery(hook.webhookSecret, "issues", githubExample("issues", "opened"))));
    const answers = await Promise.all(deliveries.map((delivery) => post(hook, delivery)));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(PER_MINUTE);
    expect(refused).toHaveLength(10);
    for (const answer of refused) {
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(answer.body.error).toMatch(/^Too many requests for this integration/);
    }
    expect(await webhookEventsOf(hook.id)).toHaveLength(PER_MINUTE);
    // Another integration has its own budget.
    expect((await post(neighbour, await githubDelivery(neighbour.webhookSecret, "issues", githubExample("issues", "opened")))).status).toBe(202);
  });

  it("answers Slack's url_verification challenge once the request is verified, and stores nothing", async () => {
    const signingSecret = secret();
    const slack = await seedIntegration(ctx, { type: "SLACK", config: { signingSecret } });
    const body = JSON.stringify({ token: "legacy", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const headers = { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature };
    expect(await post(slack, { body, headers })).toMatchObject({ status: 200, body: { challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" } });
    expect((await post(slack, { body, headers: { ...headers, "x-slack-signature": `v0=${"0".repeat(64)}` } })).status).toBe(401);
    expect(await webhookEventsOf(slack.id)).toHaveLength(0);
  });

  it("acknowledges Slack's slash commands and interactions with an empty 200 (Slack shows any body to the user), its Events API with 202 JSON", async () => {
    const signingSecret = secret();
    const slack = await seedIntegration(ctx, { type: "SLACK", config: { signingSecret } });
    const signed = (body: string, contentType: string) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
      return hookRequest(slack.path, { body, headers: { "content-type": contentType, "x-slack-request-timestamp": timestamp, "x-slack-signature": signature } });
    };
    const form = "application/x-www-form-urlencoded";
    const command = new URLSearchParams({ command: "/deploy", text: "api", team_id: "T1", channel_id: "C1", user_id: "U1", trigger_id: "trig-1" }).toString();
    const click = { type: "block_actions", team: { id: "T1" }, user: { id: "U2" }, trigger_id: "trig-2", channel: { id: "C2" }, actions: [{ action_id: "approve" }] };
    const interaction = new URLSearchParams({ payload: JSON.stringify(click) }).toString();
    for (const body of [command, interaction, command]) {
      const response = await receiveHook(signed(body, form));
      expect({ status: response.status, body: await response.text(), type: response.headers.get("content-type") }).toEqual({ status: 200, body: "", type: null });
    }
    expect((await webhookEventsOf(slack.id)).map((e) => e.eventType)).toEqual(["slash_command", "block_actions"]);
    const message = JSON.stringify({ token: "x", team_id: "T1", api_app_id: "A1", event: { type: "message", channel: "C1", user: "U1", text: "hi", ts: "1.2" }, type: "event_callback", event_id: "Ev1", event_time: 1 });
    const response = await receiveHook(signed(message, "application/json"));
    expect({ status: response.status, body: await response.json() }).toMatchObject({ status: 202, body: { status: "received" } });
  });

  it("works the same over real HTTP, served from node:http as server.ts serves it, storing concurrent requests together", async () => {
    const hook = await github();
    const server = http.createServer(serveHook);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const delivery = await githubDelivery(hook.webhookSecret, "pull_request", githubExample("pull_request", "opened"));
      const accepted = await fetch(`${base}${hook.path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get("content-type")).toBe("application/json");
      const { id } = await accepted.json();
      expect((await db.webhookEvent.findUniqueOrThrow({ where: { id } })).body).toBe(delivery.body);

      const forged = await fetch(`${base}${hook.path}`, { method: "POST", headers: { ...delivery.headers, "x-github-delivery": "another" }, body: `${delivery.body} ` });
      expect(forged.status).toBe(401);
      const tooLarge = await fetch(`${base}${hook.path}`, { method: "POST", headers: delivery.headers, body: "x".repeat(LIMIT_BYTES + 1) });
      expect(tooLarge.status).toBe(413);
      // Chunked, no Content-Length: cut off at the limit, the connection closed rather than drained whole.
      const chunked = await new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        const request = http.request(`${base}${hook.path}`, { method: "POST", headers: { ...delivery.headers, "transfer-encoding": "chunked" } }, (response) => {
          response.resume();
          resolve({ status: response.statusCode!, connection: response.headers.connection });
        });
        request.on("error", reject);
        for (let i = 0; i < 8; i++) request.write("x".repeat(16 * 1024));
        request.end();
      });
      expect(chunked).toEqual({ status: 413, connection: "close" });
      expect((await fetch(`${base}${hook.path}`)).status).toBe(405);
      expect(await webhookEventsOf(hook.id)).toHaveLength(1);

      // Twenty at once, each delivery sent twice: stored together (group commit), each once, the repeats answered as duplicates of it.
      const busy = await github();
      const deliveries = await Promise.all(Array.from({ length: 10 }, (_, i) => githubDelivery(busy.webhookSecret, "issues", { ...githubExample("issues", "opened"), n: i })));
      const answers = await Promise.all(
        [...deliveries, ...deliveries].map(async (d) => {
          const response = await fetch(`${base}${busy.path}`, { method: "POST", headers: d.headers, body: d.body });
          return { delivery: d.deliveryId, code: response.status, ...((await response.json()) as { id: string; status: string }) };
        }),
      );
      for (const d of deliveries) {
        const both = answers.filter((a) => a.delivery === d.deliveryId);
        expect(both.map((a) => [a.code, a.status]).sort()).toEqual([[200, "duplicate"], [202, "received"]]);
        expect(new Set(both.map((a) => a.id)).size).toBe(1);
      }
      const stored = await webhookEventsOf(busy.id);
      expect(stored.map((e) => e.providerDeliveryId).sort()).toEqual(deliveries.map((d) => d.deliveryId).sort());
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
