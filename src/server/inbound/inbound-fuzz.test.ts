import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { deleteIntegration } from "@/server/integrations/manage/manage-integrations";
import { hookRequest, integrationTenant, seedIntegration, webhookEventsOf } from "../../../test/integration-fixtures";
import { fuzzSeed } from "../../../test/fuzz-seed";
import { senders, type Sender } from "../../../test/inbound-senders";
import { processWebhookEvents } from "./process-webhook-events";
import { receiveHook } from "./receive-hook";

/**
 * Property: whatever a sender who holds the secret sends — any string in summary fields and event
 * types (NUL, lone surrogates, prototype names, escapes), any extra fields, any extra headers —
 * signed correctly, the receiver answers below 500; what it accepts is processed without a raw
 * database error; and the integration can always be deleted afterwards, its published events
 * keeping their payloads. Over every provider.
 */
process.env.INBOUND_REFUSED_PER_MINUTE = "100000"; // the 4xx answered here are expected, not an attack
process.env.INBOUND_RATE_LIMIT_PER_MINUTE = "100000";
resetEnvCache();

const RUNS = 25;
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const hostileText = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d\ude00", "__proto__", "constructor", "toString", "\\u0000", "\ufffd", "", "'; --"),
  fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), loneSurrogate, fc.constant("\u0000")), { maxLength: 6 }).map((parts) => parts.join("")),
);
const hostileKey = fc.oneof(hostileText, fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty"));
const extraFields = fc.dictionary(hostileKey, fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 3 });
// Header values as HTTP carries them (visible Latin-1; the Fetch API refuses control characters).
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 20 }).map((v) => v.trim());
const extraHeaders = fc.dictionary(fc.stringMatching(/^x-[a-z]{1,8}$/), headerValue, { maxKeys: 3 });

describe("inbound deliveries, fuzzed (fast-check)", () => {
  let ctx: Awaited<ReturnType<typeof integrationTenant>>;
  beforeAll(async () => {
    ctx = await integrationTenant("Fuzz team");
  });

  const all = senders();
  it.each(all.map((sender, n) => [`${sender.type}#${n}`, sender] as const))("%s: never a 5xx, never a raw database error, always deletable", async (_name, sender: Sender) => {
    const integration = await seedIntegration(ctx, { type: sender.type, config: sender.config });
    await fc.assert(
      fc.asyncProperty(hostileText, fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: hostileText, weight: 1 }), extraFields, extraHeaders, async (text, hostileType, extra, headers) => {
        const delivery = sender.deliver({ text, hostileType, extra });
        const response = await receiveHook(hookRequest(`${integration.path}${delivery.query ?? ""}`, { body: delivery.body, headers: { ...headers, ...delivery.headers } }));
        const answer = (await response.json().catch(() => null)) as { id?: string; error?: string } | null;
        expect(response.status, JSON.stringify(answer)).toBeLessThan(500);
        // 202, 200 duplicate, or Slack's empty 200 for a slash command: stored. Anything else says why.
        if (response.status >= 300) expect(answer?.error).toEqual(expect.any(String));
      }),
      // Always among the inputs: NUL and lone surrogates in a summary field and in an extra field's key and value.
      { numRuns: RUNS, ...fuzzSeed(), examples: [["a\u0000b", undefined, {}, {}], ["\ud800", undefined, { "\u0000": "x\udfff" }, {}]] },
    );
    // Hostile strings in summary fields go in (only hostile event types are refused): many were accepted.
    const accepted = (await webhookEventsOf(integration.id)).map((row) => row.id);
    expect(accepted.length).toBeGreaterThan(RUNS / 3);

    const outcome = await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: accepted.map((id) => ({ id, dispatch: 0 })) }).catch((error: Error) => error);
    const rows = await db.webhookEvent.findMany({ where: { id: { in: accepted } }, select: { status: true, error: true, domainEventType: true } });
    for (const row of rows) expect(row, JSON.stringify(row)).toMatchObject({ status: "PROCESSED", error: null });
    expect(outcome).not.toBeInstanceOf(Error);
    const published = await db.event.count({ where: { dataspaceId: ctx.dataspace.id, payloadFromId: { in: accepted } } });

    await expect(deleteIntegration(ctx, integration.id)).resolves.toEqual({ id: integration.id });
    expect(await db.webhookEvent.count({ where: { integrationId: integration.id } })).toBe(0);
    // The events published from them keep their payloads, copied in by the one jsonb rule.
    const kept = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, data: { path: ["integration", "uuid"], equals: integration.id } }, select: { data: true, payloadFromId: true } });
    expect(kept.length).toBeGreaterThanOrEqual(published);
    for (const event of kept) {
      expect(event.payloadFromId).toBeNull();
      expect((event.data as { payload?: unknown }).payload).toBeDefined();
    }
  }, 240_000);

  it("refuses a signed delivery whose event type holds a NUL with a 400 saying so (it was a 500, and senders retry those)", async () => {
    const sender = all.find((s) => s.type === "JIRA")!;
    const integration = await seedIntegration(ctx, { type: "JIRA", config: sender.config });
    for (const hostileType of ["jira:issue\u0000updated", "jira:\ud800"]) {
      const delivery = sender.deliver({ text: "Checkout is slow", hostileType, extra: {} });
      const response = await receiveHook(hookRequest(integration.path, delivery));
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/^The event type contains a NUL character or a lone UTF-16 surrogate: "jira:/);
    }
  });
});
