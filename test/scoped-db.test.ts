import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { OWNED_MODELS, REFERENCE_MODELS, scopedDb, TENANT_MODELS, TenantScopeViolation } from "@/server/db/scoped";
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

/** `field Type @relation(…)` lines of a model, with whether the relation is required. */
function relationOf(model: string, field: string): { type: string; required: boolean } | null {
  const schema = readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8");
  const body = schema.match(new RegExp(`^model\\s+${model}\\s*\\{([\\s\\S]*?)^\\}`, "m"))?.[1] ?? "";
  const line = body.match(new RegExp(`^\\s*${field}\\s+(\\w+)(\\??)\\s+@relation`, "m"));
  return line ? { type: line[1], required: line[2] !== "?" } : null;
}

describe("OWNED_MODELS", () => {
  // An optional relation is fine: the scope's relation filter leaves out rows without a parent
  // (a cron tick's job has no run), as the behaviour test below shows.
  it("each reaches its tenant through a relation to a tenant model", () => {
    for (const [model, field] of Object.entries(OWNED_MODELS)) {
      const relation = relationOf(model, field);
      expect(relation, `${model}.${field}`).not.toBeNull();
      expect(TENANT_MODELS.has(relation!.type), `${model}.${field} must lead to a tenant model`).toBe(true);
    }
    expect(relationOf("RuntimeStep", "run")?.required).toBe(true);
  });
});

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

  it("scopes a run's child rows through their run, and lets reference data lead nowhere", async () => {
    await db.runtimeFunction.create({ data: { id: "app-fn", appId: "app", name: "fn", url: "http://127.0.0.1/", config: {} } });
    const runIn = async (dataspaceId: string) => {
      const run = await db.runtimeRun.create({
        data: { id: crypto.randomUUID(), functionId: "app-fn", eventId: crypto.randomUUID(), event: { name: "x", data: { dataspaceId } }, dataspaceId },
      });
      await db.runtimeStep.create({ data: { runId: run.id, stepId: `step-${dataspaceId}`, name: "step", op: "StepRun" } });
      return run;
    };
    const runA = await runIn(A.id);
    const runB = await runIn(B.id);
    await db.runtimeJob.create({ data: { kind: "CRON", stepId: "tick", runAt: new Date() } }); // no run
    await db.runtimeJob.create({ data: { kind: "CALL", stepId: "step", runAt: new Date(), runId: runA.id } });
    const scoped = scopedDb(A.id);
    expect((await scoped.runtimeJob.findMany()).map((j) => j.runId)).toEqual([runA.id]);

    expect((await scoped.runtimeRun.findMany()).map((r) => r.id)).toEqual([runA.id]);
    expect((await scoped.runtimeStep.findMany()).map((s) => s.runId)).toEqual([runA.id]);
    expect(await scoped.runtimeStep.findMany({ where: { runId: runB.id } })).toEqual([]);
    expect((await scoped.runtimeRun.findMany({ include: { steps: true, function: { select: { name: true } } } }))[0].steps).toHaveLength(1);
    expect((await scoped.runtimeFunction.findMany()).map((f) => f.id)).toEqual(["app-fn"]);

    const refused: [string, () => Promise<unknown>][] = [
      ["function → runs", () => scoped.runtimeFunction.findMany({ include: { runs: true } })],
      ["run → function → runs", () => scoped.runtimeRun.findMany({ select: { function: { select: { runs: true } } } })],
      ["step create", () => scoped.runtimeStep.create({ data: { runId: runB.id, stepId: "planted", name: "x", op: "StepRun" } })],
      ["step delete", () => scoped.runtimeStep.deleteMany({ where: { runId: runB.id } })],
      ["function update", () => scoped.runtimeFunction.update({ where: { id: "app-fn" }, data: { name: "renamed" } })],
    ];
    for (const [name, run] of refused) await expect(run(), name).rejects.toBeInstanceOf(TenantScopeViolation);
    expect(await db.runtimeStep.count({ where: { runId: runB.id } })).toBe(1);
    expect(REFERENCE_MODELS.has("RuntimeFunction")).toBe(true);
  });
});
