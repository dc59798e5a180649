import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { matchesEventPattern, normalizeEventPatterns } from "@/server/webhooks/rules";
import { seedDataspace, seedUser, tenantFor } from "../../../test/factories";
import { familyOf, isWithinFamily } from "./families";
import { publishInboundEvent } from "./publish-inbound-event";

const data = (overrides: Record<string, unknown> = {}) => ({
  integration: { uuid: crypto.randomUUID(), name: "Main repo", type: "GITHUB" },
  event_type: "pull_request.opened",
  delivery_id: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
  summary: { repository: "octo/app", number: 7 },
  rawPayload: '{"action":"opened"}',
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

  it("publishes a family member into the outbox in its envelope, and refuses types and data outside it", async () => {
    const owner = await seedUser();
    const ctx = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    const { id } = await ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, "github.pull_request.opened", data()));
    const row = await db.event.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ dataspaceId: ctx.dataspace.id, type: "github.pull_request.opened", data: { summary: { number: 7 }, payload: { action: "opened" } } });

    await expect(ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, "request.added", data()))).rejects.toThrow(/not in any event family/);
    await expect(ctx.db.$transaction((tx) => publishInboundEvent(tx, ctx.dataspace.id, "github.push", data({ summary: "no" })))).rejects.toThrow();
    expect(await db.event.count({ where: { dataspaceId: ctx.dataspace.id } })).toBe(1);
  });
});
