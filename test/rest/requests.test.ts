import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../factories";
import { apiAs } from "./api";

/** The request, comment and event resources: what a client reads and writes through /api/v1. */
describe("REST requests, comments and events", () => {
  let owner: SeededUser;
  let member: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    member = await seedUser({ name: "Max Member" });
    space = await seedDataspace({ owner, name: "Platform team" });
    await addMember(space, member, "MEMBER");
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["admin"]));
  });

  it("creates a request in DejaCode's shape, publishes request.added and reads it back", async () => {
    const created = await api.post("/requests", {
      title: "New vulnerability in payments-api",
      priority: "urgent",
      assignee: member.email.toUpperCase(),
      notes: "Patch before Friday",
      serialized_data: { "Need By Date": "2026-12-01", Severity: 9 },
      product_context: "payments-api 4.2",
      cc_emails: ["Security@Example.test"],
    });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toEqual({
      api_url: `/api/v1/requests/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/requests/${uuid}$`)),
      uuid,
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
      created_date: expect.any(String),
      last_modified_date: expect.any(String),
      comments: [],
      dataspace: "Platform team",
    });
    expect(created.headers.get("location")).toBe(`http://api.test/api/v1/requests/${uuid}`);
    expect(created.headers.get("etag")).toMatch(/^"[\w-]+"$/);

    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "request.added" }, orderBy: { seq: "desc" } });
    expect(event.data).toEqual(created.body);

    const read = await api.get(`/requests/${uuid}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get("etag")).toBe(created.headers.get("etag"));
  });

  it("updates only the fields sent and names the changes in request.updated", async () => {
    const request = await seedRequest(ctx, { title: "Rotate the webhook secret", notes: "Keep me" });
    const updated = await api.patch(`/requests/${request.id}`, { title: "Rotate the Slack secret", priority: "high", assignee: member.email });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: "Rotate the Slack secret", priority: "High", assignee: member.email, notes: "Keep me", status: "open" });
    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "request.updated" }, orderBy: { seq: "desc" } });
    expect((event.data as { changes: unknown }).changes).toEqual({
      title: { from: "Rotate the webhook secret", to: "Rotate the Slack secret" },
      priority: { from: "Normal", to: "High" },
      assignee: { from: null, to: member.email },
    });

    const unassigned = await api.patch(`/requests/${request.id}`, { assignee: null, status: "closed" });
    expect(unassigned.body).toMatchObject({ assignee: null, status: "closed", title: "Rotate the Slack secret" });
  });

  it("refuses bad fields with their API names and writes nothing", async () => {
    const before = await db.request.count({ where: { dataspaceId: space.id } });
    const stranger = await seedUser();
    const answers = [
      await api.post("/requests", { title: "   " }),
      await api.post("/requests", { title: "Typo", asignee: member.email }),
      await api.post("/requests", { title: "Stranger", assignee: stranger.email }),
      await api.post("/requests", { title: "Bad CC", cc_emails: ["not-an-email"] }),
    ];
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422]);
    expect(answers.map((a) => a.body.errors.map((e: { field: string }) => e.field))).toEqual([["title"], ["asignee"], ["assignee"], ["cc_emails.0"]]);
    expect(answers[1].body.errors[0].message).toBe("Unknown field");
    expect(answers[2].body.errors[0].message).toContain(stranger.email);
    expect(await db.request.count({ where: { dataspaceId: space.id } })).toBe(before);

    const request = await seedRequest(ctx);
    const nothing = await api.patch(`/requests/${request.id}`, {});
    expect(nothing.status).toBe(422);
    expect(nothing.body.detail).toMatch(/invalid/i);
  });

  it("lists with filters and ordering, following next links to the end", async () => {
    const filtered = await seedDataspace({ owner });
    await addMember(filtered, member, "MEMBER");
    const fctx = await tenantFor(owner.id, filtered.slug);
    const list = apiAs(await seedApiToken(fctx, ["requests:read"]));
    const urgent = await seedRequest(fctx, { title: "Database failover", priority: "urgent", assigneeId: member.id });
    const blocked = await seedRequest(fctx, { title: "Upgrade the DATABASE driver", status: "blocked" });
    const plain = await seedRequest(fctx, { title: "Access to dashboards" });
    await seedRequest(await tenantFor(member.id, filtered.slug), { title: "From the member" });

    const ids = async (query: string) => (await list.get(`/requests${query}`)).body.results.map((r: { uuid: string }) => r.uuid).sort();
    expect(await ids("?status=blocked")).toEqual([blocked.id]);
    expect(await ids("?status=open,blocked&q=database")).toEqual([urgent.id, blocked.id].sort());
    expect(await ids("?status=open&status=blocked&q=database")).toEqual([urgent.id, blocked.id].sort());
    expect(await ids("?priority=urgent")).toEqual([urgent.id]);
    expect(await ids(`?assignee=${encodeURIComponent(member.email)}`)).toEqual([urgent.id]);
    expect((await ids("?assignee=none")).length).toBe(3);
    expect((await ids(`?requester=${encodeURIComponent(member.email)}`)).length).toBe(1);

    const oldestFirst = await list.get("/requests?ordering=created_date&limit=2");
    expect(oldestFirst.body.results.map((r: { uuid: string }) => r.uuid)).toEqual([urgent.id, blocked.id]);
    expect(oldestFirst.headers.get("link")).toBe(`<${oldestFirst.body.next}>; rel="next"`);
    const rest = await list.get(new URL(oldestFirst.body.next).pathname.replace("/api/v1", "") + new URL(oldestFirst.body.next).search);
    expect(rest.body.results.map((r: { title: string }) => r.title)).toEqual(["Access to dashboards", "From the member"]);
    expect(rest.body.next).toBeNull();
    expect(rest.headers.get("link")).toBeNull();
    expect(plain.id).toBeTruthy();

    // The request's own object, comments included, in every list entry.
    await list.get("/requests").then((page) => expect(page.body.results[0]).toHaveProperty("comments"));
  });

  it("comments: adds one, lists them oldest first, reads one", async () => {
    const request = await seedRequest(ctx, { title: "Grant read access" });
    const first = await api.post(`/requests/${request.id}/comments`, { text: "Looking" });
    const second = await api.post(`/requests/${request.id}/comments`, { text: "Done for the data team" });
    expect(second.status).toBe(201);
    expect(second.body).toEqual({
      api_url: `/api/v1/requests/${request.id}/comments/${second.body.uuid}`,
      absolute_url: expect.stringContaining(`/d/${space.slug}/requests/${request.id}#comment-`),
      uuid: expect.any(String),
      user: owner.email,
      text: "Done for the data team",
      created_date: expect.any(String),
      request: { uuid: request.id, title: "Grant read access", api_url: `/api/v1/requests/${request.id}`, absolute_url: expect.any(String), status: "open" },
      dataspace: "Platform team",
    });
    // The webhook payload, plus the comment's own links.
    const event = await db.event.findFirstOrThrow({ where: { dataspaceId: space.id, type: "request_comment.added" }, orderBy: { seq: "desc" } });
    const { api_url, absolute_url, ...payload } = second.body;
    expect(event.data).toEqual(payload);
    expect([api_url, absolute_url]).toEqual([expect.any(String), expect.any(String)]);

    const page = await api.get(`/requests/${request.id}/comments?limit=1`);
    expect(page.body.results.map((c: { text: string }) => c.text)).toEqual(["Looking"]);
    expect(page.body.next).toContain("cursor=");
    const one = await api.get(second.body.api_url.replace("/api/v1", ""));
    expect(one.body).toEqual(second.body);
    expect((await api.get(`/requests/${request.id}/comments/${first.body.uuid}`)).body.text).toBe("Looking");
    expect((await api.post(`/requests/${request.id}/comments`, { text: "" })).status).toBe(422);
  });

  it("events: lists by type and reads one, as webhooks deliver their data", async () => {
    const request = await seedRequest(ctx, { title: "Something happened" });
    const page = await api.get("/events?type=request.added&limit=1");
    expect(page.status).toBe(200);
    const [latest] = page.body.results;
    expect(latest).toEqual({
      api_url: `/api/v1/events/${latest.uuid}`,
      absolute_url: expect.stringContaining(`/d/${space.slug}/events`),
      uuid: expect.any(String),
      type: "request.added",
      created_date: expect.any(String),
      data: expect.objectContaining({ uuid: request.id, title: "Something happened" }),
      source: { kind: "user", uuid: ctx.actor.userId },
      summary: "“Something happened”",
    });
    expect(page.body.next).toContain("type=request.added");
    expect((await api.get(`/events/${latest.uuid}`)).body).toEqual(latest);
    expect((await api.get(`/events/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("private requests stay private to a token whose scope reads requests only", async () => {
    const requester = await seedUser();
    await addMember(space, requester, "MEMBER");
    const secret = await seedRequest(await tenantFor(requester.id, space.slug), { title: "Salary review", isPrivate: true });
    // The owner's token, but with read scope on requests: it reads as a viewer would.
    const reader = apiAs(await seedApiToken(ctx, ["requests:read", "webhooks:admin"]));
    expect((await reader.get(`/requests/${secret.id}`)).status).toBe(404);
    expect((await api.get(`/requests/${secret.id}`)).status).toBe(200);
  });
});
