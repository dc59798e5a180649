import { appUrl } from "@/env";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { notFound } from "@/server/errors";
import { scopedDb } from "@/server/db/scoped";
import { isIssueSyncApiError } from "@/server/issue-sync/errors";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { providerFor } from "@/server/integrations/registry";
import type { DeploymentStatus } from "@/server/records/deployments/deployment.schema";
import type { DeploymentForPlatform } from "./platform";

/**
 * Switchboard's deployments on GitHub and GitLab (the integrations whose config says
 * `deployments.push`), as the runtime runs it after each `deployment.created` and
 * `deployment.status_changed` (inngest/functions/ci-deployments.ts), one step per integration:
 *
 * - a deployment made in Switchboard (the API, the dashboard), of the integration's service when
 *   it names one, is created there with its status, once the platform can take it (GitLab: with a
 *   commit and a ref, once it runs), and each later status is posted to it (`DeploymentLink`);
 * - a deployment the platform itself reported (GitHub's deployment webhooks) gets the status
 *   changes made in Switchboard posted back — not those that came from GitHub (no actor): GitHub
 *   has them already.
 *
 * Each step reads the deployment as it is, so a retried or late step posts the latest status, and
 * a status the platform already has is not posted again.
 */
export type PushOutcome = { pushed: string } | { skipped: string };
type Ref = { dataspaceId: string; integrationId: string };

/** The active GitHub and GitLab integrations of the dataspace that push deployments. */
export async function deploymentPushTargets(dataspaceId: string): Promise<string[]> {
  const rows = await scopedDb(dataspaceId).integration.findMany({ where: { type: { in: ["GITHUB", "GITLAB"] }, isActive: true }, select: { id: true, type: true, config: true }, orderBy: { createdAt: "asc" } });
  return rows.filter((row) => providerFor(row.type).ci?.deploymentPush(row.config as Record<string, unknown>)).map((row) => row.id);
}

export async function pushDeploymentTo(ref: Ref, deploymentId: string, actorId: string | null): Promise<PushOutcome> {
  const tdb = scopedDb(ref.dataspaceId);
  const integration = await tdb.integration.findFirst({ where: { id: ref.integrationId }, select: { id: true, type: true, config: true, isActive: true } });
  const ci = integration ? providerFor(integration.type).ci : undefined;
  const settings = integration?.isActive && ci ? ci.deploymentPush(integration.config as Record<string, unknown>) : null;
  if (!integration || !ci || !settings) return { skipped: "the integration no longer pushes deployments" };
  const row = await tdb.deployment.findFirst({ where: { id: deploymentId }, include: { service: { select: { name: true } }, dataspace: { select: { slug: true } } } });
  if (!row) return { skipped: "the deployment no longer exists" };
  const deployment: DeploymentForPlatform = {
    id: row.id,
    environment: row.environment,
    ref: row.ref,
    sha: row.sha,
    version: row.version,
    description: row.description,
    status: row.status as DeploymentStatus,
    url: row.url,
    absoluteUrl: `${appUrl()}/d/${row.dataspace.slug}/deployments/${row.id}`,
  };
  const target = { integrationId: integration.id, config: integration.config as Record<string, unknown>, secrets: await loadIntegrationSecrets(tdb, integration.id) };
  const link = await tdb.deploymentLink.findFirst({ where: { deploymentId, integrationId: integration.id } });
  const remember = (data: { externalId?: string; lastStatus?: string | null; lastError?: string | null }) =>
    tdb.deploymentLink.upsert({
      where: { deploymentId_integrationId: { deploymentId, integrationId: integration.id } },
      create: { deploymentId, integrationId: integration.id, dataspaceId: ref.dataspaceId, externalId: data.externalId ?? row.externalId ?? "", lastStatus: data.lastStatus ?? null, lastError: data.lastError ?? null },
      update: data,
    });

  try {
    if (row.sourceIntegrationId === integration.id) {
      if (row.source !== "github" || !row.externalId) return { skipped: `a deployment recorded from a push has no ${ci.label} deployment to post to` };
      if (actorId === null) return { skipped: `the change came from ${ci.label}` };
      if (link?.lastStatus === deployment.status) return { skipped: `${ci.label} has this status already` };
      await ci.setDeploymentStatus(target, row.externalId, deployment);
      await remember({ externalId: row.externalId, lastStatus: deployment.status, lastError: null });
      return { pushed: `status ${deployment.status} posted to ${ci.label} deployment ${row.externalId}` };
    }
    if (row.source !== "api") return { skipped: "it was recorded from another integration" };
    if (settings.service !== undefined && row.service?.name !== settings.service) return { skipped: `it is not a deployment of ${settings.service}` };
    if (!link) {
      const cannot = ci.cannotCreate(deployment);
      if (cannot) return { skipped: `not on ${ci.label} yet: ${cannot}` };
      const created = await ci.createDeployment(target, deployment);
      await remember({ externalId: created.externalId, lastStatus: deployment.status, lastError: null });
      return { pushed: `created as ${ci.label} deployment ${created.externalId} (${deployment.status})` };
    }
    if (link.lastStatus === deployment.status) return { skipped: `${ci.label} has this status already` };
    await ci.setDeploymentStatus(target, link.externalId, deployment);
    await remember({ lastStatus: deployment.status, lastError: null });
    return { pushed: `status ${deployment.status} posted to ${ci.label} deployment ${link.externalId}` };
  } catch (error) {
    // The platform's words stay on the link, for the deployment's page; the runtime decides on a retry.
    if (isIssueSyncApiError(error) && (link || row.sourceIntegrationId === integration.id)) await remember({ lastError: error.message.slice(0, 2000) });
    throw error;
  }
}

/** Where a deployment is on GitHub and GitLab, for its page: the platform's id, the last status it took, its last refusal. */
export async function listDeploymentLinks(ctx: TenantContext, deploymentId: string) {
  requireRole(ctx.actor, "VIEWER");
  if ((await ctx.db.deployment.count({ where: { id: deploymentId } })) === 0) throw notFound("Deployment");
  const rows = await ctx.db.deploymentLink.findMany({
    where: { deploymentId },
    select: { integrationId: true, externalId: true, lastStatus: true, lastError: true, updatedAt: true, integration: { select: { name: true, type: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ integration, ...row }) => ({ ...row, integrationName: integration.name, platform: integration.type }));
}
