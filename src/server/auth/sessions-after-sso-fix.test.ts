import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { userOfSession } from "@/server/accounts/session-version";
import { db } from "@/server/db/client";
import { seedUser } from "../../../test/factories";

/**
 * Migration 20261206150000_end_sessions_from_before_the_sso_fix: a session obtained through the
 * SSO takeover before the fix (issued with the then-current session version) is refused after
 * the upgrade; signing in again works. Runs the migration's statement again on a migrated database.
 */
const MIGRATION = path.join(process.cwd(), "prisma/migrations/20261206150000_end_sessions_from_before_the_sso_fix/migration.sql");

it("ends every session issued before the upgrade, and sessions issued after it work", async () => {
  const victim = await seedUser({ email: "adam@a.test" });
  const before = { user: { id: victim.id }, sessionVersion: 0 }; // e.g. the attacker's, signed in as adam
  expect(await userOfSession(before)).not.toBeNull();

  const sql = (await readFile(MIGRATION, "utf8")).split("\n").filter((line) => !line.startsWith("--")).join("\n").trim();
  await db.$executeRawUnsafe(sql);

  expect(await userOfSession(before)).toBeNull();
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: victim.id }, select: { sessionVersion: true } });
  expect(await userOfSession({ user: { id: victim.id }, sessionVersion })).not.toBeNull();
});
