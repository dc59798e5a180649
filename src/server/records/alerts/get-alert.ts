import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { alertInclude, alertView, type AlertView, type AlertWithRelations } from "./serialize-alert";

/** An alert of the dataspace with its relations, or NOT_FOUND. `client` lets callers read inside their transaction. */
export async function findAlert(ctx: TenantContext, id: string, client: TenantDb = ctx.db): Promise<AlertWithRelations> {
  const alert = await client.alert.findFirst({ where: { id }, include: alertInclude });
  if (!alert) throw notFound("Alert");
  return alert;
}

/** An alert as the actor may see it (a private request it links to shows only its id to those who may not see it). */
export async function getAlert(ctx: TenantContext, id: string): Promise<AlertView> {
  return alertView(await findAlert(ctx, id), ctx);
}
