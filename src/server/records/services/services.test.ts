import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { describeEvent } from "@/server/events/event-summary";
import { encodeCursor } from "@/server/pagination/cursor";
import { addMember, callerFor, seedDataspace, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../../../../test/factories";
import { changeServiceStatus } from "./change-service-status";
import { createService } from "./create-service";
import { deleteService } from "./delete-service";
import { getService } from "./get-service";
import { listServices } from "./list-services";
import { createServiceInput, listServicesInput, updateServiceInput, type CreateServiceInput } from "./service.schema";
import { updateService } from "./update-service";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function eventMark(dataspaceId: string): Promise<bigint> {
  const last = await db.event.findFirst({ where: { dataspaceId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last?.seq ?? 0n;
}
const eventsSince = (dataspaceId: string, mark: bigint) => db.event.findMany({ where: { dataspaceId, seq: { gt: mark } }, orderBy: { seq: "asc" } });

let counter = 0;
const create = (ctx: TenantContext, input: Partial<CreateServiceInput> = {}) =>
  createService(ctx, createServiceInput.parse({ name: `Service ${++counter}`, ...input }));

describe("services", () => {
  let owner: SeededUser;
  let admin: SeededUser;
  let member: SeededUser;
  let viewer: SeededUser;
  let stranger: SeededUser;
  let space: SeededDataspace;
  let other: SeededDataspace;
  let ctx: TenantContext;
  let memberCtx: TenantContext;
  let viewerCtx: TenantContext;
  let adminCtx: TenantContext;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    admin = await seedUser({ name: "Ada Admin" });
    member = await seedUser({ name: "Max Member" });
    viewer = await seedUser({ name: "Vera Viewer" });
    stranger = await seedUser({ name: "Sam Stranger" });
    space = await seedDataspace({ owner, name: "Platform team" });
    other = await seedDataspace({ owner: stranger, name: "Other team" });
    await addMember(space, admin, "ADMIN");
    await addMember(space, member, "MEMBER");
    await addMember(space, viewer, "VIEWER");
    ctx = await tenantFor(owner.id, space.slug);
    adminCtx = await tenantFor(admin.id, space.slug);
    memberCtx = await tenantFor(member.id, space.slug);
    viewerCtx = await tenantFor(viewer.id, space.slug);
  });

  describe("creating", () => {
    it("writes the service and one service.created event with its payload", async () => {
      const mark = await eventMark(space.id);
      const service = await createService(
        memberCtx,
        createServiceInput.parse({ name: "  Checkout API ", description: "Takes payments", group: "API", ownerId: member.id, status: "degraded_performance" }),
      );
      expect(service).toMatchObject({ name: "Checkout API", group: "API", status: "degraded_performance", ownerId: member.id });
      const events = await eventsSince(space.id, mark);
      expect(events.map((e) => e.type)).toEqual(["service.created"]);
      expect(events[0].actorId).toBe(member.id);
      expect(events[0].data).toEqual({
        api_url: `/api/v1/services/${service.id}`,
        absolute_url: expect.stringMatching(new RegExp(`^https?://.+/d/${space.slug}/services/${service.id}$`)),
        uuid: service.id,
        name: "Checkout API",
        description: "Takes payments",
        group: "API",
        status: "degraded_performance",
        owner: member.email,
        created_date: expect.stringMatching(ISO),
        last_modified_date: expect.stringMatching(ISO),
        dataspace: "Platform team",
      });
    });

    it("starts operational, ungrouped and unowned by default; an empty group is no group", async () => {
      const plain = await create(ctx, { name: "Plain" });
      expect(plain).toMatchObject({ status: "operational", group: null, ownerId: null, description: "" });
      const blank = await create(ctx, { name: "Blank group", group: "   " });
      expect(blank.group).toBeNull();
    });

    it("refuses a name the dataspace already has, whatever its case, with a 409 naming the field", async () => {
      await create(ctx, { name: "Search" });
      const mark = await eventMark(space.id);
      for (const name of ["Search", "search", " SEARCH "]) {
        const error = await create(ctx, { name }).catch((e: unknown) => e);
        expect(error, name).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("“Search” already exists"), fieldErrors: { name: [expect.stringContaining("already exists")] } });
      }
      expect(await db.service.count({ where: { dataspaceId: space.id, name: { equals: "search", mode: "insensitive" } } })).toBe(1);
      expect(await eventsSince(space.id, mark)).toEqual([]);
    });

    it("lets another dataspace use the same name", async () => {
      await create(ctx, { name: "Shared name" });
      const otherCtx = await tenantFor(stranger.id, other.slug);
      await expect(create(otherCtx, { name: "Shared name" })).resolves.toMatchObject({ name: "Shared name", dataspaceId: other.id });
    });

    it("admits one of two concurrent creations of one name (differing in case), never both", async () => {
      const results = await Promise.allSettled([create(ctx, { name: "Race" }), create(memberCtx, { name: "RACE" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "CONFLICT" });
    });

    it("refuses an owner who is not a member of the dataspace (another dataspace's owner included), writing nothing", async () => {
      const mark = await eventMark(space.id);
      const before = await db.service.count({ where: { dataspaceId: space.id } });
      const error = await create(ctx, { name: "Owned by a stranger", ownerId: stranger.id }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { ownerId: ["The owner is not a member of this dataspace"] } });
      expect(await db.service.count({ where: { dataspaceId: space.id } })).toBe(before);
      expect(await eventsSince(space.id, mark)).toEqual([]);
    });

    it("refuses a viewer", async () => {
      await expect(create(viewerCtx, { name: "By a viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.service.count({ where: { name: "By a viewer" } })).toBe(0);
    });

    it("refuses names that are empty, too long or more than one line, and NUL bytes and lone surrogates at the edge", async () => {
      for (const name of ["", "   ", "x".repeat(101), "two\nlines", "tab\there"]) {
        expect(createServiceInput.safeParse({ name }).success, JSON.stringify(name)).toBe(false);
      }
      expect(createServiceInput.safeParse({ name: "ok", group: "a\rb" }).success).toBe(false);
      const caller = callerFor(owner.id);
      await expect(caller.service.create({ dataspace: space.slug, name: "nul\u0000name" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
      await expect(caller.service.create({ dataspace: space.slug, name: "Lone \ud800" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
      await expect(caller.service.create({ dataspace: space.slug, name: "ok", description: "x\u0000" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    });
  });

  describe("updating", () => {
    it("writes one service.updated listing exactly what changed", async () => {
      const service = await create(ctx, { name: "Billing", group: "Backend" });
      const mark = await eventMark(space.id);
      const updated = await updateService(memberCtx, updateServiceInput.parse({ id: service.id, patch: { name: "Billing API", group: "API", ownerId: member.id } }));
      expect(updated).toMatchObject({ name: "Billing API", group: "API", owner: { email: member.email } });
      const events = await eventsSince(space.id, mark);
      expect(events.map((e) => e.type)).toEqual(["service.updated"]);
      expect(events[0].data).toMatchObject({ uuid: service.id, name: "Billing API", group: "API", owner: member.email });
      expect((events[0].data as { changes: unknown }).changes).toEqual({
        name: { from: "Billing", to: "Billing API" },
        group: { from: "Backend", to: "API" },
        owner: { from: null, to: member.email },
      });
      expect(describeEvent(events[0]).summary).toBe("“Billing API”: changed name, group, owner");
    });

    it("writes nothing when nothing changes, and may change a name's case", async () => {
      const service = await create(ctx, { name: "Queue", description: "Jobs" });
      const mark = await eventMark(space.id);
      await updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { name: "Queue", description: "Jobs" } }));
      expect(await eventsSince(space.id, mark)).toEqual([]);
      const renamed = await updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { name: "QUEUE" } }));
      expect(renamed.name).toBe("QUEUE");
    });

    it("refuses renaming to another service's name", async () => {
      await create(ctx, { name: "Ledger" });
      const service = await create(ctx, { name: "Journal" });
      const mark = await eventMark(space.id);
      await expect(updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { name: "ledger" } }))).rejects.toMatchObject({
        code: "CONFLICT",
        fieldErrors: { name: [expect.any(String)] },
      });
      expect((await getService(ctx, service.id)).name).toBe("Journal");
      expect(await eventsSince(space.id, mark)).toEqual([]);
    });

    it("refuses an owner from another dataspace and a viewer, changing nothing", async () => {
      const service = await create(ctx, { name: "Owned", ownerId: member.id });
      const mark = await eventMark(space.id);
      await expect(updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { ownerId: stranger.id } }))).rejects.toMatchObject({
        code: "BAD_REQUEST",
        fieldErrors: { ownerId: [expect.any(String)] },
      });
      await expect(updateService(viewerCtx, updateServiceInput.parse({ id: service.id, patch: { name: "Viewer's" } }))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(changeServiceStatus(viewerCtx, { id: service.id, status: "major_outage" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await getService(ctx, service.id)).toMatchObject({ name: "Owned", ownerId: member.id, status: "operational" });
      expect(await eventsSince(space.id, mark)).toEqual([]);
    });

    it("does not find another dataspace's service", async () => {
      const otherCtx = await tenantFor(stranger.id, other.slug);
      const theirs = await create(otherCtx, { name: "Theirs" });
      await expect(getService(ctx, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(updateService(ctx, updateServiceInput.parse({ id: theirs.id, patch: { name: "Mine" } }))).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(changeServiceStatus(ctx, { id: theirs.id, status: "major_outage" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(deleteService(ctx, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await db.service.findUnique({ where: { id: theirs.id } })).toMatchObject({ name: "Theirs", status: "operational" });
    });
  });

  describe("setting the status by hand", () => {
    it("writes exactly one service.status_changed with the previous status and a manual cause", async () => {
      const service = await create(ctx, { name: "Status page" });
      const mark = await eventMark(space.id);
      const changed = await changeServiceStatus(memberCtx, { id: service.id, status: "partial_outage" });
      expect(changed.status).toBe("partial_outage");
      const events = await eventsSince(space.id, mark);
      expect(events.map((e) => e.type)).toEqual(["service.status_changed"]);
      expect(events[0].actorId).toBe(member.id);
      expect(events[0].data).toMatchObject({ uuid: service.id, status: "partial_outage", previous_status: "operational", cause: { type: "manual", uuid: null } });
      expect(describeEvent(events[0]).summary).toBe("“Status page”: operational → partial outage");
    });

    it("writes nothing when the status is already that", async () => {
      const service = await create(ctx, { name: "Already down", status: "major_outage" });
      const mark = await eventMark(space.id);
      await changeServiceStatus(ctx, { id: service.id, status: "major_outage" });
      await updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { status: "major_outage" } }));
      expect(await eventsSince(space.id, mark)).toEqual([]);
    });

    it("through an update with other fields: service.updated for the fields, then service.status_changed (never changes.status)", async () => {
      const service = await create(ctx, { name: "CDN" });
      const mark = await eventMark(space.id);
      const updated = await updateService(ctx, updateServiceInput.parse({ id: service.id, patch: { description: "Edge cache", status: "under_maintenance" } }));
      expect(updated).toMatchObject({ description: "Edge cache", status: "under_maintenance" });
      const events = await eventsSince(space.id, mark);
      expect(events.map((e) => e.type)).toEqual(["service.updated", "service.status_changed"]);
      expect((events[0].data as { changes: unknown }).changes).toEqual({ description: { from: "", to: "Edge cache" } });
      expect(events[1].data).toMatchObject({ description: "Edge cache", status: "under_maintenance", previous_status: "operational" });
    });

    it("serializes concurrent changes: each event's previous status is the one before it", async () => {
      const service = await create(ctx, { name: "Contended" });
      const mark = await eventMark(space.id);
      await Promise.all(
        (["degraded_performance", "partial_outage", "major_outage"] as const).map((status) => changeServiceStatus(ctx, { id: service.id, status })),
      );
      const events = (await eventsSince(space.id, mark)).map((e) => e.data as { status: string; previous_status: string });
      expect(events).toHaveLength(3);
      expect(events[0].previous_status).toBe("operational");
      for (let i = 1; i < events.length; i++) expect(events[i].previous_status).toBe(events[i - 1].status);
    });
  });

  describe("deleting", () => {
    it("is for admins and owners only", async () => {
      const service = await create(ctx, { name: "Keep me" });
      await expect(deleteService(viewerCtx, service.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteService(memberCtx, service.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.service.findUnique({ where: { id: service.id } })).not.toBeNull();
    });

    it("clears the service from its alerts and deployments, drops its incident and maintenance links, and writes service.deleted", async () => {
      const service = await create(ctx, { name: "Doomed", group: "API", ownerId: admin.id });
      const alert = await ctx.db.alert.create({ data: { dataspaceId: space.id, source: "api", title: "Latency", fingerprint: "latency", openFingerprint: "latency", serviceId: service.id } });
      const deployment = await ctx.db.deployment.create({ data: { dataspaceId: space.id, environment: "production", source: "api", serviceId: service.id } });
      const incident = await ctx.db.incident.create({ data: { dataspaceId: space.id, title: "Outage" } });
      await ctx.db.incidentService.create({ data: { dataspaceId: space.id, incidentId: incident.id, serviceId: service.id, impact: "major_outage" } });
      const maintenance = await ctx.db.maintenance.create({ data: { dataspaceId: space.id, title: "Upgrade", scheduledStart: new Date(), scheduledEnd: new Date(Date.now() + 3_600_000) } });
      await ctx.db.maintenanceService.create({ data: { dataspaceId: space.id, maintenanceId: maintenance.id, serviceId: service.id } });
      const mark = await eventMark(space.id);

      await deleteService(adminCtx, service.id);

      expect(await db.service.findUnique({ where: { id: service.id } })).toBeNull();
      expect(await db.alert.findUnique({ where: { id: alert.id } })).toMatchObject({ serviceId: null, title: "Latency" });
      expect(await db.deployment.findUnique({ where: { id: deployment.id } })).toMatchObject({ serviceId: null, environment: "production" });
      expect(await db.incidentService.count({ where: { serviceId: service.id } })).toBe(0);
      expect(await db.maintenanceService.count({ where: { serviceId: service.id } })).toBe(0);
      expect(await db.incident.findUnique({ where: { id: incident.id } })).not.toBeNull();
      expect(await db.maintenance.findUnique({ where: { id: maintenance.id } })).not.toBeNull();
      const events = await eventsSince(space.id, mark);
      expect(events.map((e) => e.type)).toEqual(["service.deleted"]);
      expect(events[0].actorId).toBe(admin.id);
      expect(events[0].data).toMatchObject({ uuid: service.id, name: "Doomed", group: "API", owner: admin.email, dataspace: "Platform team" });
      await expect(deleteService(ctx, service.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("frees the name", async () => {
      const service = await create(ctx, { name: "Reborn" });
      await deleteService(ctx, service.id);
      await expect(create(ctx, { name: "reborn" })).resolves.toMatchObject({ name: "reborn" });
    });
  });

  describe("listing", () => {
    let listing: SeededDataspace;
    let listCtx: TenantContext;

    beforeAll(async () => {
      listing = await seedDataspace({ owner, name: "Listing team" });
      listCtx = await tenantFor(owner.id, listing.slug);
      const rows: Partial<CreateServiceInput>[] = [
        { name: "Web app", group: "Web" },
        { name: "Auth", group: "API", status: "major_outage" },
        { name: "Search", group: "API" },
        { name: "Billing", group: "API", status: "degraded_performance" },
        { name: "Status bot" },
        { name: "Admin", group: "Web" },
        { name: "Cron" },
      ];
      for (const row of rows) await create(listCtx, row);
    });

    const list = (input: Record<string, unknown> = {}) => listServices(listCtx, listServicesInput.parse(input));
    const names = (page: { items: { name: string }[] }) => page.items.map((s) => s.name);

    it("orders by group, then name, services without a group last", async () => {
      const page = await list();
      expect(names(page)).toEqual(["Auth", "Billing", "Search", "Admin", "Web app", "Cron", "Status bot"]);
      expect(page.nextCursor).toBeNull();
    });

    it("walks every service exactly once, page by page, across groups and into the ungrouped ones", async () => {
      for (const limit of [1, 2, 3, 4]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list({ limit, cursor });
          seen.push(...names(page));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen, `limit ${limit}`).toEqual(["Auth", "Billing", "Search", "Admin", "Web app", "Cron", "Status bot"]);
      }
    });

    it("filters by group, by no group, by status and by words in the name", async () => {
      expect(names(await list({ group: "API" }))).toEqual(["Auth", "Billing", "Search"]);
      expect(names(await list({ group: null }))).toEqual(["Cron", "Status bot"]);
      expect(names(await list({ status: ["major_outage", "degraded_performance"] }))).toEqual(["Auth", "Billing"]);
      expect(names(await list({ q: "a" }))).toEqual(["Auth", "Search", "Admin", "Web app", "Status bot"]);
      // Words are words: LIKE's wildcards match only themselves.
      expect(names(await list({ q: "%" }))).toEqual([]);
      expect(names(await list({ q: "_" }))).toEqual([]);
      expect(names(await list({ q: "\\" }))).toEqual([]);
      expect(names(await list({ group: "Nope" }))).toEqual([]);
    });

    it("refuses cursors it did not issue", async () => {
      for (const cursor of ["garbage", encodeCursor("requests:-createdAt", ["2026-01-01T00:00:00.000Z", "x"]), encodeCursor("services:group,name", ["2", "API", "Auth"]), encodeCursor("services:group,name", ["0", "API", "Auth"])]) {
        await expect(list({ cursor }), cursor).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
      }
    });

    it("lists only the dataspace's own services", async () => {
      const all = await list({ limit: 100 });
      expect(all.items.every((s) => s.dataspaceId === listing.id)).toBe(true);
      expect(names(all)).not.toContain("Checkout API");
    });

    it("is open to viewers", async () => {
      await addMember(listing, viewer, "VIEWER");
      const asViewer = await tenantFor(viewer.id, listing.slug);
      expect(names(await listServices(asViewer, listServicesInput.parse({})))).toHaveLength(7);
    });
  });
});
