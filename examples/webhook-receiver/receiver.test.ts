import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { retryWebhookDelivery } from "@/server/webhooks/deliveries/control-deliveries";
import { generateWebhookSecret } from "@/server/webhooks/rules/signing";
import { startAppRuntime, type AppRuntime } from "../../test/app-runtime";
import { seedRequest } from "../../test/factories";
import { createEndpoint, deliveriesOf, webhookTenant } from "../../test/webhook-fixtures";
import { createWebhookReceiver, type ReceivedEvent } from "./receiver.ts";

/**
 * The webhook-receiver example against the real thing: Switchboard's runtime delivers a
 * request.added event to the example on 127.0.0.1, signed with the endpoint's secret.
 */
describe("examples/webhook-receiver", () => {
  let runtime: AppRuntime;
  let server: http.Server;
  let ctx: TenantContext;
  let url: string;
  let endpoint: Awaited<ReturnType<typeof createEndpoint>>;
  const handled: ReceivedEvent[] = [];

  beforeAll(async () => {
    runtime = await startAppRuntime();
    ctx = await webhookTenant({ retryScheduleSeconds: [1] });
    // The receiver needs the secret, which exists only once the webhook points at the receiver's URL.
    let receiver: http.RequestListener = (_req, res) => void res.writeHead(503).end();
    server = http.createServer((req, res) => receiver(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/switchboard`;
    endpoint = await createEndpoint(ctx, { url, eventTypes: ["request.added"] });
    receiver = createWebhookReceiver({ secret: endpoint.secret, onEvent: (event) => void handled.push(event) });
  });
  afterAll(async () => {
    await runtime?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("accepts Switchboard's signed delivery of a new request, and handles it once when it is sent again", async () => {
    const request = await seedRequest(ctx, { title: "Printer on fire, again", priority: "urgent" });

    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    expect(handled[0]).toMatchObject({
      type: "request.added",
      payload: {
        hook: { uuid: endpoint.endpoint.id, event: "request.added", target: url },
        data: { uuid: request.id, title: "Printer on fire, again", priority: "Urgent", status: "open" },
      },
    });
    await expect.poll(async () => (await deliveriesOf(endpoint.endpoint.id))[0]?.status, { timeout: 5_000 }).toBe("SUCCEEDED");
    const [delivery] = await deliveriesOf(endpoint.endpoint.id);
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([204]);
    expect(handled[0].id).toBe(delivery.eventId);

    // "Retry" on the delivery page sends the same event again (same webhook-id, fresh signature):
    // the receiver acknowledges it without handling it a second time.
    await retryWebhookDelivery(ctx, delivery.id);
    await expect.poll(async () => (await deliveriesOf(endpoint.endpoint.id))[0]?.attempts.length, { timeout: 10_000 }).toBe(2);
    const [again] = await deliveriesOf(endpoint.endpoint.id);
    expect(again.status).toBe("SUCCEEDED");
    expect(again.attempts[1].responseStatus).toBe(204);
    expect(handled).toHaveLength(1);
  });

  it("refuses forged, tampered, stale and unsigned deliveries with 401 and never handles them", async () => {
    const before = handled.length;
    const body = JSON.stringify({ hook: { uuid: endpoint.endpoint.id, event: "request.added", target: url }, data: { title: "Wire money now" } });
    const signed = (secret: string, payload: string, at = new Date(), id = `forged-${Math.random()}`) => ({
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, payload),
    });
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload });

    // Signed with some other secret.
    expect((await post(signed(generateWebhookSecret(), body))).status).toBe(401);
    // A genuine signature over different bytes.
    expect((await post(signed(endpoint.secret, body), body.replace("Wire money now", "Wire more money"))).status).toBe(401);
    // The right secret, but signed six minutes ago (a captured request replayed later).
    expect((await post(signed(endpoint.secret, body, new Date(Date.now() - 6 * 60_000)))).status).toBe(401);
    // No signature at all.
    expect((await post({})).status).toBe(401);

    // The same request, properly signed now, is accepted: the refusals above were about the signature.
    expect((await post(signed(endpoint.secret, body))).status).toBe(204);
    await expect.poll(() => handled.length).toBe(before + 1);
    expect(handled.at(-1)?.payload.data).toEqual({ title: "Wire money now" });
  });
});
