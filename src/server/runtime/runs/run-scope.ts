import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { forbidden } from "@/server/errors";

/**
 * Whose runs a caller sees. A run belongs to the dataspace of its trigger event; runs of no
 * (existing) dataspace — cron ticks, instance-wide events — belong to the instance. Dataspace
 * admins see their dataspace's runs; instance admins see the instance's.
 */
export type RunsActor = { tenant: TenantContext } | { instanceAdmin: string };
export type RunScope = { dataspaceId: string } | { instance: true };

export async function resolveRunScope(actor: RunsActor): Promise<RunScope> {
  if ("tenant" in actor) {
    requireRole(actor.tenant.actor, "ADMIN");
    return { dataspaceId: actor.tenant.dataspace.id };
  }
  const user = await db.user.findUnique({ where: { id: actor.instanceAdmin }, select: { isInstanceAdmin: true } });
  if (!user?.isInstanceAdmin) throw forbidden("You need to be an instance admin to see instance-wide runs");
  return { instance: true };
}

/**
 * A WHERE condition on `runtime_run r` that keeps the scope's runs only. The executor stores a
 * run's tenant in `dataspace_id` when it creates the run (run-state.ts `dataspaceOf`); a run of a
 * dataspace that no longer exists falls to the instance, so every run is someone's to see.
 */
export function runScopeCondition(scope: RunScope): Prisma.Sql {
  if ("dataspaceId" in scope) return Prisma.sql`r.dataspace_id = ${scope.dataspaceId}::uuid`;
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Dataspace" d WHERE d.id = r.dataspace_id)`;
}

/**
 * Runs are kept by the embedded executor. On Inngest (Cloud or self-hosted) they live in
 * Inngest's own dashboard; server.ts sets this flag when it starts the embedded executor.
 */
export function embeddedRuntime(): boolean {
  return process.env.SWITCHBOARD_EMBEDDED_RUNTIME === "1";
}

export type External = { external: true };
