import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { seedDataspace, seedIntegration, seedUser, tenantFor } from "../../../../test/factories";
import { listMetricDefinitions } from "../definitions";
import { readMetric } from "../read-metrics";
import { rollUpMetrics } from "../rollup";
import { createMapping, deleteMapping, tryMapping, updateMapping } from "./manage-mappings";
import { createMappingInput, type CreateMappingInput } from "./mapping.schema";

/**
 * Custom metric mappings end to end: checked on save, computed by the rollup from the events
 * (an inbound GitHub `workflow_run` whose payload is the stored webhook body, custom events),
 * read back as `custom.<name>` per tag set.
 */
const MINUTE = 60_000;
type Tenant = Awaited<ReturnType<typeof tenantFor>>;

async function tenant(name: string, role: "OWNER" | "VIEWER" = "OWNER"): Promise<Tenant> {
  const owner = await seedUser();
  const dataspace = await seedDataspace({ owner, name });
  if (role === "OWNER") return tenantFor(owner.id, dataspace.slug);
  const viewer = await seedUser();
  await db.membership.create({ data: { dataspaceId: dataspace.id, userId: viewer.id, role: "VIEWER" } });
  return tenantFor(viewer.id, dataspace.slug);
}

const CI_DURATION: CreateMappingInput = {
  name: "ci.duration_seconds",
  events: ["github.workflow_run.completed"],
  filter: 'data.payload.workflow_run.conclusion != "skipped"',
  kind: "latency",
  unit: "s",
  value: "(timestamp(data.payload.workflow_run.updated_at) - timestamp(data.payload.workflow_run.run_started_at)).getSeconds()",
  tags: { repo: "data.payload.repository.full_name", branch: "data.payload.workflow_run.head_branch", conclusion: "data.payload.workflow_run.conclusion" },
};

const error = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AppError ? e.message : String(e)));

/** A `workflow_run` completed delivery of `seconds`, processed at `at`: the event keeps the envelope, the payload stays the webhook's body. */
async function workflowRun(ctx: Tenant, integrationId: string, at: Date, run: { seconds: number; conclusion: string; branch: string; repo?: string }) {
  const payload = {
    action: "completed",
    workflow_run: { run_started_at: new Date(at.getTime() - run.seconds * 1000).toISOString(), updated_at: at.toISOString(), conclusion: run.conclusion, head_branch: run.branch },
    repository: { full_name: run.repo ?? "acme/api" },
  };
  const received = await db.webhookEvent.create({
    data: { dataspaceId: ctx.dataspace.id, integrationId, eventType: "workflow_run", headers: {}, body: JSON.stringify(payload), status: "PROCESSED", queuedAt: null, receivedAt: at },
  });
  await db.event.create({
    data: { dataspaceId: ctx.dataspace.id, type: "github.workflow_run.completed", data: { integration: integrationId, summary: {} }, payloadFromId: received.id, createdAt: at, relayedAt: at },
  });
}

describe("custom metric mappings", () => {
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
  const minute = (n: number, seconds = 0) => new Date(hour + n * MINUTE + seconds * 1000);

  beforeEach(async () => {
    await db.metricWatermark.deleteMany();
  });

  it("are checked on save, each message naming the field", async () => {
    const ctx = await tenant("Mapping checks");
    const create = (input: Partial<CreateMappingInput>) => error(createMapping(ctx, createMappingInput.parse({ ...CI_DURATION, ...input })));
    expect(await create({ value: '"fast"' })).toBe("value: must be a number, but its result is of type string");
    expect(await create({ value: "data.payload.workflow_run.(" })).toMatch(/^value: /);
    expect(await create({ tags: { repo: "data.payload.repository.full_name +" } })).toMatch(/^tags\.repo: /);
    expect(await create({ filter: "data.payload.workflow_run.conclusion" })).toBe(null); // a field of the payload may hold a condition
    expect(await create({ name: "ci.other", filter: "1 + 1" })).toBe("filter: must be a condition (true or false), but its result is of type int");
    expect(await create({ name: "ci.third", events: ["requests.added"] })).toMatch(/^events: /);
    expect(await create({})).toBe("name: custom.ci.duration_seconds is already mapped");
    expect(() => createMappingInput.parse({ ...CI_DURATION, name: "CI Duration" })).toThrow(/name must be lower-case letters/);
    expect(() => createMappingInput.parse({ ...CI_DURATION, tags: { __proto__: "1", Repo: "1" } })).toThrow(/each tag's name must be lower-case/);

    const viewer = await tenant("Mapping viewers", "VIEWER");
    expect(await error(createMapping(viewer, createMappingInput.parse(CI_DURATION)))).toMatch(/admin/i);
  });

  it("turn GitHub workflow runs into a CI duration per repo, branch and conclusion, with percentiles", async () => {
    const ctx = await tenant("CI team");
    const { id: integrationId } = await seedIntegration(ctx, { name: "GitHub" });
    const mapping = await createMapping(ctx, createMappingInput.parse(CI_DURATION));
    expect(mapping.metric).toBe("custom.ci.duration_seconds");
    // Minute 3: three successful runs on main (60, 120, 180 s), one failure; minute 4: one on a branch; a skipped run is filtered out.
    for (const seconds of [60, 120, 180]) await workflowRun(ctx, integrationId, minute(3, seconds / 10), { seconds, conclusion: "success", branch: "main" });
    await workflowRun(ctx, integrationId, minute(3, 40), { seconds: 30, conclusion: "failure", branch: "main" });
    await workflowRun(ctx, integrationId, minute(4, 5), { seconds: 300, conclusion: "success", branch: "feature/x" });
    await workflowRun(ctx, integrationId, minute(4, 6), { seconds: 999, conclusion: "skipped", branch: "main" });
    // Another dataspace's run never counts here.
    const other = await tenant("Other CI");
    const { id: otherIntegration } = await seedIntegration(other, { name: "GitHub" });
    await createMapping(other, createMappingInput.parse(CI_DURATION));
    await workflowRun(other, otherIntegration, minute(3), { seconds: 5000, conclusion: "success", branch: "main" });

    await db.metricWatermark.create({ data: { source: "minutes", upTo: minute(0) } });
    await rollUpMetrics(minute(10));

    const range = { from: minute(0).toISOString(), to: minute(10).toISOString(), resolution: "minute" as const };
    const read = await readMetric(ctx, { name: "custom.ci.duration_seconds", ...range });
    expect(read).toMatchObject({ kind: "latency", unit: "s" });
    const series = Object.fromEntries(read.series.map((s) => [`${s.tags.branch}/${s.tags.conclusion}`, s]));
    expect(Object.keys(series).sort()).toEqual(["feature/x/success", "main/failure", "main/success"]);
    expect(series["main/success"].tags).toEqual({ branch: "main", conclusion: "success", repo: "acme/api" });
    const mainMinute = series["main/success"].points[3];
    expect(mainMinute).toMatchObject({ count: 3, value: 120, min: 60, max: 180 });
    expect(mainMinute.p50! / 120).toBeGreaterThan(0.9);
    expect(mainMinute.p50! / 120).toBeLessThan(1.1);
    expect(series["feature/x/success"].points[4]).toMatchObject({ count: 1, value: 300 });
    expect((await readMetric(other, { name: "custom.ci.duration_seconds", ...range, group: "total" })).series[0].points[3]).toMatchObject({ count: 1, value: 5000 });

    // Filter on a custom tag; an unknown tag says which there are.
    expect((await readMetric(ctx, { name: "custom.ci.duration_seconds", ...range, tags: { branch: "feature/x" } })).series).toHaveLength(1);
    expect(await error(readMetric(ctx, { name: "custom.ci.duration_seconds", ...range, tags: { env: "x" } }))).toBe("tags.env: custom.ci.duration_seconds has the tags repo, branch, conclusion");
    expect((await listMetricDefinitions(ctx)).map((d) => d.name)).toContain("custom.ci.duration_seconds");

    // A mapping deleted takes its buckets along; its metric is then unknown.
    await deleteMapping(ctx, mapping.id);
    expect(await error(readMetric(ctx, { name: "custom.ci.duration_seconds", ...range }))).toMatch(/^no such metric/);
    expect(await db.metricBucket.count({ where: { dataspaceId: ctx.dataspace.id, name: "custom.ci.duration_seconds" } })).toBe(0);
    expect(await db.metricBucket.count({ where: { dataspaceId: other.dataspace.id, name: "custom.ci.duration_seconds" } })).toBeGreaterThan(0);
  });

  it("count events as a counter, and follow an update from the next rollup on", async () => {
    const ctx = await tenant("Releases");
    const mapping = await createMapping(ctx, createMappingInput.parse({ name: "releases", events: ["request.*"], kind: "counter", tags: { kind: "event.type" } }));
    for (const [n, type] of [[1, "request.added"], [1, "request.added"], [2, "request.updated"], [2, "alert.triggered"]] as const) {
      await db.event.create({ data: { dataspaceId: ctx.dataspace.id, type, data: {}, createdAt: minute(n, 1), relayedAt: minute(n, 1) } });
    }
    await db.metricWatermark.create({ data: { source: "minutes", upTo: minute(0) } });
    await rollUpMetrics(minute(5));
    const range = { from: minute(0).toISOString(), to: minute(5).toISOString(), resolution: "minute" as const };
    const read = await readMetric(ctx, { name: "custom.releases", ...range });
    expect(Object.fromEntries(read.series.map((s) => [s.tags.kind, s.points.map((p) => p.value)]))).toEqual({
      "request.added": [0, 2, 0, 0, 0],
      "request.updated": [0, 0, 1, 0, 0],
    });

    await updateMapping(ctx, { id: mapping.id, patch: { value: "2" } });
    await db.metricWatermark.update({ where: { source: "minutes" }, data: { upTo: minute(0) } });
    await rollUpMetrics(minute(5));
    expect((await readMetric(ctx, { name: "custom.releases", ...range, group: "total" })).series[0].points.map((p) => p.value)).toEqual([0, 4, 2, 0, 0]);
  });

  it("can be tried on an event before saving, saying why it makes no point", async () => {
    const ctx = await tenant("Try it");
    const event = { type: "github.workflow_run.completed", data: { payload: { workflow_run: { run_started_at: "2026-12-07T10:00:00Z", updated_at: "2026-12-07T10:03:30Z", conclusion: "success", head_branch: "main" }, repository: { full_name: "acme/api" } } } };
    const mapping = createMappingInput.parse(CI_DURATION);
    expect(tryMapping(ctx, { mapping, event })).toEqual({ observation: { value: 210, tags: { repo: "acme/api", branch: "main", conclusion: "success" } }, reason: null });
    expect(tryMapping(ctx, { mapping, event: { ...event, type: "github.push" } }).reason).toBe("github.push is not one of the mapped events");
    const skipped = { ...event, data: { ...event.data, payload: { ...event.data.payload, workflow_run: { ...event.data.payload.workflow_run, conclusion: "skipped" } } } };
    expect(tryMapping(ctx, { mapping, event: skipped }).reason).toBe("the filter is not true for this event");
    expect(tryMapping(ctx, { mapping, event: { ...event, data: { payload: { workflow_run: { conclusion: "success" } } } } }).reason).toBe("the value is not a number for this event");
  });
});
