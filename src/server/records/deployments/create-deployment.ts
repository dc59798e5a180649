import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { createDeploymentInput } from "./deployment.schema";
import { assertServiceOfDataspace } from "./deployment-service";
import { timesFor } from "./deployment-status";
import { deploymentInclude, serializeDeployment } from "./serialize-deployment";

/**
 * Records a deployment by hand or from a script (source "api"), in any status: one already in
 * progress gets its start time, one already finished its finish time. Publishes `deployment.created`.
 */
export async function createDeployment(ctx: TenantContext, input: z.output<typeof createDeploymentInput>) {
  requireRole(ctx.actor, "MEMBER");
  await assertServiceOfDataspace(ctx, input.serviceId);
  return transactionWithEvents(ctx.db, async (tx) => {
    const now = new Date();
    const deployment = await tx.deployment.create({
      data: {
        dataspaceId: ctx.dataspace.id,
        serviceId: input.serviceId,
        environment: input.environment,
        ref: input.ref,
        sha: input.sha,
        version: input.version,
        description: input.description,
        status: input.status,
        url: input.url,
        committedAt: input.committedAt,
        source: "api",
        createdById: ctx.actor.userId,
        ...timesFor(input.status, { startedAt: null, finishedAt: null }, now),
        createdAt: now,
      },
      include: deploymentInclude,
    });
    await publishEvent(tx, ctx.dataspace.id, "deployment.created", serializeDeployment(deployment, ctx.dataspace), { actorId: ctx.actor.userId });
    return deployment;
  });
}
