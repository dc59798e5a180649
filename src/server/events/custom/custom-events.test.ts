import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { relayOutbox, type RelayedEvent } from "@/server/runtime/outbox-relay";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { createWebhookEndpointInput } from "@/server/webhooks/endpoints/webhook-endpoint.schema";
import { updateWebhookSettings } from "@/server/webhooks/settings/webhook-settings";
import { startAppRuntime, type AppRuntime } from "../../../../test/app-runtime";
import { addMember, callerFor, seedDataspace, seedUser, tenantFor } from "../../../../test/factories";
import { startWebhookReceiver, type WebhookReceiver } from "../../../../test/webhook-receiver";
import { createCustomEventTypeInput } from "./custom-event-type.schema";
import { createCustomEventType, deleteCustomEventType } from "./manage-custom-event-types";
import { publishCustomEvent } from "./publish-custom-event";

/**
 * Custom events end to end: a registered type is published, goes through the outbox like any
 * event, and reaches the webhooks subscribed to it (and the runtime); plus the management rules
 * every surface shares.
 */
const register = (ctx: TenantContext, name: string, schema: object = { type: "object" }) =>
  createCustomEventType(ctx, createCustomEventTypeInput.parse({ name, schema }));

describe("custom event types, as every surface manages them", () => {
  it("are read by every member, changed by admins only, and never seen across dataspaces", async () => {
    const owner = await seedUser();
    const member = await seedUser();
    const space = await seedDataspace({ owner });
    await addMember(space, member, "MEMBER");
    const stranger = await seedUser();
    const strangerSpace = await seedDataspace({ owner: stranger });

    const asOwner = callerFor(owner.id).eventType;
    const created = await asOwner.create({ dataspace: space.slug, name: "custom.release.cut", description: "A release branch was cut", schema: { type: "object" } });
    expect(created).toMatchObject({ name: "custom.release.cut", description: "A release branch was cut", createdById: owner.id });

    const asMember = callerFor(member.id).eventType;
    expect((await asMember.list({ dataspace: space.slug })).items.map((t) => t.name)).toEqual(["custom.release.cut"]);
    await expect(asMember.create({ dataspace: space.slug, name: "custom.mine", schema: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMember.update({ dataspace: space.slug, id: created.id, patch: { description: "Mine" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMember.delete({ dataspace: space.slug, id: created.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Another dataspace may register the same name; it is its own type.
    const theirs = await callerFor(stranger.id).eventType.create({ dataspace: strangerSpace.slug, name: "custom.release.cut", schema: { type: "object", required: ["x"] } });
    expect(theirs.id).not.toBe(created.id);
    const memberCtx = await tenantFor(member.id, space.slug);
    expect((await publishCustomEvent(memberCtx, { type: "custom.release.cut", data: {} })).type).toBe("custom.release.cut");

    await expect(asOwner.create({ dataspace: space.slug, name: "custom.bad", schema: { $ref: "https://x.example/s.json" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(asOwner.create({ dataspace: space.slug, name: "Custom.Upper", schema: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(asOwner.create({ dataspace: space.slug, name: "custom.release.cut", schema: {} })).rejects.toMatchObject({ code: "CONFLICT" });

    const updated = await asOwner.update({ dataspace: space.slug, id: created.id, patch: { schema: { type: "object", required: ["branch"] } } });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    await expect(publishCustomEvent(memberCtx, { type: "custom.release.cut", data: {} })).rejects.toMatchObject({ code: "UNPROCESSABLE", fieldErrors: { "/data/branch": ["is required"] } });

    const ownerCtx = await tenantFor(owner.id, space.slug);
    await deleteCustomEventType(ownerCtx, created.id);
    await expect(publishCustomEvent(memberCtx, { type: "custom.release.cut", data: { branch: "r1" } })).rejects.toMatchObject({ code: "UNPROCESSABLE", fieldErrors: { type: [expect.stringMatching(/not registered/)] } });
    // The past event stays in the log.
    expect(await db.event.count({ where: { dataspaceId: space.id, type: "custom.release.cut" } })).toBe(1);
  });

  it("pages through types by name and caps how many a dataspace registers", async () => {
    const owner = await seedUser();
    const ctx = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    for (let i = 0; i < 100; i++) await register(ctx, `custom.t${String(i).padStart(3, "0")}`);
    await expect(register(ctx, "custom.one_too_many")).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/at most 100/) });

    const caller = callerFor(owner.id).eventType;
    const first = await caller.list({ dataspace: ctx.dataspace.slug, limit: 60 });
    expect(first.items).toHaveLength(60);
    const second = await caller.list({ dataspace: ctx.dataspace.slug, limit: 60, cursor: first.nextCursor });
    expect(second.items.map((t) => t.name)).toEqual(Array.from({ length: 40 }, (_, i) => `custom.t${String(i + 60).padStart(3, "0")}`));
    expect(second.nextCursor).toBeNull();
  });
  it("hands the event to the runtime under its own type, as the relay does for built-in events", async () => {
    const owner = await seedUser();
    const ctx = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    await register(ctx, "custom.runtime.ping");
    const event = await publishCustomEvent(ctx, { type: "custom.runtime.ping", data: { n: 1 } });
    const sent: RelayedEvent[] = [];
    await relayOutbox({ wanted: (type) => type.startsWith("custom."), send: async (events) => void sent.push(...(events as RelayedEvent[])) });
    expect(sent.find((e) => e.id === event.id)).toEqual({
      id: event.id,
      name: "custom.runtime.ping",
      data: { dataspaceId: ctx.dataspace.id, actorId: owner.id, payload: { n: 1 } },
      ts: event.createdAt.getTime(),
    });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).relayedAt).not.toBeNull();
  });
});

describe("custom events fan out like built-in ones", () => {
  let runtime: AppRuntime;
  let receiver: WebhookReceiver;
  let ctx: TenantContext;
  let other: TenantContext;

  beforeAll(async () => {
    runtime = await startAppRuntime();
    receiver = await startWebhookReceiver();
    const owner = await seedUser();
    ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Deploy team" })).slug);
    other = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Other team" })).slug);
    for (const tenant of [ctx, other]) await updateWebhookSettings(tenant, { allowHttp: true });
  });
  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  const hook = (tenant: TenantContext, path: string, eventTypes: string[]) =>
    createWebhookEndpoint(tenant, createWebhookEndpointInput.parse({ url: receiver.url(path), eventTypes }));

  it("delivers to endpoints subscribed to custom.*, a part of it or the type, signed, in DejaCode's shape", async () => {
    const all = await hook(ctx, "/custom", ["custom.*"]);
    await hook(ctx, "/deploys", ["custom.deploy.*"]);
    await hook(ctx, "/exact", ["custom.deploy.finished"]);
    await hook(ctx, "/requests", ["request.*"]);
    await hook(ctx, "/builds", ["custom.build.*"]);
    await hook(other, "/foreign", ["*"]);
    await register(ctx, "custom.deploy.finished", { type: "object", required: ["service"], properties: { service: { type: "string" } } });

    const event = await publishCustomEvent(ctx, { type: "custom.deploy.finished", data: { service: "payments-api", version: "4.2.0" } });
    for (const path of ["/custom", "/deploys", "/exact"]) await expect.poll(() => receiver.forPath(path).length, { timeout: 10_000 }).toBe(1);

    const received = receiver.forPath("/custom")[0];
    expect(JSON.parse(received.body)).toEqual({
      hook: { uuid: all.endpoint.id, event: "custom.deploy.finished", target: receiver.url("/custom") },
      data: { service: "payments-api", version: "4.2.0" },
    });
    expect(received.headers["webhook-id"]).toBe(event.id);
    expect(() => new Webhook(all.secret).verify(received.body, received.headers as Record<string, string>)).not.toThrow();

    await expect.poll(async () => (await db.webhookDelivery.findMany({ where: { eventId: event.id } })).map((d) => d.status).sort(), { timeout: 5_000 }).toEqual([
      "SUCCEEDED",
      "SUCCEEDED",
      "SUCCEEDED",
    ]);
    for (const path of ["/requests", "/builds", "/foreign"]) expect(receiver.forPath(path)).toHaveLength(0);
  });
});
