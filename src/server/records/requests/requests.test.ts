import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { encodeCursor } from "@/server/pagination/cursor";
import {
  addMember,
  callerFor,
  seedDataspace,
  seedRequest,
  seedUser,
  tenantFor,
  type SeededDataspace,
  type SeededUser,
} from "../../../../test/factories";
import { addRequestComment } from "./add-request-comment";
import { createRequest } from "./create-request";
import { listRequests } from "./list-requests";
import { createRequestInput, listRequestsInput, updateRequestInput } from "./request.schema";
import { updateRequest } from "./update-request";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Events written in the dataspace after `mark` (a seq from `eventMark`). */
async function eventMark(dataspaceId: string): Promise<bigint> {
  const last = await db.event.findFirst({ where: { dataspaceId }, orderBy: { seq: "desc" }, select: { seq: true } });
  return last?.seq ?? 0n;
}
const eventsSince = (dataspaceId: string, mark: bigint) =>
  db.event.findMany({ where: { dataspaceId, seq: { gt: mark } }, orderBy: { seq: "asc" } });

describe("request changes and their events", () => {
  let owner: SeededUser;
  let member: SeededUser;
  let outsider: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    member = await seedUser({ name: "Max Member" });
    outsider = await seedUser({ name: "Oscar Outsider" });
    space = await seedDataspace({ owner, name: "Platform team" });
    await addMember(space, member, "MEMBER");
    ctx = await tenantFor(owner.id, space.slug);
  });

  it("creating a request writes one request.added event in DejaCode's shape", async () => {
    const mark = await eventMark(space.id);
    const request = await createRequest(
      ctx,
      createRequestInput.parse({
        title: "New vulnerability in payments-api",
        priority: "urgent",
        assigneeId: member.id,
        notes: "Patch before Friday",
        serializedData: { "Need By Date": "2026-12-01", Severity: 9 },
        productContext: "payments-api 4.2",
        ccEmails: ["Security@Example.test"],
      }),
    );
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["request.added"]);
    expect(events[0].actorId).toBe(owner.id);
    expect(events[0].data).toEqual({
      api_url: `/api/v1/requests/${request.id}`,
      absolute_url: expect.stringMatching(new RegExp(`^https?://.+/d/${space.slug}/requests/${request.id}$`)),
      uuid: request.id,
      title: "New vulnerability in payments-api",
      request_template: null,
      request_template_name: null,
      status: "open",
      priority: "Urgent",
      assignee: member.email,
      product_context: "payments-api 4.2",
      notes: "Patch before Friday",
      serialized_data: { "Need By Date": "2026-12-01", Severity: 9 },
      is_private: false,
      requester: owner.email,
      content_type: null,
      content_object: null,
      content_object_display_name: null,
      cc_emails: ["security@example.test"],
      last_modified_by: owner.email,
      created_date: expect.stringMatching(ISO),
      last_modified_date: expect.stringMatching(ISO),
      comments: [],
      dataspace: "Platform team",
    });
  });

  it("editing writes one request.updated event listing exactly what changed", async () => {
    const request = await seedRequest(ctx, { title: "Rotate the webhook secret" });
    const mark = await eventMark(space.id);
    await updateRequest(ctx, updateRequestInput.parse({ id: request.id, patch: { title: "Rotate the Slack secret", priority: "high" } }));
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["request.updated"]);
    const data = events[0].data as Record<string, unknown>;
    expect(data).toMatchObject({ uuid: request.id, title: "Rotate the Slack secret", priority: "High" });
    expect(data.changes).toEqual({
      title: { from: "Rotate the webhook secret", to: "Rotate the Slack secret" },
      priority: { from: "Normal", to: "High" },
    });
  });

  it("closing writes one request.updated event with the status change", async () => {
    const request = await seedRequest(ctx);
    const mark = await eventMark(space.id);
    await callerFor(owner.id).request.close({ dataspace: space.slug, id: request.id });
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["request.updated"]);
    expect((events[0].data as { changes: unknown }).changes).toEqual({ status: { from: "open", to: "closed" } });
  });

  it("commenting writes one request_comment.added event", async () => {
    const request = await seedRequest(ctx, { title: "Grant read access" });
    const mark = await eventMark(space.id);
    const comment = await addRequestComment(ctx, { requestId: request.id, text: "Done for the data team" });
    const events = await eventsSince(space.id, mark);
    expect(events.map((e) => e.type)).toEqual(["request_comment.added"]);
    expect(events[0].data).toEqual({
      uuid: comment.id,
      user: owner.email,
      text: "Done for the data team",
      created_date: expect.stringMatching(ISO),
      request: {
        uuid: request.id,
        title: "Grant read access",
        api_url: `/api/v1/requests/${request.id}`,
        absolute_url: expect.stringContaining(`/d/${space.slug}/requests/${request.id}`),
        status: "open",
      },
      dataspace: "Platform team",
    });
  });

  it("an edit that changes nothing writes no event", async () => {
    const request = await seedRequest(ctx, { title: "Same as before", priority: "low" });
    const mark = await eventMark(space.id);
    await updateRequest(ctx, updateRequestInput.parse({ id: request.id, patch: { title: "Same as before", priority: "low" } }));
    expect(await eventsSince(space.id, mark)).toEqual([]);
  });

  it("a change that fails writes neither the row nor an event", async () => {
    const caller = callerFor(owner.id);
    const request = await seedRequest(ctx, { title: "Keep me" });
    const rows = await db.request.count({ where: { dataspaceId: space.id } });
    const mark = await eventMark(space.id);

    const notAMember = caller.request.create({ dataspace: space.slug, title: "Assigned to a stranger", assigneeId: outsider.id });
    await expect(notAMember).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { fieldErrors: { assigneeId: [expect.any(String)] } } });
    const emptyTitle = caller.request.create({ dataspace: space.slug, title: "   " });
    await expect(emptyTitle).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const badEdit = caller.request.update({ dataspace: space.slug, id: request.id, patch: { title: "Moved", assigneeId: outsider.id } });
    await expect(badEdit).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const emptyEdit = caller.request.update({ dataspace: space.slug, id: request.id, patch: { title: "" } });
    await expect(emptyEdit).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await db.request.count({ where: { dataspaceId: space.id } })).toBe(rows);
    expect((await db.request.findUniqueOrThrow({ where: { id: request.id } })).title).toBe("Keep me");
    expect(await eventsSince(space.id, mark)).toEqual([]);
  });

  it("writes the change and its event in one transaction: no event, no change", async () => {
    const request = await seedRequest(ctx, { title: "Before the outage" });
    const rows = await db.request.count({ where: { dataspaceId: space.id } });
    // Make the outbox refuse writes, as a full disk or a constraint would.
    await db.$executeRawUnsafe(
      `CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_events BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION refuse_events()`);
    try {
      await expect(seedRequest(ctx, { title: "Lost with its event" })).rejects.toThrow(/outbox unavailable/);
      await expect(updateRequest(ctx, updateRequestInput.parse({ id: request.id, patch: { title: "After" } }))).rejects.toThrow();
      await expect(addRequestComment(ctx, { requestId: request.id, text: "Unsent" })).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_events ON "Event"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_events()`);
    }
    expect(await db.request.count({ where: { dataspaceId: space.id } })).toBe(rows);
    expect((await db.request.findUniqueOrThrow({ where: { id: request.id } })).title).toBe("Before the outage");
    expect(await db.requestComment.count({ where: { requestId: request.id } })).toBe(0);
  });
});

describe("listing requests", () => {
  let owner: SeededUser;
  let ctx: TenantContext;
  let space: SeededDataspace;

  beforeAll(async () => {
    owner = await seedUser();
    space = await seedDataspace({ owner });
    ctx = await tenantFor(owner.id, space.slug);
  });

  it("returns every row exactly once across pages, even with equal timestamps", async () => {
    // 60 rows over three instants only, so most page boundaries fall inside a tie.
    const instants = [new Date("2026-01-01T10:00:00Z"), new Date("2026-01-02T10:00:00Z"), new Date("2026-01-03T10:00:00Z")];
    await db.request.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        dataspaceId: space.id,
        title: `Tied ${i}`,
        requesterId: owner.id,
        createdAt: instants[i % 3],
      })),
    });
    const seen: { id: string; createdAt: Date }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listRequests(ctx, listRequestsInput.parse({ limit: 7, cursor }));
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBe(9);
    expect(new Set(seen.map((r) => r.id)).size).toBe(60);
    const all = await db.request.findMany({ where: { dataspaceId: space.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id));
  });

  it("filters by status, priority, assignee, requester and title", async () => {
    const other = await seedUser({ name: "Rita Requester" });
    const filtered = await seedDataspace({ owner });
    await addMember(filtered, other, "MEMBER");
    const ownerCtx = await tenantFor(owner.id, filtered.slug);
    const otherCtx = await tenantFor(other.id, filtered.slug);
    const urgent = await seedRequest(ownerCtx, { title: "Database failover", priority: "urgent", assigneeId: other.id });
    const blocked = await seedRequest(ownerCtx, { title: "Upgrade the DATABASE driver", status: "blocked" });
    const byOther = await seedRequest(otherCtx, { title: "Access to dashboards" });

    const list = async (filters: Record<string, unknown>) =>
      (await callerFor(owner.id).request.list({ dataspace: filtered.slug, ...filters })).items.map((r) => r.id).sort();
    expect(await list({ status: ["blocked"] })).toEqual([blocked.id]);
    expect(await list({ status: ["open", "blocked"] })).toEqual([urgent.id, blocked.id, byOther.id].sort());
    expect(await list({ priority: ["urgent"] })).toEqual([urgent.id]);
    expect(await list({ assigneeId: other.id })).toEqual([urgent.id]);
    expect(await list({ assigneeId: null })).toEqual([blocked.id, byOther.id].sort());
    expect(await list({ requesterId: other.id })).toEqual([byOther.id]);
    expect(await list({ q: "database" })).toEqual([urgent.id, blocked.id].sort());
    expect(await list({ q: "database", status: ["open"] })).toEqual([urgent.id]);
    // What is typed is matched literally: % and _ are not wildcards.
    const percent = await seedRequest(ownerCtx, { title: "Disk 100% full" });
    await seedRequest(ownerCtx, { title: "Disk 1000 files" });
    expect(await list({ q: "100%" })).toEqual([percent.id]);
    expect(await list({ q: "%" })).toEqual([percent.id]);
    expect(await list({ q: "Disk_" })).toEqual([]);
  });

  it("rejects a cursor it did not issue with BAD_REQUEST and a message", async () => {
    const caller = callerFor(owner.id);
    const garbage = caller.request.list({ dataspace: space.slug, cursor: "not-a-cursor" });
    await expect(garbage).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
    const badDate = caller.request.list({ dataspace: space.slug, cursor: encodeCursor("requests:-createdAt", ["yesterday", crypto.randomUUID()]) });
    await expect(badDate).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
    const badId = caller.request.list({ dataspace: space.slug, cursor: encodeCursor("requests:-createdAt", [new Date().toISOString(), "1 OR 1=1"]) });
    await expect(badId).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
    // A well-formed cursor of another ordering, or of another list, is not this list's either.
    const otherSort = caller.request.list({ dataspace: space.slug, sort: "createdAt", cursor: encodeCursor("requests:-createdAt", [new Date().toISOString(), crypto.randomUUID()]) });
    await expect(otherSort).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
    const otherList = caller.request.list({ dataspace: space.slug, cursor: encodeCursor("comments:createdAt", [new Date().toISOString(), crypto.randomUUID()]) });
    await expect(otherList).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/cursor/i) });
  });
});

describe("private requests", () => {
  it("are seen by their requester, their assignee and admins, and hidden from other members", async () => {
    const owner = await seedUser();
    const space = await seedDataspace({ owner });
    const people = {
      requester: await seedUser(),
      assignee: await seedUser(),
      admin: await seedUser(),
      bystander: await seedUser(),
    };
    await addMember(space, people.requester, "MEMBER");
    await addMember(space, people.assignee, "MEMBER");
    await addMember(space, people.admin, "ADMIN");
    await addMember(space, people.bystander, "MEMBER");
    const requesterCtx = await tenantFor(people.requester.id, space.slug);
    const secret = await seedRequest(requesterCtx, { title: "Salary review", isPrivate: true, assigneeId: people.assignee.id });
    const open = await seedRequest(requesterCtx, { title: "Office plants" });

    const sees = async (userId: string) => {
      const caller = callerFor(userId);
      const listed = (await caller.request.list({ dataspace: space.slug })).items.map((r) => r.id);
      const get = await caller.request.get({ dataspace: space.slug, id: secret.id }).then(
        () => "OK",
        (error: { code: string }) => error.code,
      );
      return { listsSecret: listed.includes(secret.id), listsOpen: listed.includes(open.id), get };
    };
    const visible = { listsSecret: true, listsOpen: true, get: "OK" };
    expect(await sees(people.requester.id)).toEqual(visible);
    expect(await sees(people.assignee.id)).toEqual(visible);
    expect(await sees(people.admin.id)).toEqual(visible);
    expect(await sees(owner.id)).toEqual(visible);
    expect(await sees(people.bystander.id)).toEqual({ listsSecret: false, listsOpen: true, get: "NOT_FOUND" });

    const bystander = callerFor(people.bystander.id);
    await expect(bystander.request.comment({ dataspace: space.slug, requestId: secret.id, text: "Hi" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(bystander.request.close({ dataspace: space.slug, id: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
