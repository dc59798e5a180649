import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { describeEvent } from "@/server/events/event-summary";
import { addMember, callerFor, seedDataspace, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../../../../test/factories";
import { createDeployment } from "./create-deployment";
import { createDeploymentInput, listDeploymentsInput, setDeploymentStatusInput, type CreateDeploymentInput } from "./deployment.schema";
import { getDeployment } from "./get-deployment";
import { deploymentFacets, listDeployments } from "./list-deployments";
import { setDeploymentStatus } from "./set-deployment-status";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

async function eventMark(dataspaceId: string): Promise<bigint> {
  const last = await db.event.findFirst({ where: { dataspaceId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last?.seq ?? 0n;
}
const eventsSince = (dataspaceId: string, mark: bigint) => db.event.findMany({ where: { dataspaceId, seq: { gt: mark } }, orderBy: { seq: "asc" } });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("deployments", () => {
  let owner: SeededUser;
  let viewer: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;
  let viewerCtx: TenantContext;
  let checkout: { id: string; name: string };
  let otherSpaceService: { id: string };

  const record = (input: CreateDeploymentInput, as: TenantContext = ctx) => createDeployment(as, createDeploymentInput.parse(input));
  const setStatus = (id: string, status: string, url?: string | null) => setDeploymentStatus(ctx, setDeploymentStatusInput.parse({ id, status, url }));

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    viewer = await seedUser({ name: "Vera Viewer" });
    space = await seedDataspace({ owner, name: "Release team" });
    await addMember(space, viewer, "VIEWER");
    ctx = await tenantFor(owner.id, space.slug);
    viewerCtx = await tenantFor(viewer.id, space.slug);
    checkout = await ctx.db.service.create({ data: { dataspaceId: space.id, name: "Checkout API" }, select: { id: true, name: true } });
    const other = await seedDataspace({ owner, name: "Other team" });
    otherSpaceService = await (await tenantFor(owner.id, other.slug)).db.service.create({ data: { dataspaceId: other.id, name: "Checkout API" }, select: { id: true } });
  });

  it("records a deployment (source api) and publishes deployment.created in the object's shape", async () => {
    const mark = await eventMark(space.id);
    const deployment = await record({
      serviceId: checkout.id,
      environment: " production ",
      ref: "main",
      sha: SHA.toUpperCase(),
      version: "2.4.1",
      description: "Release 2.4.1",
      url: "https://checkout.example.test",
    });
    expect(deployment).toMatchObject({
      environment: "production",
      sha: SHA,
      status: "queued",
      source: "api",
      createdById: owner.id,
      sourceIntegrationId: null,
      externalId: null,
      startedAt: null,
      finishedAt: null,
      service: { id: checkout.id, name: "Checkout API" },
    });
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => [e.type, e.actorId])).toEqual([["deployment.created", owner.id]]);
    expect(describeEvent(events[0])).toEqual({ source: { kind: "user", uuid: owner.id }, summary: "Checkout API to production: queued (f95f852)" });
    expect(events[0].data).toEqual({
      api_url: `/api/v1/deployments/${deployment.id}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/deployments/${deployment.id}$`)),
      uuid: deployment.id,
      service: "Checkout API",
      service_uuid: checkout.id,
      environment: "production",
      ref: "main",
      sha: SHA,
      version: "2.4.1",
      description: "Release 2.4.1",
      status: "queued",
      url: "https://checkout.example.test",
      source: "api",
      integration: null,
      external_id: null,
      creator: owner.email,
      started_date: null,
      finished_date: null,
      committed_date: null,
      created_date: deployment.createdAt.toISOString(),
      last_modified_date: deployment.updatedAt.toISOString(),
      dataspace: "Release team",
    });
  });

  it("gives one recorded in progress its start time, and one recorded finished its finish time", async () => {
    const running = await record({ environment: "staging", status: "in_progress" });
    expect(running.startedAt).toBeInstanceOf(Date);
    expect(running.finishedAt).toBeNull();
    const done = await record({ environment: "staging", status: "success" });
    expect(done.startedAt).toBeNull(); // it never was in progress here: no duration is made up
    expect(done.finishedAt).toBeInstanceOf(Date);
  });

  it("moves forward, setting startedAt and finishedAt, with deployment.status_changed naming the previous status", async () => {
    const deployment = await record({ environment: "production", sha: SHA });
    const mark = await eventMark(space.id);
    const started = await setStatus(deployment.id, "in_progress");
    expect(started.startedAt).toBeInstanceOf(Date);
    const finished = await setStatus(deployment.id, "success", "https://prod.example.test");
    expect(finished).toMatchObject({ status: "success", startedAt: started.startedAt, url: "https://prod.example.test" });
    expect(finished.finishedAt!.getTime()).toBeGreaterThanOrEqual(started.startedAt!.getTime());
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => [e.type, (e.data as { previous_status: string }).previous_status, (e.data as { status: string }).status])).toEqual([
      ["deployment.status_changed", "queued", "in_progress"],
      ["deployment.status_changed", "in_progress", "success"],
    ]);
    expect(events[1].data).toMatchObject({ started_date: started.startedAt!.toISOString(), finished_date: finished.finishedAt!.toISOString(), url: "https://prod.example.test" });
    // The one line the Events page and GET /events show.
    expect(describeEvent(events[1]).summary).toBe("Deployment to production: in_progress → success (f95f852)");
  });

  it("refuses to move a finished deployment, or one in progress back to the queue, saying why; the same status again changes nothing", async () => {
    const deployment = await record({ environment: "production" });
    await setStatus(deployment.id, "in_progress");
    const back = await refusal(setStatus(deployment.id, "queued"));
    expect(back).toMatchObject({ code: "CONFLICT", message: "This deployment is already in progress; it cannot go back to queued." });
    await setStatus(deployment.id, "failure");
    for (const status of ["success", "in_progress", "queued", "cancelled"]) {
      const error = await refusal(setStatus(deployment.id, status));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe("This deployment already finished (failure); a finished deployment's status cannot change. Record a new deployment to deploy again.");
      expect(error.fieldErrors).toEqual({ status: [error.message] });
    }
    const mark = await eventMark(space.id);
    const again = await setStatus(deployment.id, "failure");
    expect(again.status).toBe("failure");
    expect(await eventsSince(space.id, mark)).toEqual([]);
    expect((await getDeployment(ctx, deployment.id)).status).toBe("failure");
  });

  it("refuses what is not a deployment: no environment, a sha that is no commit id, a URL that is not http(s)", () => {
    const issues = (input: Record<string, unknown>) => createDeploymentInput.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ environment: "  " })).toEqual(["environment: Environment is required, e.g. production"]);
    expect(issues({ environment: "production", sha: "not-a-sha" })).toEqual(["sha: SHA must be 7 to 40 hexadecimal digits (a commit id)"]);
    expect(issues({ environment: "production", sha: "abc12" })).toEqual(["sha: SHA must be 7 to 40 hexadecimal digits (a commit id)"]);
    expect(issues({ environment: "production", sha: "a".repeat(41) })).toEqual(["sha: SHA must be 7 to 40 hexadecimal digits (a commit id)"]);
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.test", "//example.test", "example.test"]) {
      expect(issues({ environment: "production", url })).toEqual(["url: URL must be an absolute http:// or https:// address"]);
    }
    expect(issues({ environment: "production", status: "deployed" })?.[0]).toMatch(/^status: /);
    expect(createDeploymentInput.parse({ environment: "production", url: "", ref: " " })).toMatchObject({ url: null, ref: null, sha: null, status: "queued" });
  });

  it("refuses another dataspace's service, by the field", async () => {
    const error = await refusal(record({ environment: "production", serviceId: otherSpaceService.id }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { serviceId: ["No such service in this dataspace"] } });
  });

  it("lets a viewer read, never record or change", async () => {
    const deployment = await record({ environment: "production" });
    expect((await refusal(record({ environment: "production" }, viewerCtx))).code).toBe("FORBIDDEN");
    const change = setDeploymentStatus(viewerCtx, setDeploymentStatusInput.parse({ id: deployment.id, status: "success" }));
    expect((await refusal(change)).code).toBe("FORBIDDEN");
    expect((await getDeployment(viewerCtx, deployment.id)).status).toBe("queued");
    expect((await listDeployments(viewerCtx, listDeploymentsInput.parse({}))).items.length).toBeGreaterThan(0);
  });

  it("answers NOT_FOUND for an unknown deployment", async () => {
    expect((await refusal(getDeployment(ctx, "0190a0b0-0000-7000-8000-00000000dead"))).code).toBe("NOT_FOUND");
    expect((await refusal(setStatus("0190a0b0-0000-7000-8000-00000000dead", "success"))).code).toBe("NOT_FOUND");
  });

  it("refuses NUL characters and lone surrogates at the edge, naming the field", async () => {
    const caller = callerFor(owner.id);
    await expect(caller.deployment.create({ dataspace: space.slug, environment: "prod\u0000uction" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("environment"),
    });
    await expect(caller.deployment.create({ dataspace: space.slug, environment: "production", description: "half \ud800 a pair" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("description"),
    });
  });
});

describe("the deployment list", () => {
  let ctx: TenantContext;
  let api: { id: string };
  let web: { id: string };
  const all: string[] = [];

  beforeAll(async () => {
    const owner = await seedUser();
    const space = await seedDataspace({ owner, name: "List team" });
    ctx = await tenantFor(owner.id, space.slug);
    api = await ctx.db.service.create({ data: { dataspaceId: space.id, name: "API" }, select: { id: true } });
    web = await ctx.db.service.create({ data: { dataspaceId: space.id, name: "Web" }, select: { id: true } });
    for (let n = 0; n < 12; n++) {
      const deployment = await createDeployment(
        ctx,
        createDeploymentInput.parse({
          serviceId: n % 3 === 0 ? web.id : api.id,
          environment: n % 2 === 0 ? "production" : "staging",
          status: n % 4 === 0 ? "success" : "queued",
          version: `1.${n}`,
        }),
      );
      all.unshift(deployment.id); // newest first
    }
  });

  const list = (input: Record<string, unknown>) => listDeployments(ctx, listDeploymentsInput.parse(input));

  it("pages newest first with a cursor, every deployment once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ limit: 5, cursor });
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("filters by service, environment and status, together", async () => {
    const webs = await list({ serviceId: web.id });
    expect(webs.items.map((d) => d.version)).toEqual(["1.9", "1.6", "1.3", "1.0"]);
    const byName = await listDeployments(ctx, listDeploymentsInput.parse({ serviceName: "Web" }));
    expect(byName.items.map((d) => d.id)).toEqual(webs.items.map((d) => d.id));
    expect((await list({ environment: "staging" })).items.every((d) => d.environment === "staging")).toBe(true);
    const done = await list({ status: ["success"], environment: "production", serviceId: api.id });
    expect(done.items.map((d) => d.version)).toEqual(["1.8", "1.4"]);
    expect((await list({ environment: "nowhere" })).items).toEqual([]);
  });

  it("offers the dataspace's services and the environments deployed to, each once, for the filters and the form", async () => {
    expect(await deploymentFacets(ctx)).toEqual({ services: [{ id: api.id, name: "API" }, { id: web.id, name: "Web" }], environments: ["production", "staging"] });
  });

  it("refuses a cursor from another list", async () => {
    const error = await refusal(list({ cursor: Buffer.from(JSON.stringify(["requests:-createdAt", "1", "x"])).toString("base64url") }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});
