import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { matchesEventPattern, normalizeEventPatterns } from "@/server/webhooks/rules";
import { seedDataspace, seedIntegration, seedUser, tenantFor } from "../../../test/factories";
import { familyOf, isWithinFamily } from "./families";
import { deleteIntegration } from "@/server/integrations/manage/manage-integrations";
import { getEvent } from "./list-events";
import { publishInboundEvent } from "./publish-inbound-event";

const envelope = (overrides: Record<string, unknown> = {}) => ({
  integration: { uuid: crypto.randomUUID(), name: "Main repo", type: "GITHUB" },
  event_type: "pull_request.opened",
  delivery_id: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
  summary: { repository: "octo/app", number: 7 },
  ...overrides,
});

describe("event families", () => {
  it("places concrete types in their family and nothing else", () => {
    expect(familyOf("github.pull_request.opened")).toBe("github.*");
    expect(familyOf("github.push")).toBe("github.*");
    expect(familyOf("inbound.billing_alerts")).toBe("inbound.*");
    expect(familyOf("githubx.push")).toBeNull();
    expect(familyOf("github")).toBeNull();
    expect(familyOf("GitHub.Push")).toBeNull();
    expect(isWithinFamily("github.pull_request.*")).toBe(true);
    expect(isWithinFamily("request.*")).toBe(false);
  });

  it("lets webhooks subscribe to a family, part of one or one type, and refuses strangers", () => {
    expect(normalizeEventPatterns(["github.*", "gitlab.merge_request.*", "jira.issue_updated", "request.added"])).toEqual([
      "github.*",
      "gitlab.merge_request.*",
      "jira.issue_updated",
      "request.added",
    ]);
    expect(() => normalizeEventPatterns(["gitgud.*"])).toThrow(/no event type matches "gitgud\.\*"/);
    expect(matchesEventPattern(["github.pull_request.*"], "github.pull_request.opened")).toBe(true);
    expect(matchesEventPattern(["github.pull_request.*"], "github.push")).toBe(false);
  });

  it("publishes a family member into the outbox in its envelope, reads it back with its payload, and refuses types and data outside it", async () => {
    const owner = await seedUser();
    const ctx = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    const integration = await seedIntegration(ctx);
    const received = await ctx.db.webhookEvent.create({
      data: { dataspaceId: ctx.dataspace.id, integrationId: integration.id, eventType: "pull_request.opened", headers: {}, body: '{"action":"opened","number":7}' },
    });
    const event = (type: string, overrides: Record<string, unknown> = {}) => ({ type, envelope: envelope(overrides) as never, payloadFromId: received.id });
    const { id } = await ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, event("github.pull_request.opened")));
    // Stored once: the event keeps the envelope and points at the received body.
    const row = await db.event.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ dataspaceId: ctx.dataspace.id, type: "github.pull_request.opened", payloadFromId: received.id });
    expect(row.data).not.toHaveProperty("payload");
    const read = await getEvent(ctx, id);
    expect(read.data).toEqual({ ...envelope(), integration: expect.anything(), payload: { action: "opened", number: 7 } });
    expect(Object.keys(read.data as object).at(-1)).toBe("payload");

    await expect(ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, event("request.added")))).rejects.toThrow(/not in any event family/);
    await expect(ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, event("custom.deploy.finished")))).rejects.toThrow(/custom event type/);
    await expect(ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, event("github.push", { summary: "no" })))).rejects.toThrow();
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id } })).toBe(1);

    // Deleting the integration takes its received events, but the published event keeps its payload.
    await deleteIntegration(ctx, integration.id);
    expect(await db.webhookEvent.count({ where: { id: received.id } })).toBe(0);
    expect((await db.event.findUniqueOrThrow({ where: { id } })).payloadFromId).toBeNull();
    expect((await getEvent(ctx, id)).data).toEqual(read.data);
  });
});
