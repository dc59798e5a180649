import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { apiAs } from "./api";

/** /api/v1/alerts as a client sees it: raise (201 new, 200 repeat), read, acknowledge, resolve, link. */
describe("REST: alerts", () => {
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  let reader: ReturnType<typeof apiAs>;
  let viewer: ReturnType<typeof apiAs>;
  let serviceId: string;

  beforeAll(async () => {
    const owner = await seedUser({ name: "Rest Owner" });
    const space = await seedDataspace({ owner, name: "REST alerts" });
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["alerts:write"]));
    reader = apiAs(await seedApiToken(ctx, ["alerts:read"]));
    const viewerUser = await seedUser();
    await addMember(space, viewerUser, "VIEWER");
    viewer = apiAs(await seedApiToken(await tenantFor(viewerUser.id, space.slug), ["alerts:write"]));
    serviceId = (await ctx.db.service.create({ data: { dataspaceId: space.id, name: "Payments" } })).id;
  });

  it("raises: 201 with Location for a new alert, 200 with the count for a repeat of its fingerprint", async () => {
    const body = { title: "Payments 5xx above 2%", severity: "error", fingerprint: "payments-5xx", service: serviceId, payload: { rate: 0.021 } };
    const created = await api.post("/alerts", body);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toMatch(new RegExp(`/api/v1/alerts/${created.body.uuid}$`));
    expect(created.body).toMatchObject({
      title: "Payments 5xx above 2%",
      severity: "error",
      status: "triggered",
      source: "api",
      fingerprint: "payments-5xx",
      count: 1,
      service: { uuid: serviceId, name: "Payments" },
      payload: { rate: 0.021 },
      incident: null,
      request: null,
      api_url: `/api/v1/alerts/${created.body.uuid}`,
    });

    const repeat = await api.post("/alerts", { ...body, severity: "critical", payload: { rate: 0.05 } });
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get("location")).toBeNull();
    expect(repeat.body).toMatchObject({ uuid: created.body.uuid, count: 2, severity: "critical", payload: { rate: 0.05 } });

    const fetched = await reader.get(`/alerts/${created.body.uuid}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ count: 2 });
    expect((await reader.get(`/alerts/${created.body.uuid}`, { headers: { "if-none-match": fetched.headers.get("etag")! } })).status).toBe(304);
  });

  it("keeps the links a raise sends (trace, APM page, runbook), a repeat with links replaces them and one without keeps them; a bad link is a 422 naming it", async () => {
    const trace = { url: "https://app.datadoghq.com/apm/trace/6102183468", kind: "trace" };
    const created = await api.post("/alerts", { title: "Checkout errors", fingerprint: "checkout-errors", links: [trace, { url: "https://wiki.example.com/checkout", kind: "runbook", label: "Checkout runbook" }, { url: "https://wiki.example.com/checkout" }] });
    expect(created.body.links).toEqual([
      { kind: "trace", label: "Trace", url: trace.url },
      { kind: "runbook", label: "Checkout runbook", url: "https://wiki.example.com/checkout" },
    ]);
    expect((await api.post("/alerts", { title: "Checkout errors", fingerprint: "checkout-errors" })).body).toMatchObject({ count: 2, links: created.body.links });
    const newer = { url: "https://app.datadoghq.com/apm/trace/6102189999", kind: "trace" };
    expect((await api.post("/alerts", { title: "Checkout errors", fingerprint: "checkout-errors", links: [newer] })).body).toMatchObject({ count: 3, links: [{ kind: "trace", label: "Trace", url: newer.url }] });

    const refused = async (links: unknown) => {
      const answer = await api.post("/alerts", { title: "Bad links", links });
      expect(answer.status).toBe(422);
      return (answer.body.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`);
    };
    expect(await refused([{ url: "javascript:alert(1)" }])).toEqual(["links.0.url: A link's URL must be an absolute http:// or https:// address"]);
    expect(await refused([{ url: "https://example.com", kind: "video" }])).toEqual([expect.stringMatching(/^links\.0\.kind: A link's kind is one of source, trace/)]);
    expect(await refused(Array.from({ length: 11 }, (_, i) => ({ url: `https://example.com/${i}` })))).toEqual(["links: At most 10 links"]);
    expect(await refused([{ url: "https://example.com", label: "x\u0000y" }])).toEqual([expect.stringMatching(/^links\.0\.label: Text may not contain a NUL/)]);
  });

  it("replays a raise sent again with the same Idempotency-Key instead of counting it twice", async () => {
    const headers = { "idempotency-key": crypto.randomUUID() };
    const body = { title: "Idempotent raise", fingerprint: "idempotent-raise" };
    const first = await api.post("/alerts", body, { headers });
    const again = await api.post("/alerts", body, { headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.body).toMatchObject({ uuid: first.body.uuid, count: 1 });
    expect((await api.post("/alerts", body)).body).toMatchObject({ count: 2 });
  });

  it("acknowledges, resolves by fingerprint or by uuid, and says what cannot be done", async () => {
    const { body: alert } = await api.post("/alerts", { title: "Queue depth", fingerprint: "queue-depth" });
    const acked = await api.post(`/alerts/${alert.uuid}/acknowledge`, undefined);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ status: "acknowledged", acknowledged_by: expect.stringContaining("@") });

    const resolved = await api.post("/alerts/resolve", { fingerprint: "queue-depth" });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ uuid: alert.uuid, status: "resolved", resolved_date: expect.any(String) });
    const none = await api.post("/alerts/resolve", { fingerprint: "queue-depth" });
    expect(none.status).toBe(404);
    expect(none.body.detail).toMatch(/fingerprint/);
    expect((await api.post(`/alerts/${alert.uuid}/resolve`, undefined)).status).toBe(200);
    const conflict = await api.post(`/alerts/${alert.uuid}/acknowledge`, undefined);
    expect(conflict.status).toBe(409);
    expect(conflict.body.type).toBe("urn:switchboard:problem:conflict");
  });

  it("links an incident and a request with PATCH, honouring If-Match, and refuses what is not the dataspace's", async () => {
    const { body: alert } = await api.post("/alerts", { title: "Link me", fingerprint: "link-me" });
    const incident = await ctx.db.incident.create({ data: { dataspaceId: ctx.dataspace.id, title: "Payments degraded" } });
    const request = await seedRequest(ctx, { title: "Follow up on payments" });
    const read = await reader.get(`/alerts/${alert.uuid}`);

    const linked = await api.patch(`/alerts/${alert.uuid}`, { incident: incident.id, request: request.id }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ incident: { uuid: incident.id, title: "Payments degraded", status: "investigating" }, request: { uuid: request.id, title: "Follow up on payments", status: "open" } });
    const stale = await api.patch(`/alerts/${alert.uuid}`, { incident: null }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(stale.status).toBe(412);

    const unknown = await api.patch(`/alerts/${alert.uuid}`, { request: crypto.randomUUID() });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: "request", message: "There is no such request in this dataspace" }]);
    expect((await api.patch(`/alerts/${alert.uuid}`, {})).status).toBe(422);
    expect((await api.patch(`/alerts/${alert.uuid}`, { incident: null })).body).toMatchObject({ incident: null, request: { uuid: request.id } });
  });

  it("lists newest first with filters and next links", async () => {
    const space = await seedDataspace({ owner: { id: ctx.actor.userId }, name: "REST alert list" });
    const listCtx = await tenantFor(ctx.actor.userId, space.slug);
    const list = apiAs(await seedApiToken(listCtx, ["alerts:write"]));
    const titles = ["First", "Second", "Third"];
    for (const [i, title] of titles.entries()) await list.post("/alerts", { title, severity: i === 1 ? "critical" : "info" });
    const page = await list.get("/alerts?limit=2");
    expect(page.body.results.map((a: { title: string }) => a.title)).toEqual(["Third", "Second"]);
    const next = await list.get(page.body.next.replace(/^https?:\/\/[^/]+\/api\/v1/, ""));
    expect(next.body).toMatchObject({ results: [{ title: "First" }], next: null });
    expect((await list.get("/alerts?severity=critical,error")).body.results.map((a: { title: string }) => a.title)).toEqual(["Second"]);
    expect((await list.get("/alerts?status=resolved")).body.results).toEqual([]);
    expect((await list.get("/alerts?source=datadog")).body.results).toEqual([]);
    expect((await list.get("/alerts?severity=bad")).status).toBe(422);
    expect((await list.get("/alerts?serverity=critical")).status).toBe(422);
  });

  it("takes the scope and the role: a read token or a viewer's token cannot write, and bad input is a 422 naming the field", async () => {
    const forbidden = await reader.post("/alerts", { title: "Read-only token" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toBe("urn:switchboard:problem:missing-scope");
    expect((await viewer.post("/alerts", { title: "Viewer's token" })).status).toBe(403);
    expect((await reader.get("/alerts")).status).toBe(200);

    const nul = await api.post("/alerts", { title: "Disk\u0000full" });
    expect(nul.status).toBe(422);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: "title" })]);
    const fields = await api.post("/alerts", { title: "", severity: "apocalyptic", color: "red" });
    expect(fields.status).toBe(422);
    expect(fields.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["color", "severity", "title"]);
    const otherService = await api.post("/alerts", { title: "Someone else's service", service: crypto.randomUUID() });
    expect(otherService.status).toBe(422);
    expect(otherService.body.errors).toEqual([{ field: "service", message: "There is no such service in this dataspace" }]);
    expect(await db.alert.count({ where: { dataspaceId: ctx.dataspace.id, title: { in: ["Read-only token", "Viewer's token", "Someone else's service"] } } })).toBe(0);
  });
});
