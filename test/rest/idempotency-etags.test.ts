import { beforeAll, describe, expect, it } from "vitest";
import { listApiTokens } from "@/server/api-tokens/manage-api-tokens";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { seedDataspace, seedRequest, seedUser, tenantFor } from "../factories";
import { apiAs } from "./api";

/** Safe retries and concurrency control: Idempotency-Key on POST, ETags on objects. */
let ctx: TenantContext;
let admin: ReturnType<typeof apiAs>;
let adminToken: string;

beforeAll(async () => {
  const owner = await seedUser();
  const space = await seedDataspace({ owner, name: "Retries" });
  ctx = await tenantFor(owner.id, space.slug);
  adminToken = await seedApiToken(ctx, ["admin"]);
  admin = apiAs(adminToken);
});

describe("Idempotency-Key", () => {
  const keyed = (key: string) => ({ headers: { "idempotency-key": key } });

  it("the same key and body create once and replay the first answer", async () => {
    const key = crypto.randomUUID();
    const first = await admin.post("/requests", { title: "Exactly once", priority: "high" }, keyed(key));
    // Same JSON, other key order and spacing: the same request.
    const again = await admin.call("POST", "/requests", { rawBody: '{ "priority": "high",  "title": "Exactly once" }', headers: { "content-type": "application/json", "idempotency-key": key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(first.headers.get("idempotency-replayed")).toBeNull();
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id, title: "Exactly once" } })).toBe(1);
    // The kept answer is encrypted at rest (a creation's answer may hold a credential shown once).
    const kept = await db.apiIdempotencyKey.findFirstOrThrow({ where: { key } });
    expect(JSON.stringify(kept.responseBody)).not.toContain("Exactly once");
    // Another token's key space is its own.
    const other = apiAs(await seedApiToken(ctx, ["write"]));
    expect((await other.post("/requests", { title: "Exactly once", priority: "high" }, keyed(key))).headers.get("idempotency-replayed")).toBeNull();
  });

  it("the same key with another body or path is 422; a malformed key is 400", async () => {
    const key = crypto.randomUUID();
    expect((await admin.post("/requests", { title: "First body" }, keyed(key))).status).toBe(201);
    const reused = await admin.post("/requests", { title: "Second body" }, keyed(key));
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe("urn:switchboard:problem:idempotency-key-reused");
    const request = await seedRequest(ctx);
    expect((await admin.post(`/requests/${request.id}/comments`, { title: "First body" }, keyed(key))).status).toBe(422);
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id, title: "Second body" } })).toBe(0);
    expect((await admin.post("/requests", { title: "Bad key" }, keyed("has spaces in it"))).status).toBe(400);
  });

  it("a duplicate sent while the first is still running gets 409, and exactly one is created", async () => {
    const key = crypto.randomUUID();
    const body = { title: "Raced" };
    const answers = await Promise.all([admin.post("/requests", body, keyed(key)), admin.post("/requests", body, keyed(key))]);
    const statuses = answers.map((a) => a.status).sort();
    // Either the second arrived while the first ran (409) or after it finished (replayed 201).
    expect([[201, 409], [201, 201]]).toContainEqual(statuses);
    if (statuses[1] === 409) expect(answers.find((a) => a.status === 409)!.body.type).toBe("urn:switchboard:problem:idempotency-key-in-use");
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id, title: "Raced" } })).toBe(1);
  });

  it("a key held by a request in progress answers 409", async () => {
    const key = crypto.randomUUID();
    const { requestFingerprint } = await import("@/server/rest/idempotency");
    const [token] = (await listApiTokens(ctx)).filter((t) => adminToken.startsWith(t.prefix));
    // As if another instance had reserved it a moment ago and were still creating.
    await db.apiIdempotencyKey.create({
      data: { dataspaceId: ctx.dataspace.id, tokenId: token.id, key, method: "POST", path: "/api/v1/requests", requestHash: requestFingerprint({ title: "Slow" }), status: 0, expiresAt: new Date(Date.now() + 60_000) },
    });
    const busy = await admin.post("/requests", { title: "Slow" }, keyed(key));
    expect(busy.status).toBe(409);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id, title: "Slow" } })).toBe(0);
  });

  it("an expired key is forgotten: the request runs again", async () => {
    const key = crypto.randomUUID();
    expect((await admin.post("/requests", { title: "Twice a day" }, keyed(key))).status).toBe(201);
    await db.apiIdempotencyKey.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const later = await admin.post("/requests", { title: "Twice a day" }, keyed(key));
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotency-replayed")).toBeNull();
    expect(await db.request.count({ where: { dataspaceId: ctx.dataspace.id, title: "Twice a day" } })).toBe(2);
  });

  it("a refusal by the domain is replayed too; a validation error is not stored", async () => {
    const stranger = await seedUser();
    const key = crypto.randomUUID();
    const refused = await admin.post("/requests", { title: "Assigned away", assignee: stranger.email }, keyed(key));
    expect(refused.status).toBe(422);
    const replayed = await admin.post("/requests", { title: "Assigned away", assignee: stranger.email }, keyed(key));
    expect(replayed.headers.get("idempotency-replayed")).toBe("true");
    expect(replayed.body).toEqual(refused.body);
    expect(replayed.headers.get("content-type")).toBe("application/problem+json");

    const other = crypto.randomUUID();
    expect((await admin.post("/requests", { title: "" }, keyed(other))).status).toBe(422);
    expect(await db.apiIdempotencyKey.count({ where: { key: other } })).toBe(0);
  });
});

describe("ETags", () => {
  it("If-None-Match answers 304 while the request is unchanged, 200 once it changed", async () => {
    const request = await seedRequest(ctx, { title: "Cached" });
    const first = await admin.get(`/requests/${request.id}`);
    const etag = first.headers.get("etag")!;
    const cached = await admin.get(`/requests/${request.id}`, { headers: { "if-none-match": etag } });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe("");
    expect(cached.headers.get("etag")).toBe(etag);
    await admin.post(`/requests/${request.id}/comments`, { text: "A comment changes the object" });
    const fresh = await admin.get(`/requests/${request.id}`, { headers: { "if-none-match": etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("etag")).not.toBe(etag);
  });

  it("If-Match: a stale ETag is refused with 412 and changes nothing; the current one applies", async () => {
    const request = await seedRequest(ctx, { title: "Original" });
    const read = await admin.get(`/requests/${request.id}`);
    const etag = read.headers.get("etag")!;
    const someoneElse = await admin.patch(`/requests/${request.id}`, { notes: "Changed meanwhile" });
    expect(someoneElse.headers.get("etag")).not.toBe(etag);

    const stale = await admin.patch(`/requests/${request.id}`, { title: "Lost update" }, { headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe("urn:switchboard:problem:precondition-failed");
    expect(stale.headers.get("etag")).toBe(someoneElse.headers.get("etag"));
    expect((await db.request.findUniqueOrThrow({ where: { id: request.id } })).title).toBe("Original");

    const current = await admin.patch(`/requests/${request.id}`, { title: "Applied" }, { headers: { "if-match": someoneElse.headers.get("etag")! } });
    expect(current.status).toBe(200);
    expect(current.body.title).toBe("Applied");
    expect((await admin.get(`/requests/${request.id}`)).headers.get("etag")).toBe(current.headers.get("etag"));
  });
});
