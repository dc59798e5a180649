import type { RequestPriority } from "@/generated/prisma/enums";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError } from "@/server/errors";
import { createRequest } from "@/server/records/requests/create-request";
import { createRequestInput } from "@/server/records/requests/request.schema";
import type { AlertSeverity } from "./alert.schema";
import { findAlert } from "./get-alert";
import { alertInclude, alertUrls, alertView, type AlertView } from "./serialize-alert";

const PRIORITY_OF: Record<AlertSeverity, RequestPriority> = { critical: "urgent", error: "high", warning: "normal", info: "low" };

/**
 * "Create request from alert": a request with the alert's title, its description and a link back
 * in the notes, a priority from its severity — made by `createRequest` (so it publishes
 * `request.added` like any other) — and linked to the alert. An alert that already has a request
 * is a conflict (a second click makes no second request).
 */
export async function createRequestFromAlert(ctx: TenantContext, input: { id: string }): Promise<{ alert: AlertView; requestId: string }> {
  requireRole(ctx.actor, "MEMBER");
  const alert = await findAlert(ctx, input.id);
  if (alert.requestId) throw new AppError("CONFLICT", "This alert already has a request; unlink it first to make another");
  const link = alertUrls(ctx.dataspace.slug, alert.id).absolute_url;
  const notes = [alert.description.trim(), `From alert: ${link} (${alert.source}, severity ${alert.severity}, fingerprint ${alert.fingerprint})`].filter(Boolean).join("\n\n");
  const request = await createRequest(
    ctx,
    createRequestInput.parse({ title: alert.title.slice(0, 300), priority: PRIORITY_OF[alert.severity], notes: notes.slice(0, 100_000) }),
  );
  // Linked only if still unlinked: two clicks at once make two requests, but the alert keeps the
  // first and the second click is told so (its request stays, as any request made by hand would).
  const linked = await ctx.db.alert.updateMany({ where: { id: alert.id, requestId: null }, data: { requestId: request.id } });
  if (linked.count === 0) throw new AppError("CONFLICT", "This alert got a request meanwhile; the request just made was kept but not linked");
  const after = await ctx.db.alert.findFirstOrThrow({ where: { id: alert.id }, include: alertInclude });
  return { alert: alertView(after, ctx), requestId: request.id };
}
