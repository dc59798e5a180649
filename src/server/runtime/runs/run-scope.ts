import type { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db, type Db } from "@/server/db/client";
import { forbidden } from "@/server/errors";

/**
 * Whose runs a caller sees. A run belongs to the dataspace of its trigger event; runs of no
 * (existing) dataspace — cron ticks, instance-wide events — belong to the instance. Dataspace
 * admins see their dataspace's runs, through the dataspace-scoped client like all tenant data;
 * instance admins see the instance's, which no tenant owns.
 */
export type RunsActor = { tenant: TenantContext } | { instanceAdmin: string };

/** The client to read runs with, and the condition that keeps the scope's runs. */
export type RunScope = { client: Db; where: Prisma.RuntimeRunWhereInput };

export async function resolveRunScope(actor: RunsActor): Promise<RunScope> {
  if ("tenant" in actor) {
    requireRole(actor.tenant.actor, "ADMIN");
    // The scoped client adds the dataspace to every run query, and scopes the run's steps,
    // attempts, jobs and waits through their run (OWNED_MODELS in src/server/db/scoped.ts).
    return { client: actor.tenant.db as unknown as Db, where: {} };
  }
  const user = await db.user.findUnique({ where: { id: actor.instanceAdmin }, select: { isInstanceAdmin: true } });
  if (!user?.isInstanceAdmin) throw forbidden("You need to be an instance admin to see instance-wide runs");
  return { client: db, where: { OR: [{ dataspaceId: null }, { dataspaceId: { in: await orphanedDataspaceIds() } }] } };
}

/** Dataspaces that runs name but that no longer exist: their runs fall to the instance. */
async function orphanedDataspaceIds(): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT r.dataspace_id AS id FROM runtime_run r
    WHERE r.dataspace_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Dataspace" d WHERE d.id = r.dataspace_id)`;
  return rows.map((r) => r.id);
}

/**
 * Runs are kept by the embedded executor. On Inngest (Cloud or self-hosted) they live in
 * Inngest's own dashboard; server.ts sets this flag when it starts the embedded executor.
 */
export function embeddedRuntime(): boolean {
  return process.env.SWITCHBOARD_EMBEDDED_RUNTIME === "1";
}

export type External = { external: true };
