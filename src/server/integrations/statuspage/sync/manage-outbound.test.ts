import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getIntegration } from "@/server/integrations/manage/manage-integrations";
import { addMember, seedUser, tenantFor } from "../../../../../test/factories";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { startFakeStatuspage, type FakePage, type FakeStatuspage } from "../fake/fake-statuspage";
import { claimDueReconciles } from "./claim-due-reconciles";
import { listStatuspageComponents, testStatuspageConnection } from "./manage-outbound";

/** Test connection, the component picker, and which integrations the reconcile cron claims. */
describe("Statuspage outbound management", () => {
  let fake: FakeStatuspage;
  let page: FakePage;

  beforeAll(async () => {
    fake = await startFakeStatuspage();
    page = fake.addPage({ name: "Acme status" });
    process.env.STATUSPAGE_API_URL = fake.url;
    resetEnvCache();
  });
  afterEach(() => expect(fake.violations).toEqual([]));
  afterAll(async () => {
    delete process.env.STATUSPAGE_API_URL;
    resetEnvCache();
    await fake?.close();
  });

  async function statuspageIntegration(config: Record<string, unknown> = {}) {
    const ctx = await integrationTenant();
    const seeded = await seedIntegration(ctx, { type: "STATUSPAGE", name: "Status", config: { pageId: page.id, apiKey: page.apiKey, ...config } });
    return { ctx, id: seeded.id };
  }

  it("Test connection names the page and its components, and which mapped ones are missing", async () => {
    const api = fake.addComponent(page.id, { name: "API" });
    const { ctx, id } = await statuspageIntegration();
    const service = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "API" } });
    const gone = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Old" } });
    await db.integration.update({ where: { id }, data: { config: { pageId: page.id, apiKey: { $secret: "apiKey" }, componentMapping: { [service.id]: api.id, [gone.id]: "deleted00001" } } } });
    expect(await testStatuspageConnection(ctx, { id })).toEqual({
      ok: true,
      page: { id: page.id, name: "Acme status", url: `https://${page.id}.statuspage.io` },
      componentCount: page.components.size,
      problems: [`component deleted00001 (mapped to service ${gone.id}) is not on this page`],
    });
  });

  it("Test connection explains a refused key and a wrong page, marks the integration, and a pass clears the mark", async () => {
    const { ctx, id } = await statuspageIntegration({ apiKey: "a".repeat(64) });
    expect(await testStatuspageConnection(ctx, { id })).toEqual({
      ok: false,
      retryable: false,
      error: "Statuspage refused the API key (401: Could not authenticate). Check apiKey: it must be a current key from Statuspage's API info.",
    });
    expect((await getIntegration(ctx, id)).attention).toEqual({ message: expect.stringContaining("401: Could not authenticate"), since: expect.any(Date) });

    await db.integration.update({ where: { id }, data: { config: { pageId: "nosuchpage12", apiKey: { $secret: "apiKey" } } } });
    await db.integrationSecret.deleteMany({ where: { integrationId: id } });
    const other = await statuspageIntegration();
    // The right key for another page: Statuspage answers 404 for a page the key cannot see.
    const secret = await db.integrationSecret.findFirstOrThrow({ where: { integrationId: other.id, name: "apiKey" } });
    await db.integrationSecret.create({ data: { dataspaceId: ctx.dataspace.id, integrationId: id, name: "apiKey", value: secret.value } });
    const wrongPage = await testStatuspageConnection(ctx, { id });
    expect(wrongPage).toMatchObject({ ok: false, error: expect.stringContaining("Statuspage does not know page nosuchpage12 (404") });

    await db.integration.update({ where: { id }, data: { config: { pageId: page.id, apiKey: { $secret: "apiKey" } } } });
    expect(await testStatuspageConnection(ctx, { id })).toMatchObject({ ok: true });
    expect((await getIntegration(ctx, id)).attention).toBeNull();
  });

  it("Test connection says when Statuspage is busy, without marking anything", async () => {
    const { ctx, id } = await statuspageIntegration();
    fake.fault({ status: 429, retryAfter: "30" });
    expect(await testStatuspageConnection(ctx, { id })).toEqual({ ok: false, retryable: true, error: expect.stringContaining("rate-limiting this API key (429") });
    expect((await getIntegration(ctx, id)).attention).toBeNull();
  });

  it("an inbound-only integration has nothing to test; another type is refused; another dataspace's is not found", async () => {
    const ctx = await integrationTenant();
    const inbound = await seedIntegration(ctx, { type: "STATUSPAGE", config: { pageId: page.id, webhookSecret: "inbound-only-secret-01" } });
    expect(await testStatuspageConnection(ctx, { id: inbound.id })).toEqual({
      ok: false,
      retryable: false,
      error: "Nothing to test: no apiKey is configured: this integration only receives Statuspage's notifications.",
    });
    const github = await seedIntegration(ctx);
    await expect(testStatuspageConnection(ctx, { id: github.id })).rejects.toThrow(new AppError("BAD_REQUEST", "This is not a Statuspage integration"));
    const { id: theirs } = await statuspageIntegration();
    await expect(listStatuspageComponents(ctx, { id: theirs })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const before = fake.requests.length;
    const member = await seedUser();
    await addMember(ctx.dataspace, member, "MEMBER");
    await expect(testStatuspageConnection(await tenantFor(member.id, ctx.dataspace.slug), { id: inbound.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(fake.requests.length).toBe(before);
  });

  it("the component picker lists the page's components live, with the dataspace's services and the mapping", async () => {
    const { ctx, id } = await statuspageIntegration();
    const web = fake.addComponent(page.id, { name: "Web app", status: "degraded_performance" });
    const service = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Web" } });
    const listed = await listStatuspageComponents(ctx, { id });
    expect(listed).toMatchObject({ ok: true, services: [{ id: service.id, name: "Web", status: "operational" }], mapping: {} });
    expect(listed.ok && listed.components).toContainEqual({ id: web.id, name: "Web app", status: "degraded_performance", group: false });
  });
});

describe("the reconcile cron's claim", () => {
  it("claims an integration once per interval, a long-missed one once, and never an inactive or inbound-only one", async () => {
    const ctx = await integrationTenant();
    const config = { pageId: "gytm4qzbx9t6", apiKey: "b".repeat(64) };
    const every5 = await seedIntegration(ctx, { type: "STATUSPAGE", config: { ...config, reconcileIntervalMinutes: 5 } });
    const every1 = await seedIntegration(ctx, { type: "STATUSPAGE", config: { ...config, reconcileIntervalMinutes: 1 } });
    const inactive = await seedIntegration(ctx, { type: "STATUSPAGE", config, isActive: false });
    const inboundOnly = await seedIntegration(ctx, { type: "STATUSPAGE", config: { pageId: "gytm4qzbx9t6", webhookSecret: "inbound-only-secret-01" } });
    const mine = new Set([every5.id, every1.id, inactive.id, inboundOnly.id]);
    const claimed = async (at: Date) => (await claimDueReconciles(at)).filter((c) => mine.has(c.integrationId)).map((c) => c.integrationId).sort();
    const minute = (n: number) => new Date(Date.UTC(2030, 0, 1, 10, n, 0, 150));

    expect(await claimed(minute(0))).toEqual([every5.id, every1.id].sort()); // never reconciled: due at once
    expect(await claimed(minute(0))).toEqual([]); // a second tick at the same time claims nothing
    expect(await claimed(new Date(minute(1).getTime() - 100))).toEqual([every1.id]); // a tick a little early in its minute still counts
    expect(await claimed(minute(4))).toEqual([every1.id]);
    expect(await claimed(minute(5))).toEqual([every5.id, every1.id].sort());

    // Down for three hours: the ticks missed fire once, and each integration is due once.
    expect(await claimed(minute(185))).toEqual([every5.id, every1.id].sort());
    expect(await claimed(minute(185))).toEqual([]);
    const rows = await db.integration.findMany({ where: { id: { in: [...mine] } }, select: { id: true, reconcileStartedAt: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.reconcileStartedAt?.toISOString() ?? null]))).toEqual({
      [every5.id]: minute(185).toISOString(),
      [every1.id]: minute(185).toISOString(),
      [inactive.id]: null,
      [inboundOnly.id]: null,
    });
  });
});
