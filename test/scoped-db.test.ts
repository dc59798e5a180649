import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { scopedDb, TENANT_MODELS, TenantScopeViolation } from "@/server/db/scoped";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor, type SeededDataspace } from "./factories";

/** Models of prisma/schema.prisma that have a `dataspaceId` field, read from the schema text. */
function modelsWithDataspaceId(): string[] {
  const schema = readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8");
  const models: string[] = [];
  for (const [, name, body] of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    if (/^\s*dataspaceId\s+\S/m.test(body)) models.push(name);
  }
  return models.sort();
}

describe("TENANT_MODELS", () => {
  it("lists exactly the models that carry a dataspaceId", () => {
    const fromSchema = modelsWithDataspaceId();
    expect(fromSchema.length).toBeGreaterThan(0);
    expect([...TENANT_MODELS].sort()).toEqual(fromSchema);
  });
});

describe("scopedDb", () => {
  let A: SeededDataspace;
  let B: SeededDataspace;
  let ownerA: { id: string };
  let ownerB: { id: string };
  let requestB: { id: string };

  beforeAll(async () => {
    ownerA = await seedUser();
    ownerB = await seedUser();
    A = await seedDataspace({ owner: ownerA });
    B = await seedDataspace({ owner: ownerB });
    await seedRequest(await tenantFor(ownerA.id, A.slug));
    requestB = await seedRequest(await tenantFor(ownerB.id, B.slug));
  });

  it("refuses instance-wide models other than reading Dataspace and User", async () => {
    const scoped = scopedDb(A.id);
    const refused: [string, () => Promise<unknown>][] = [
      ["account.findMany", () => scoped.account.findMany()],
      ["rateLimit.findMany", () => scoped.rateLimit.findMany()],
      ["user.create", () => scoped.user.create({ data: { email: "new@example.test" } })],
      ["user.update", () => scoped.user.update({ where: { id: ownerB.id }, data: { name: "Renamed" } })],
      ["user.deleteMany", () => scoped.user.deleteMany()],
      ["dataspace.create", () => scoped.dataspace.create({ data: { slug: "another", name: "Another" } })],
      ["dataspace.deleteMany", () => scoped.dataspace.deleteMany()],
    ];
    for (const [name, run] of refused) {
      await expect(run(), name).rejects.toBeInstanceOf(TenantScopeViolation);
    }
    const ownerBRow = await db.user.findUniqueOrThrow({ where: { id: ownerB.id } });
    expect(ownerBRow.name).not.toBe("Renamed");
    expect(await db.dataspace.count()).toBe(2);
  });

  it("reads only its own dataspace and its own members", async () => {
    const scoped = scopedDb(A.id);
    expect((await scoped.dataspace.findMany()).map((d) => d.id)).toEqual([A.id]);
    expect(await scoped.dataspace.findUnique({ where: { id: B.id } })).toBeNull();
    expect((await scoped.user.findMany()).map((u) => u.id)).toEqual([ownerA.id]);
    expect(await scoped.user.findUnique({ where: { id: ownerB.id } })).toBeNull();
  });

  it("keeps reads and writes of tenant models inside the dataspace", async () => {
    const scoped = scopedDb(A.id);
    expect(await scoped.request.findUnique({ where: { id: requestB.id } })).toBeNull();
    // The scope is ANDed to the caller's filter: asking for B's rows yields none (not A's either).
    expect(await scoped.request.findMany({ where: { dataspaceId: B.id } })).toEqual([]);
    expect(await scoped.request.updateMany({ where: { id: requestB.id }, data: { title: "Hijacked" } })).toEqual({ count: 0 });
    await expect(scoped.request.update({ where: { id: requestB.id }, data: { title: "Hijacked" } })).rejects.toThrow();
    expect(await scoped.request.deleteMany({ where: { id: requestB.id } })).toEqual({ count: 0 });
    await expect(
      scoped.request.create({ data: { dataspaceId: B.id, title: "Planted", requesterId: ownerA.id } }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
    const untouched = await db.request.findUniqueOrThrow({ where: { id: requestB.id } });
    expect(untouched.title).not.toBe("Hijacked");
    expect(await db.request.count({ where: { dataspaceId: B.id } })).toBe(1);
  });

  it("cannot attach a comment of one dataspace to a request of another", async () => {
    // The composite foreign key is the second wall: even unscoped code cannot do it.
    await expect(
      db.requestComment.create({ data: { dataspaceId: A.id, requestId: requestB.id, userId: ownerA.id, text: "x" } }),
    ).rejects.toThrow();
  });

  it("lets a member of two dataspaces see each one only through its own client", async () => {
    const both = await seedUser();
    await addMember(A, both, "MEMBER");
    await addMember(B, both, "MEMBER");
    expect((await scopedDb(A.id).membership.findMany({ where: { userId: both.id } })).map((m) => m.dataspaceId)).toEqual([A.id]);
    expect((await scopedDb(B.id).membership.findMany({ where: { userId: both.id } })).map((m) => m.dataspaceId)).toEqual([B.id]);
  });

  it("refuses nested reads that would leave the dataspace through a user", async () => {
    const scoped = scopedDb(A.id);
    await addMember(B, await db.user.findUniqueOrThrow({ where: { id: ownerA.id } }), "VIEWER");
    const escapes: [string, () => Promise<unknown>][] = [
      ["include user → memberships", () => scoped.user.findMany({ include: { memberships: { include: { dataspace: true } } } })],
      ["select user → memberships", () => scoped.user.findMany({ select: { memberships: { select: { dataspaceId: true } } } })],
      ["where user → memberships probe", () => scoped.user.count({ where: { memberships: { some: { dataspace: { name: B.name } } } } })],
      ["request → assignee → memberships", () =>
        scoped.request.findMany({ include: { requester: { include: { memberships: true } } } })],
      ["membership → user → comments", () => scoped.membership.findMany({ select: { user: { select: { comments: true } } } })],
      ["_count of user relations", () => scoped.user.findMany({ select: { _count: { select: { memberships: true } } } })],
      ["user accounts", () => scoped.user.findMany({ include: { accounts: true } })],
    ];
    for (const [name, run] of escapes) {
      await expect(run(), name).rejects.toBeInstanceOf(TenantScopeViolation);
    }
    // What stays inside is still allowed: a request with its comments and its people's columns.
    const rows = await scoped.request.findMany({
      include: { comments: true, requester: { select: { email: true } } },
      where: { requester: { email: { contains: "@" } } },
      orderBy: { requester: { email: "asc" } },
    });
    expect(rows.every((r) => r.dataspaceId === A.id)).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("refuses nested writes through relations", async () => {
    const scoped = scopedDb(A.id);
    const request = await scoped.request.findFirstOrThrow();
    await expect(
      scoped.request.update({ where: { id: request.id }, data: { comments: { create: { dataspaceId: B.id, userId: ownerA.id, text: "x" } } } as never }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
    await expect(
      scoped.request.update({ where: { id: request.id }, data: { assignee: { connect: { id: ownerB.id } } } }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
  });
});
