import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { seedApiToken } from "../../../test/api-token-fixtures";
import { callerFor, seedDataspace, seedRequest, seedUser, tenantFor, type SeededUser } from "../../../test/factories";
import { apiAs } from "../../../test/rest/api";
import { createCustomEventTypeInput } from "./custom/custom-event-type.schema";
import { createCustomEventType } from "./custom/manage-custom-event-types";
import { publishCustomEvent } from "./custom/publish-custom-event";
import { describeEvent } from "./event-summary";
import { listEventsInput } from "./events.schema";
import { listEvents } from "./list-events";
import { publishInboundEvents } from "./publish-inbound-event";
import { eventTypeWhere } from "./type-filter";

/**
 * The event log's type filter and summaries, as the Events page (tRPC) and `GET /api/v1/events`
 * both read them: one rule for patterns, one function for each row's source and summary.
 */
const integration = { uuid: "0193f6a8-7c1e-7000-8000-00000000a11c", name: "Main repo", type: "GITHUB" };
const envelope = (eventType: string, summary: Record<string, unknown>) => ({
  integration,
  event_type: eventType,
  delivery_id: crypto.randomUUID(),
  summary,
});

let owner: SeededUser;
let ctx: TenantContext;

beforeAll(async () => {
  owner = await seedUser();
  ctx = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
  await seedRequest(ctx, { title: "Printer on fire" });
  await ctx.db.$transaction((tx) =>
    publishInboundEvents(tx, ctx.dataspace.id, [
      { type: "github.pull_request.opened", envelope: envelope("pull_request.opened", { repository: "octo/app", number: 7, title: "Fix the login" }), payload: {} },
      { type: "github.push", envelope: envelope("push", { repository: "octo/app", ref: "refs/heads/main", commits: 3 }), payload: {} },
      { type: "github.issues.opened", envelope: envelope("issues.opened", { repository: "octo/app", number: 9, title: "Crash on start" }), payload: {} },
      {
        type: "inbound.billing_alerts",
        envelope: { ...envelope("invoice.failed", { event_type: "invoice.failed" }), integration: { ...integration, name: "Billing alerts", type: "WEBHOOK" } },
        payload: {},
      },
    ]),
  );
  await createCustomEventType(ctx, createCustomEventTypeInput.parse({ name: "custom.deploy.finished", schema: { type: "object" } }));
  await publishCustomEvent(ctx, { type: "custom.deploy.finished", data: { name: "api v42" } });
});

const typesOf = async (type?: string) => (await listEvents(ctx, listEventsInput.parse({ type }))).items.map((e) => e.type);

describe("the type filter", () => {
  it("takes one type, a family, part of one, a catalog prefix or *", async () => {
    expect(await typesOf("github.*")).toEqual(["github.issues.opened", "github.push", "github.pull_request.opened"]);
    expect(await typesOf("github.pull_request.*")).toEqual(["github.pull_request.opened"]);
    expect(await typesOf("inbound.*")).toEqual(["inbound.billing_alerts"]);
    expect(await typesOf("custom.*")).toEqual(["custom.deploy.finished"]);
    expect(await typesOf("request.*")).toEqual(["request.added"]);
    expect(await typesOf("github.push")).toEqual(["github.push"]);
    expect(await typesOf("*")).toHaveLength(6);
    expect(await typesOf("gitlab.*")).toEqual([]);
  });

  it("refuses a pattern no event type can match, saying why, instead of an empty page", async () => {
    for (const type of ["gitgud.*", "request.nope", "github", "GitHub.*", "github.**", "*.push", "%", "github.%", "constructor", "__proto__", "toString.*", "github.\ud800"]) {
      await expect(listEvents(ctx, listEventsInput.parse({ type })), type).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^type: /) });
    }
  });

  it("reads a prefix as an index range on type, never a pattern scan", () => {
    expect(eventTypeWhere("github.pull_request.*")).toEqual({ type: { gte: "github.pull_request.", lt: "github.pull_request/", startsWith: "github.pull_request." } });
    expect(eventTypeWhere("request.added")).toEqual({ type: "request.added" });
    expect(eventTypeWhere("*")).toEqual({});
  });
});

describe("each event's source and summary", () => {
  it("names the integration and what happened there for family events, the record for built-in ones", async () => {
    const rows = (await listEvents(ctx, listEventsInput.parse({}))).items;
    const shown = Object.fromEntries(rows.map((e) => [e.type, [e.source.kind === "integration" ? e.source.name : e.source.kind, e.summary]]));
    expect(shown).toEqual({
      "custom.deploy.finished": ["user", "“api v42”"],
      "inbound.billing_alerts": ["Billing alerts", "invoice.failed"],
      "github.issues.opened": ["Main repo", "octo/app #9 “Crash on start”"],
      "github.push": ["Main repo", "octo/app: 3 commits to main"],
      "github.pull_request.opened": ["Main repo", "octo/app #7 “Fix the login”"],
      "request.added": ["user", "“Printer on fire”"],
    });
    expect(rows.find((e) => e.type === "github.push")!.source).toEqual({ kind: "integration", ...integration });
  });

  it("keeps to one line and never throws on odd data", () => {
    const long = describeEvent({ type: "github.issues.opened", data: { summary: { title: `a\n${"b".repeat(500)}` } }, actorId: null });
    expect(long.summary).toHaveLength(160);
    expect(long.summary).not.toContain("\n");
    for (const data of [null, "text", 42, [], { summary: null, integration: "x" }, { title: { nested: true } }, { __proto__: { title: "x" } }]) {
      expect(describeEvent({ type: "github.push", data, actorId: null })).toEqual({ source: { kind: "system" }, summary: "github.push" });
      expect(describeEvent({ type: "request.added", data, actorId: null })).toEqual({ source: { kind: "system" }, summary: "" });
    }
  });
});

describe("both surfaces read the same rule", () => {
  it("tRPC event.list filters by family and shows summaries; a bad pattern is a BAD_REQUEST", async () => {
    const page = await callerFor(owner.id).event.list({ dataspace: ctx.dataspace.slug, type: "github.*" });
    expect(page.items.map((e) => e.summary)).toEqual(["octo/app #9 “Crash on start”", "octo/app: 3 commits to main", "octo/app #7 “Fix the login”"]);
    await expect(callerFor(owner.id).event.list({ dataspace: ctx.dataspace.slug, type: "gitgud.*" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("REST ?type= filters by family and wildcard, each object with source and summary; a pattern that matches nothing is a 422 naming the field", async () => {
    const admin = apiAs(await seedApiToken(ctx, ["events:admin"]));
    const family = await admin.get(`/events?type=${encodeURIComponent("github.*")}`);
    expect(family.status, family.text).toBe(200);
    expect(family.body.results.map((e: { type: string }) => e.type)).toEqual(["github.issues.opened", "github.push", "github.pull_request.opened"]);
    expect(family.body.results[1]).toMatchObject({ source: { kind: "integration", name: "Main repo", type: "GITHUB" }, summary: "octo/app: 3 commits to main" });
    expect((await admin.get(`/events?type=${encodeURIComponent("github.pull_request.*")}`)).body.results).toHaveLength(1);
    expect((await admin.get("/events?type=*")).body.results).toHaveLength(6);
    const refused = await admin.get(`/events?type=${encodeURIComponent("gitgud.*")}`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: "type", message: 'no event type matches "gitgud.*"' }]);
  });
});
