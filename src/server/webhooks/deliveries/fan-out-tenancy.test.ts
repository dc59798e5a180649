import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { seedRequest } from "../../../../test/factories";
import { createEndpoint, statusesOf, webhookTenant } from "../../../../test/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";

/**
 * Fan-out never crosses dataspaces: with events of two dataspaces interleaved in the outbox (and
 * so in the relay's batches), each dataspace's catch-all endpoint gets exactly its own events.
 */
describe("webhook fan-out tenancy", () => {
  let runtime: AppRuntime;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    runtime = await startAppRuntime();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  it("delivers each dataspace's events to its own endpoints only", { timeout: 30_000 }, async () => {
    const tenants = [await webhookTenant({}, "Tenancy Alpha"), await webhookTenant({}, "Tenancy Beta")];
    const endpoints = await Promise.all(
      tenants.map((ctx, i) => createEndpoint(ctx, { url: receiver.url(`/tenant-${i}`), eventTypes: ["*"] })),
    );
    const since = await db.event.aggregate({ _max: { seq: true } });
    // Both dataspaces commit side by side, so the relay's batches mix them.
    for (let n = 0; n < 20; n++) await Promise.all(tenants.map((ctx) => seedRequest(ctx, { title: `${ctx.dataspace.name} #${n}` })));

    for (const [i, ctx] of tenants.entries()) {
      const { endpoint } = endpoints[i];
      await expect.poll(() => statusesOf(endpoint.id), { timeout: 15_000 }).toEqual(Array(20).fill("SUCCEEDED"));
      const own = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, seq: { gt: since._max.seq ?? 0n } }, select: { id: true } });
      expect(own).toHaveLength(20);

      const hooks = receiver.forPath(`/tenant-${i}`);
      expect(hooks).toHaveLength(20);
      expect(new Set(hooks.map((hook) => hook.headers["webhook-id"]))).toEqual(new Set(own.map((event) => event.id)));
      for (const hook of hooks) {
        const body = JSON.parse(hook.body);
        expect(body.hook).toMatchObject({ uuid: endpoint.id, event: "request.added" });
        expect(body.data.dataspace).toBe(ctx.dataspace.name);
        expect(body.data.title.startsWith(`${ctx.dataspace.name} #`)).toBe(true);
      }
    }
  });
});
