import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { updateRequestInput } from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";
import { getWebhookDelivery } from "@/server/webhooks/deliveries/read-deliveries";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { createWebhookEndpointInput } from "@/server/webhooks/endpoints/webhook-endpoint.schema";
import { updateWebhookSettings } from "@/server/webhooks/settings/webhook-settings";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../../../../test/factories";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";

/**
 * Outgoing webhooks end to end, in-process: a domain change publishes an event, the relay fans it
 * out to matching endpoints, the embedded executor runs one delivery function per delivery over
 * HTTP, and a real receiver on 127.0.0.1 gets a signed POST.
 */
describe("webhook delivery", () => {
  let runtime: AppRuntime;
  let receiver: WebhookReceiver;
  let ctx: Awaited<ReturnType<typeof tenantFor>>;
  let other: Awaited<ReturnType<typeof tenantFor>>;

  beforeAll(async () => {
    runtime = await startAppRuntime();
    receiver = await startWebhookReceiver();
    const owner = await seedUser();
    ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Hooks team" })).slug);
    other = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Other team" })).slug);
    for (const tenant of [ctx, other]) await updateWebhookSettings(tenant, { allowHttp: true, retryScheduleSeconds: [1, 1] });
  });
  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  const create = (tenant: typeof ctx, input: Record<string, unknown>) =>
    createWebhookEndpoint(tenant, createWebhookEndpointInput.parse(input));
  const deliveriesOf = (endpointId: string) => db.webhookDelivery.findMany({ where: { endpointId }, include: { attempts: { orderBy: { number: "asc" } } }, orderBy: { createdAt: "asc" } });

  it("fans an event out to every matching endpoint of its dataspace, signed, in DejaCode's shape", async () => {
    const all = await create(ctx, { url: receiver.url("/all"), eventTypes: ["request.*"], extraPayload: { team: "ops" }, extraHeaders: { "X-Team": "ops", Authorization: "Bearer s3cret-token" } });
    const urgent = await create(ctx, { url: receiver.url("/urgent"), eventTypes: ["*"], filter: 'data.priority == "Urgent"' });
    const comments = await create(ctx, { url: receiver.url("/comments"), eventTypes: ["request_comment.added"] });
    const off = await create(ctx, { url: receiver.url("/off"), eventTypes: ["*"], isActive: false });
    const foreign = await create(other, { url: receiver.url("/foreign"), eventTypes: ["*"] });

    const request = await seedRequest(ctx, { title: "Printer on fire", priority: "urgent" });
    await expect.poll(() => receiver.forPath("/all").length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => receiver.forPath("/urgent").length, { timeout: 10_000 }).toBe(1);

    const hook = receiver.forPath("/all")[0];
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      hook: { uuid: all.endpoint.id, event: "request.added", target: receiver.url("/all") },
      data: { uuid: request.id, title: "Printer on fire", priority: "Urgent" },
      team: "ops",
    });
    expect(hook.headers["x-team"]).toBe("ops");
    expect(hook.headers.authorization).toBe("Bearer s3cret-token");
    expect(hook.headers["content-type"]).toBe("application/json");
    // The official Standard Webhooks library accepts the signature with the secret shown at creation.
    expect(() => new Webhook(all.secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(urgent.secret).verify(hook.body, hook.headers as Record<string, string>)).toThrow();
    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: ctx.dataspace.id, type: "request.added" } });
    expect(hook.headers["webhook-id"]).toBe(event.id);

    await expect.poll(async () => (await deliveriesOf(all.endpoint.id))[0]?.status, { timeout: 5_000 }).toBe("SUCCEEDED");
    const [delivery] = await deliveriesOf(all.endpoint.id);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ number: 1, responseStatus: 200, responseBody: "ok", succeeded: true });
    // What the dashboard and API show of that attempt: the credential masked, the signature not.
    const shown = await getWebhookDelivery(ctx, delivery.id);
    expect(shown.attempts[0].requestHeaders).toMatchObject({ authorization: "***", "x-team": "ops", "webhook-id": event.id });
    expect(JSON.stringify(shown)).not.toContain("s3cret-token");

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await deliveriesOf(comments.endpoint.id)).toHaveLength(0);
    // A webhook switched off holds its delivery (sent when it is switched on), sends nothing.
    expect((await deliveriesOf(off.endpoint.id)).map((d) => [d.status, d.attempts.length])).toEqual([["HELD", 0]]);
    expect(receiver.forPath("/off")).toHaveLength(0);
    expect(await deliveriesOf(foreign.endpoint.id)).toHaveLength(0);
    expect(receiver.forPath("/foreign")).toHaveLength(0);

    // A change that does not match the filter reaches only the unfiltered endpoint.
    await updateRequest(ctx, updateRequestInput.parse({ id: request.id, patch: { priority: "low" } }));
    await expect.poll(() => receiver.forPath("/all").length, { timeout: 10_000 }).toBe(2);
    expect(receiver.forPath("/urgent")).toHaveLength(1);
    expect(JSON.parse(receiver.forPath("/all")[1].body).hook.event).toBe("request.updated");
  });
});
