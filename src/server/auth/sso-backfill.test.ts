import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { db } from "@/server/db/client";

/**
 * The data half of migration 20261206100000_sso_identity_domain_proof: SSO sign-ins that earlier
 * versions linked by email to existing accounts are undone. Runs the migration's backfill again
 * on rows shaped like that history (the schema is already migrated in every test database).
 */

const MIGRATION = path.join(process.cwd(), "prisma/migrations/20261206100000_sso_identity_domain_proof/migration.sql");

async function runBackfill() {
  const sql = await readFile(MIGRATION, "utf8");
  const backfill = sql.slice(sql.indexOf("-- Backfill"));
  const statements = backfill
    .split("\n")
    .filter((line) => !line.startsWith("--"))
    .join("\n")
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  expect(statements).toHaveLength(3);
  for (const statement of statements) await db.$executeRawUnsafe(statement);
}

it("undoes SSO links made by email, marks SSO-created users unproven and turns listed domains into pending claims", async () => {
  const dataspace = await db.dataspace.create({ data: { slug: "legacy", name: "Legacy" } });
  const connection = await db.ssoConnection.create({
    data: { dataspaceId: dataspace.id, name: "Old", issuer: "https://idp.legacy.test", clientId: "c", clientSecretEncrypted: "x", allowedDomains: ["legacy.test", "old.test"] },
  });
  const provider = `sso-${connection.id}`;
  const earlier = new Date(Date.now() - 60_000);

  // A local user, an instance admin and a GitHub user whom the connection was linked to by email.
  const adam = await db.user.create({ data: { email: "adam@legacy.test", passwordHash: "scrypt$x", accounts: { create: { provider, providerAccountId: "adam" } } } });
  const root = await db.user.create({ data: { email: "root@legacy.test", isInstanceAdmin: true, accounts: { create: { provider, providerAccountId: "root" } } } });
  const olga = await db.user.create({ data: { email: "olga@legacy.test", accounts: { create: { provider: "github", providerAccountId: "olga", createdAt: earlier } } } });
  await db.account.create({ data: { userId: olga.id, provider, providerAccountId: "olga" } });
  // Someone the connection created, who later linked GitHub too.
  const nina = await db.user.create({ data: { email: "nina@legacy.test", accounts: { create: { provider, providerAccountId: "nina", createdAt: earlier } } } });
  await db.account.create({ data: { userId: nina.id, provider: "github", providerAccountId: "nina" } });

  await runBackfill();

  const accountsOf = async (userId: string) =>
    (await db.account.findMany({ where: { userId }, select: { provider: true }, orderBy: { provider: "asc" } })).map((a) => a.provider);
  expect(await accountsOf(adam.id)).toEqual([]);
  expect(await accountsOf(root.id)).toEqual([]);
  expect(await accountsOf(olga.id)).toEqual(["github"]);
  expect(await accountsOf(nina.id)).toEqual(["github", provider].sort());

  const flagOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).unprovenSsoConnectionId;
  expect([await flagOf(adam.id), await flagOf(root.id), await flagOf(olga.id)]).toEqual([null, null, null]);
  expect(await flagOf(nina.id)).toBe(connection.id);

  const claims = await db.ssoDomainClaim.findMany({ where: { connectionId: connection.id }, orderBy: { domain: "asc" } });
  expect(claims.map((c) => [c.domain, c.provenAt])).toEqual([
    ["legacy.test", null],
    ["old.test", null],
  ]);
  expect(claims[0].token).toMatch(/^[0-9a-f]{32}$/);
  expect(claims[0].token).not.toBe(claims[1].token);
});
