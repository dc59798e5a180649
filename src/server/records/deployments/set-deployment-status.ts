import type { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import type { setDeploymentStatusInput } from "./deployment.schema";
import { refusedTransition, timesFor } from "./deployment-status";
import { getDeployment } from "./get-deployment";
import { deploymentInclude, serializeDeployment, type DeploymentWithRelations } from "./serialize-deployment";

export type SetDeploymentStatusOptions = {
  /** Sees the deployment as it is before the change, with its row locked, and throws to refuse it (the REST API's `If-Match`). */
  precondition?: (current: DeploymentWithRelations) => void;
};

/**
 * Moves a deployment forward (queued → in_progress → success | failure | cancelled): going in
 * progress sets `startedAt`, finishing sets `finishedAt`; a finished deployment's status cannot
 * change, and one in progress cannot go back to the queue (409 saying so). The same status again
 * changes nothing. Publishes `deployment.status_changed` with the previous status.
 */
export async function setDeploymentStatus(
  ctx: TenantContext,
  input: z.output<typeof setDeploymentStatusInput>,
  options: SetDeploymentStatusOptions = {},
) {
  requireRole(ctx.actor, "MEMBER");
  return transactionWithEvents(ctx.db, async (tx) => {
    // Concurrent changes of one deployment take turns, so each sees the last one's status.
    await tx.$executeRaw`SELECT 1 FROM "Deployment" WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const before = await getDeployment(ctx, input.id, tx);
    options.precondition?.(before);
    const refusal = refusedTransition(before.status, input.status);
    if (refusal) throw new AppError("CONFLICT", refusal, { fieldErrors: { status: [refusal] } });
    const urlChanges = input.url !== undefined && input.url !== before.url;
    if (before.status === input.status && !urlChanges) return before;
    const after = await tx.deployment.update({
      where: { id: before.id },
      data: {
        status: input.status,
        ...timesFor(input.status, before, new Date()),
        ...(input.url !== undefined ? { url: input.url } : {}),
      },
      include: deploymentInclude,
    });
    if (before.status !== input.status) {
      await publishEvent(
        tx,
        ctx.dataspace.id,
        "deployment.status_changed",
        { ...serializeDeployment(after, ctx.dataspace), previous_status: before.status },
        { actorId: ctx.actor.userId },
      );
    }
    return after;
  });
}
