import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedUser, seedWebhook, tenantFor } from "../factories";
import { apiAs } from "./api";

/** /api/v1/metrics as a client sees it: the catalog, a series with its points, and what is refused. */
describe("REST: metrics", () => {
  let api: ReturnType<typeof apiAs>;
  let endpointId: string;
  const minute = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;

  beforeAll(async () => {
    const owner = await seedUser();
    const space = await seedDataspace({ owner, name: "REST metrics" });
    const ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["metrics:read"]));
    endpointId = (await seedWebhook(ctx)).endpoint.id;
    await db.metricBucket.create({
      data: { dataspaceId: space.id, name: "webhooks.deliveries.latency_ms", series: `endpoint=${endpointId}`, resolution: "minute", at: new Date(minute), count: 4, sum: 400, min: 50, max: 200, histogram: { "42": 2, "56": 2 }, tags: { endpoint: endpointId } },
    });
  });

  it("lists every metric with its unit, kind and tags", async () => {
    const answer = await api.get("/metrics");
    expect(answer.status).toBe(200);
    expect(answer.body.metrics).toContainEqual({ name: "webhooks.deliveries.latency_ms", description: expect.any(String), unit: "ms", kind: "latency", tags: ["endpoint"] });
    expect(JSON.stringify(answer.body)).not.toContain("SELECT"); // how a metric is computed is not the API's business
  });

  it("reads a series: dense minute points over the range, a latency's mean and percentiles, filtered by tag", async () => {
    const from = new Date(minute - 2 * 60_000).toISOString();
    const to = new Date(minute + 2 * 60_000).toISOString();
    const answer = await api.get(`/metrics/webhooks.deliveries.latency_ms?from=${from}&to=${to}&endpoint=${endpointId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: "webhooks.deliveries.latency_ms", unit: "ms", resolution: "minute", from });
    const [series] = answer.body.series;
    expect(series.tags).toEqual({ endpoint: endpointId });
    expect(series.points.map((p: { value: number | null }) => p.value)).toEqual([null, null, 100, null]);
    expect(series.points[2]).toMatchObject({ count: 4, min: 50, max: 200, p50: expect.closeTo(1.1 ** 42, 6), p95: 200 });
    const elsewhere = await api.get(`/metrics/webhooks.deliveries.latency_ms?from=${from}&to=${to}&endpoint=00000000-0000-4000-8000-000000000000`);
    expect(elsewhere.body.series).toEqual([]);
  });

  it("refuses what it cannot read, saying why: an unknown metric, a bad range, a tag the metric has not, a token without the scope", async () => {
    expect((await api.get("/metrics/nope.nothing?from=2026-12-01T00:00:00Z")).status).toBe(404);
    const backwards = await api.get("/metrics/events.published?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z");
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toContainEqual({ field: "to", message: "to must be after from" });
    const garbage = await api.get("/metrics/events.published?from=%00yesterday");
    expect(garbage.status).toBe(422);
    expect(garbage.body.errors[0].field).toBe("from");
    const tooFine = await api.get("/metrics/events.published?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&resolution=minute");
    expect(tooFine.status).toBe(422);
    expect(tooFine.body.detail).toMatch(/coarser resolution/);
    expect((await api.get("/metrics/events.published?from=2026-12-01T00:00:00Z&endpoint=x")).status).toBe(422);
    expect((await api.get("/metrics/events.published?from=2026-12-01T00:00:00Z&__proto__=x")).status).toBe(422);
    const owner = await seedUser();
    const other = await tenantFor(owner.id, (await seedDataspace({ owner })).slug);
    expect((await apiAs(await seedApiToken(other, ["requests:read"])).get("/metrics")).status).toBe(403);
  });
});

/** Custom metrics through REST: a mapping made, refused when its expressions are wrong, listed and read as `custom.<name>`. */
describe("REST: metric mappings", () => {
  it("maps events to a custom metric, checked on save, listed and read with its own tags", async () => {
    const owner = await seedUser();
    const space = await seedDataspace({ owner, name: "REST mappings" });
    const ctx = await tenantFor(owner.id, space.slug);
    const admin = apiAs(await seedApiToken(ctx, ["metrics:admin"]));
    const reader = apiAs(await seedApiToken(ctx, ["metrics:read"]));

    const bad = await admin.post("/metric-mappings", { name: "ci.duration_seconds", events: ["github.workflow_run.completed"], kind: "latency", value: '"slow"' });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toBe("value: must be a number, but its result is of type string");
    expect(bad.body.errors).toEqual([{ field: "value", message: "must be a number, but its result is of type string" }]);
    expect((await reader.post("/metric-mappings", { name: "x.y", events: ["request.*"], kind: "counter" })).status).toBe(403);

    const created = await admin.post("/metric-mappings", {
      name: "ci.duration_seconds",
      events: ["github.workflow_run.completed"],
      kind: "latency",
      unit: "s",
      value: "(timestamp(data.payload.workflow_run.updated_at) - timestamp(data.payload.workflow_run.run_started_at)).getSeconds()",
      tags: { repo: "data.payload.repository.full_name", conclusion: "data.payload.workflow_run.conclusion" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ metric: "custom.ci.duration_seconds", kind: "latency", is_active: true, tags: { repo: "data.payload.repository.full_name" } });
    expect((await admin.post("/metric-mappings", { name: "ci.duration_seconds", events: ["request.*"], kind: "counter" })).status).toBe(409);

    const listed = await reader.get("/metrics");
    expect(listed.body.metrics).toContainEqual({ name: "custom.ci.duration_seconds", description: "Custom: github.workflow_run.completed", unit: "s", kind: "latency", tags: ["repo", "conclusion"] });
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
    for (const repo of ["acme/api", "acme/web"]) {
      await db.metricBucket.create({
        data: { dataspaceId: space.id, name: "custom.ci.duration_seconds", series: `conclusion=success,repo=${repo}`, resolution: "minute", at: new Date(minute), count: 1, sum: 90, min: 90, max: 90, histogram: { "48": 1 }, tags: { repo, conclusion: "success" } },
      });
    }
    const from = new Date(minute).toISOString();
    const read = await reader.get(`/metrics/custom.ci.duration_seconds?from=${from}&tags=repo:acme/web,conclusion:success`);
    expect(read.status).toBe(200);
    expect(read.body.series).toHaveLength(1);
    expect(read.body.series[0].tags).toEqual({ repo: "acme/web", conclusion: "success" });
    expect((await reader.get(`/metrics/custom.ci.duration_seconds?from=${from}&tags=branch:main`)).status).toBe(422);
    expect((await reader.get(`/metrics/custom.ci.duration_seconds?from=${from}&tags=nonsense`)).status).toBe(422);

    const patched = await admin.patch(`/metric-mappings/${created.body.uuid}`, { is_active: false });
    // What the PATCH left out stays as it was.
    expect(patched.body).toMatchObject({ is_active: false, unit: "s", tags: { repo: "data.payload.repository.full_name" } });
    expect((await admin.call("DELETE", `/metric-mappings/${created.body.uuid}`)).status).toBe(204);
    expect((await reader.get(`/metrics/custom.ci.duration_seconds?from=${from}`)).status).toBe(404);
  });
});
