import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { updateRequestInput } from "@/server/records/requests/request.schema";
import { requestUrls } from "@/server/records/requests/serialize-request";
import { updateRequest } from "@/server/records/requests/update-request";
import { startAppRuntime, type AppRuntime } from "../../test/app-runtime";
import { seedRequest } from "../../test/factories";
import { createEndpoint, deliveriesOf, webhookTenant } from "../../test/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../../test/webhook-receiver";
import { createChatBridge } from "./bridge.ts";

/**
 * The request-to-chat example between the real Switchboard runtime and a fake chat
 * (a Slack-style incoming webhook on 127.0.0.1 that answers as each test scripts it).
 */
describe("examples/request-to-chat", () => {
  let runtime: AppRuntime;
  let chat: WebhookReceiver;
  const servers: http.Server[] = [];

  beforeAll(async () => {
    runtime = await startAppRuntime();
    chat = await startWebhookReceiver();
  });
  afterAll(async () => {
    await runtime?.stop();
    await chat?.close();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  /** A dataspace of its own with a webhook for `request.*` pointing at a bridge that posts to `chatPath`. */
  async function bridgeFor(chatPath: string) {
    const ctx: TenantContext = await webhookTenant({ retryScheduleSeconds: [1] });
    // The bridge needs the secret, which exists only once the webhook points at the bridge's URL.
    let bridge: http.RequestListener = (_req, res) => void res.writeHead(503).end();
    const server = http.createServer((req, res) => bridge(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/switchboard`;
    const { endpoint, secret } = await createEndpoint(ctx, { url, eventTypes: ["request.*"] });
    bridge = createChatBridge({ secret, chatUrl: chat.url(chatPath) });
    return { ctx, url, endpoint, secret };
  }
  const texts = (path: string) => chat.forPath(path).map((hook) => JSON.parse(hook.body).text as string);
  const attemptStatuses = async (endpointId: string) =>
    (await deliveriesOf(endpointId)).map((d) => [d.eventType, d.status, d.attempts.map((a) => a.responseStatus)]);

  it("posts each new request to the chat once, retrying once when the chat answers 5xx, and ignores other events", async () => {
    const { ctx, endpoint } = await bridgeFor("/chat-new");
    chat.scriptFor("/chat-new", { status: 503, body: "try again" });

    const request = await seedRequest(ctx, { title: "Deploy <!channel> & roll back", priority: "high" });
    await updateRequest(ctx, updateRequestInput.parse({ id: request.id, patch: { status: "in_progress" } }));

    await expect
      .poll(() => attemptStatuses(endpoint.id), { timeout: 10_000 })
      .toEqual([
        ["request.added", "SUCCEEDED", [204]],
        ["request.updated", "SUCCEEDED", [204]],
      ]);
    const message = `New request: Deploy &lt;!channel&gt; &amp; roll back (High) from ${request.requester.email}\n${requestUrls(ctx.dataspace.slug, request.id).absolute_url}`;
    // The 503, then the retry: the same message twice, and nothing for request.updated.
    expect(texts("/chat-new")).toEqual([message, message]);
    expect(chat.forPath("/chat-new")[0].headers["content-type"]).toBe("application/json");
  });

  it("when the chat stays down, answers 502 so that Switchboard's own retry posts the message later", async () => {
    const { ctx, endpoint } = await bridgeFor("/chat-down");
    chat.scriptFor("/chat-down", { status: 500 }, { status: 502 });

    const request = await seedRequest(ctx, { title: "Disk full on db-2" });

    await expect
      .poll(() => attemptStatuses(endpoint.id), { timeout: 10_000 })
      .toEqual([["request.added", "SUCCEEDED", [502, 204]]]);
    expect(texts("/chat-down")).toHaveLength(3);
    expect(texts("/chat-down")[2]).toBe(
      `New request: Disk full on db-2 (Normal) from ${request.requester.email}\n${requestUrls(ctx.dataspace.slug, request.id).absolute_url}`,
    );
  });

  it("refuses a forged request.added with 401 and posts nothing", async () => {
    const { url, secret } = await bridgeFor("/chat-forged");
    const body = JSON.stringify({ hook: { event: "request.added" }, data: { title: "Click here", requester: "ceo@example.com", absolute_url: "https://evil.example" } });
    const post = (signingSecret: string, at = new Date()) => {
      const id = `msg-${Math.random()}`;
      const headers = { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(signingSecret).sign(id, at, body) };
      return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    };

    expect((await post("whsec_" + Buffer.alloc(32, 7).toString("base64"))).status).toBe(401);
    expect((await post(secret, new Date(Date.now() - 10 * 60_000))).status).toBe(401);
    expect(chat.forPath("/chat-forged")).toHaveLength(0);
    // Signed with the webhook's secret, now, the same body is posted: the refusals were about the signature.
    expect((await post(secret)).status).toBe(204);
    expect(texts("/chat-forged")).toEqual(["New request: Click here from ceo@example.com\nhttps://evil.example"]);
  });
});
