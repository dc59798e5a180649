import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { scopedDb } from "@/server/db/scoped";
import { TENANT_ROLE } from "@/server/db/tenant-session";
import { addMember, seedDataspace, seedRequest, seedUser, tenantFor, type SeededDataspace } from "./factories";

// The database's own tenancy safeguard (prisma/migrations/20261207000000_row_level_security):
// SQL that forgets its dataspace gets that dataspace's rows, or nothing — never another's.

/** Runs raw SQL as the tenant role on the owner's connection, with `dataspaceId` entered (or none at all). */
function asTenant<T>(dataspaceId: string | null, work: (tx: typeof db) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.dataspace_id', $1, true)`, dataspaceId ?? "");
    return work(tx as unknown as typeof db);
  });
}

describe("row-level security", () => {
  let A: SeededDataspace;
  let B: SeededDataspace;
  let ownerA: { id: string };
  let requestA: { id: string };
  let requestB: { id: string };

  beforeAll(async () => {
    ownerA = await seedUser();
    const ownerB = await seedUser();
    A = await seedDataspace({ owner: ownerA });
    B = await seedDataspace({ owner: ownerB });
    await addMember(B, ownerA, "MEMBER");
    requestA = await seedRequest(await tenantFor(ownerA.id, A.slug));
    requestB = await seedRequest(await tenantFor(ownerB.id, B.slug));
  });

  it("covers every table with a dataspace column, and the tenant role cannot bypass it", async () => {
    const open = await db.$queryRaw<{ table: string }[]>`
      SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p')
        AND a.attname IN ('dataspaceId', 'dataspace_id')
        AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = current_schema() AND p.tablename = c.relname))`;
    expect(open).toEqual([]);
    const [role] = await db.$queryRaw<{ super: boolean; bypass: boolean }[]>`
      SELECT rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = ${TENANT_ROLE}`;
    expect(role).toEqual({ super: false, bypass: false });
  });

  it("gives SQL that forgets its dataspaceId only the rows of the dataspace it entered", async () => {
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
    expect(ids(await asTenant(A.id, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Request"`))).toEqual([requestA.id]);
    expect(ids(await asTenant(B.id, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Request"`))).toEqual([requestB.id]);
    // And through the scoped client, with and without a transaction of the caller's.
    expect(ids(await scopedDb(A.id).$queryRaw<{ id: string }[]>`SELECT id FROM "Request"`)).toEqual([requestA.id]);
    expect(ids(await scopedDb(A.id).$transaction((tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Request"`))).toEqual([requestA.id]);
    const [, batched] = await scopedDb(B.id).$transaction([
      scopedDb(B.id).request.count(),
      scopedDb(B.id).$queryRaw<{ id: string }[]>`SELECT id FROM "Request"`,
    ]);
    expect(ids(batched)).toEqual([requestB.id]);
  });

  it("gives the tenant role nothing at all when no dataspace is entered", async () => {
    const counts = await asTenant(null, async (tx) => {
      const [row] = await tx.$queryRaw<{ requests: number; events: number; dataspaces: number; users: number }[]>`
        SELECT (SELECT count(*)::int FROM "Request") AS requests, (SELECT count(*)::int FROM "Event") AS events,
               (SELECT count(*)::int FROM "Dataspace") AS dataspaces, (SELECT count(*)::int FROM "User") AS users`;
      return row;
    });
    expect(counts).toEqual({ requests: 0, events: 0, dataspaces: 0, users: 0 });
    // The login role sees them: they are there.
    expect(await db.request.count()).toBe(2);
  });

  it("refuses to write another dataspace's rows, whatever the SQL says", async () => {
    const scoped = scopedDb(A.id);
    expect(await scoped.$executeRaw`UPDATE "Request" SET title = 'Hijacked' WHERE id = ${requestB.id}::uuid`).toBe(0);
    expect(await scoped.$executeRaw`DELETE FROM "Request" WHERE id = ${requestB.id}::uuid`).toBe(0);
    await expect(
      scoped.$executeRaw`INSERT INTO "Request" (id, "dataspaceId", title, "requesterId", "updatedAt")
        VALUES (gen_random_uuid(), ${B.id}::uuid, 'Planted', ${ownerA.id}::uuid, now())`,
    ).rejects.toThrow(/row-level security/);
    // Moving a row of its own into another dataspace is refused too (the policy's WITH CHECK).
    await expect(scoped.$executeRaw`UPDATE "Request" SET "dataspaceId" = ${B.id}::uuid WHERE id = ${requestA.id}::uuid`).rejects.toThrow();
    const rowB = await db.request.findUniqueOrThrow({ where: { id: requestB.id } });
    expect(rowB.title).not.toBe("Hijacked");
    expect(await db.request.count({ where: { title: "Planted" } })).toBe(0);
  });

  it("keeps instance-wide tables out of the tenant role's reach", async () => {
    const scoped = scopedDb(A.id);
    for (const table of ["Account", "PasswordReset", "rate_limits", "_prisma_migrations"]) {
      await expect(scoped.$queryRawUnsafe(`SELECT 1 FROM "${table}" LIMIT 1`), table).rejects.toThrow(/permission denied/);
    }
    // A member of both dataspaces is one user, seen from each; their sessions are not.
    expect((await scoped.$queryRaw<{ id: string }[]>`SELECT id FROM "User"`).map((u) => u.id)).toEqual([ownerA.id]);
  });

  it("keeps concurrent work of two dataspaces apart on the shared tenant pool", async () => {
    // Interleaved in the same ticks: reads, unique lookups (which Prisma would batch) and raw SQL.
    const rounds = await Promise.all(
      Array.from({ length: 40 }, async (_, n) => {
        const [mine, theirs] = n % 2 ? [A, B] : [B, A];
        const [mineRequest, theirRequest] = n % 2 ? [requestA, requestB] : [requestB, requestA];
        const scoped = scopedDb(mine.id);
        const [found, foreign, raw, count] = await Promise.all([
          scoped.request.findUnique({ where: { id: mineRequest.id }, select: { id: true } }),
          scoped.request.findUnique({ where: { id: theirRequest.id }, select: { id: true } }),
          scoped.$queryRaw<{ dataspaceId: string }[]>`SELECT "dataspaceId" FROM "Request"`,
          scoped.$transaction((tx) => tx.request.count()),
        ]);
        return { ok: found?.id === mineRequest.id && foreign === null && raw.every((r) => r.dataspaceId === mine.id) && raw.length === 1 && count === 1, theirs: theirs.id };
      }),
    );
    expect(rounds.filter((round) => !round.ok)).toEqual([]);
  });

  it("leaves the owner's pool as it was: the instance-wide paths still see every dataspace", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, n) => scopedDb(n % 2 ? A.id : B.id).request.count()));
    const rows = await Promise.all(
      Array.from({ length: 10 }, () => db.$queryRaw<{ role: string; requests: number }[]>`SELECT current_user AS role, (SELECT count(*)::int FROM "Request") AS requests`),
    );
    for (const [row] of rows) expect(row).toEqual({ role: expect.not.stringMatching(TENANT_ROLE), requests: 2 });
  });

  it("secures a tenant table that a later migration adds, at the next start", async () => {
    await db.$executeRawUnsafe(`CREATE TABLE later_tenant_table (id uuid PRIMARY KEY, "dataspaceId" uuid NOT NULL)`);
    await db.$executeRaw`INSERT INTO later_tenant_table VALUES (gen_random_uuid(), ${A.id}::uuid), (gen_random_uuid(), ${B.id}::uuid)`;
    await applyMigrations(process.env.DATABASE_URL!);
    const rows = await scopedDb(A.id).$queryRaw<{ dataspaceId: string }[]>`SELECT "dataspaceId" FROM later_tenant_table`;
    expect(rows).toEqual([{ dataspaceId: A.id }]);
  });
});
