import { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { runtimePort } from "@/server/runtime/port";
import { isStatuspageApiError } from "../api/errors";
import { isSkipped, loadOutbound, withAttention, type Outbound } from "./outbound";
import { RECONCILE_REQUESTED, type ReconcileRequest } from "./reconcile";
import type { OutboundDeps } from "./steps";

/** What the integration page does with a Statuspage integration's outbound side (admins only, like the rest of integrations). */
export const statuspageIntegrationInput = z.object({ id: z.string().uuid() });

async function outboundOf(ctx: TenantContext, id: string, deps: OutboundDeps): Promise<Outbound | { skipped: string }> {
  requireRole(ctx.actor, "ADMIN");
  const row = await ctx.db.integration.findFirst({ where: { id }, select: { type: true } });
  if (!row) throw notFound("Integration");
  if (row.type !== "STATUSPAGE") throw new AppError("BAD_REQUEST", "This is not a Statuspage integration");
  return loadOutbound(ctx.dataspace.id, id, deps);
}

export type ConnectionTest =
  | { ok: true; page: { id: string; name: string; url: string | null }; componentCount: number; problems: string[] }
  | { ok: false; error: string; retryable: boolean };

/**
 * "Test connection": GET the page with the saved key, then its components, and say what is wrong
 * in words a person can act on — the key refused (401), no role on the page (403), no such page
 * (404), Statuspage busy or down — and which mapped components are not on the page. A pass
 * clears the integration's "needs attention"; a refused key sets it.
 */
export async function testStatuspageConnection(ctx: TenantContext, input: { id: string }, deps: OutboundDeps = {}): Promise<ConnectionTest> {
  const outbound = await outboundOf(ctx, input.id, deps);
  if (isSkipped(outbound)) return { ok: false, error: `Nothing to test: ${outbound.skipped}.`, retryable: false };
  const ref = { dataspaceId: ctx.dataspace.id, integrationId: input.id };
  const { pageId, componentMapping } = outbound.settings;
  try {
    const page = await withAttention(ref, () => outbound.client.getPage(pageId));
    const components = await withAttention(ref, () => outbound.client.listComponents(pageId));
    const known = new Set(components.map((c) => c.id));
    const problems = Object.entries(componentMapping)
      .filter(([, componentId]) => !known.has(componentId))
      .map(([serviceId, componentId]) => `component ${componentId} (mapped to service ${serviceId}) is not on this page`);
    return { ok: true, page: { id: page.id, name: page.name, url: page.url ?? null }, componentCount: components.length, problems };
  } catch (error) {
    if (!isStatuspageApiError(error)) throw error;
    return { ok: false, error: error.message, retryable: error.retryable };
  }
}

export type PageComponents =
  | {
      ok: true;
      components: { id: string; name: string; status: string; group: boolean }[];
      services: { id: string; name: string; status: string }[];
      mapping: Record<string, string>;
    }
  | { ok: false; error: string };

/** The component picker: the page's components fetched live, the dataspace's services, and the saved mapping. */
export async function listStatuspageComponents(ctx: TenantContext, input: { id: string }, deps: OutboundDeps = {}): Promise<PageComponents> {
  const outbound = await outboundOf(ctx, input.id, deps);
  if (isSkipped(outbound)) return { ok: false, error: `The page's components cannot be listed: ${outbound.skipped}.` };
  let components;
  try {
    components = await withAttention({ dataspaceId: ctx.dataspace.id, integrationId: input.id }, () => outbound.client.listComponents(outbound.settings.pageId));
  } catch (error) {
    if (!isStatuspageApiError(error)) throw error;
    return { ok: false, error: error.message };
  }
  const services = await ctx.db.service.findMany({ select: { id: true, name: true, status: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 1000 });
  return {
    ok: true,
    components: components.map((c) => ({ id: c.id, name: c.name, status: c.status ?? "", group: c.group ?? false })),
    services,
    mapping: outbound.settings.componentMapping,
  };
}

/**
 * "Reconcile now": claims the integration's reconcile (the cron then waits a full interval) and
 * asks the runtime for a run; says why not when the integration has no outbound side.
 */
export async function requestStatuspageReconcile(ctx: TenantContext, input: { id: string }): Promise<{ requested: true } | { requested: false; reason: string }> {
  const outbound = await outboundOf(ctx, input.id, {});
  if (isSkipped(outbound)) return { requested: false, reason: `Cannot reconcile: ${outbound.skipped}.` };
  await ctx.db.$executeRaw`UPDATE "Integration" SET "reconcileStartedAt" = now() WHERE id = ${input.id}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid`;
  const data: ReconcileRequest = { dataspaceId: ctx.dataspace.id, integrationId: input.id };
  await runtimePort().send([{ name: RECONCILE_REQUESTED, data }]);
  return { requested: true };
}
