import type { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, notFound } from "@/server/errors";
import { getRequest } from "@/server/records/requests/get-request";
import { isIssueSyncApiError } from "./errors";
import { clearRefusals } from "./link-state";
import { ensureLink } from "./push";
import { syncedStateOf } from "./render";
import { requestPush } from "./requests";
import { syncIntegration, syncIntegrations, trackerOf, type SyncIntegration, type TrackerDeps } from "./targets";

/** A link as the request page and the APIs show it. */
export type IssueLinkView = {
  id: string;
  integration: { id: string; name: string; type: string };
  key: string | null;
  url: string | null;
  state: "PENDING" | "SYNCED" | "FAILED";
  /** The platform's words about the last failure, or null. */
  lastError: string | null;
  lastSyncedAt: Date | null;
  createdAt: Date;
};

const linkSelect = {
  id: true,
  externalKey: true,
  url: true,
  state: true,
  lastError: true,
  lastSyncedAt: true,
  createdAt: true,
  integration: { select: { id: true, name: true, type: true } },
} as const satisfies Prisma.IssueLinkSelect;

type LinkRow = Prisma.IssueLinkGetPayload<{ select: typeof linkSelect }>;

const viewOf = (row: LinkRow): IssueLinkView => ({
  id: row.id,
  integration: row.integration,
  key: row.externalKey,
  url: row.url,
  state: row.state,
  lastError: row.lastError,
  lastSyncedAt: row.lastSyncedAt,
  createdAt: row.createdAt,
});

/** A pull request naming the request, as the request page shows it. */
export type PullRequestLinkView = { id: string; integration: { id: string; name: string; type: string }; key: string; url: string; title: string; state: string; updatedAt: Date };

/**
 * A request's links (its issue per integration, the pull requests naming it) and the integrations
 * it could be linked through: what the request page shows. Only for a request the actor may see.
 */
export async function listIssueLinks(ctx: TenantContext, input: { requestId: string }) {
  const request = await getRequest(ctx, input.requestId);
  const [links, pullRequests, integrations] = await Promise.all([
    ctx.db.issueLink.findMany({ where: { requestId: request.id }, select: linkSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    ctx.db.pullRequestLink.findMany({
      where: { requestId: request.id },
      select: { id: true, externalKey: true, url: true, title: true, state: true, updatedAt: true, integration: { select: { id: true, name: true, type: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 100,
    }),
    syncIntegrations(ctx.db),
  ]);
  const linked = new Set(links.map((l) => l.integration.id));
  return {
    links: links.map(viewOf),
    pullRequests: pullRequests.map(({ externalKey, ...pr }): PullRequestLinkView => ({ ...pr, key: externalKey })),
    /** Integrations that sync issues and have no issue for this request yet: "Create issue in …" / "Link existing issue". */
    available: integrations.filter((i) => !linked.has(i.id) && i.settings.direction !== "pull").map((i) => ({ id: i.id, name: i.name, type: i.type, paused: i.paused })),
  };
}

async function pushingIntegration(ctx: TenantContext, integrationId: string): Promise<SyncIntegration> {
  const integration = await syncIntegration(ctx.db, integrationId);
  if (!integration) {
    const exists = await ctx.db.integration.findFirst({ where: { id: integrationId }, select: { id: true } });
    if (!exists) throw notFound("Integration");
    throw new AppError("BAD_REQUEST", "This integration does not sync issues: turn on issueSync in its config first");
  }
  if (integration.paused) throw new AppError("CONFLICT", "Issue sync of this integration is paused after its credentials were refused: fix them and run Test connection first");
  return integration;
}

/**
 * "Create issue in …": links the request to the integration (whatever the integration's scope:
 * a person chose it, private request included) and asks the runtime to push it now. The link
 * shows PENDING until the issue exists. A second click finds the link and changes nothing.
 */
export async function createIssueForRequest(ctx: TenantContext, input: { requestId: string; integrationId: string }): Promise<IssueLinkView> {
  requireRole(ctx.actor, "MEMBER");
  const request = await getRequest(ctx, input.requestId);
  const integration = await pushingIntegration(ctx, input.integrationId);
  if (integration.settings.direction === "pull") throw new AppError("BAD_REQUEST", "This integration only pulls from its platform (issueSync.direction is \"pull\"): link an existing issue instead");
  const link = await ensureLink(ctx.dataspace.id, integration.id, request.id);
  await requestPush([{ dataspaceId: ctx.dataspace.id, requestId: request.id }]);
  return viewOf(await ctx.db.issueLink.findFirstOrThrow({ where: { id: link.id }, select: linkSelect }));
}

/**
 * "Link existing issue": the reference ("12", "#12", the issue's URL, "OPS-7") is checked on the
 * platform, and the link starts from the issue as it is there: nothing is pushed or pulled until
 * one side changes. An issue already linked to another request is refused.
 */
export async function linkExistingIssue(ctx: TenantContext, input: { requestId: string; integrationId: string; reference: string }, deps: TrackerDeps = {}): Promise<IssueLinkView> {
  requireRole(ctx.actor, "MEMBER");
  const request = await getRequest(ctx, input.requestId);
  const integration = await pushingIntegration(ctx, input.integrationId);
  const issueId = integration.platform.issueIdOf(input.reference);
  if (!issueId) throw new AppError("BAD_REQUEST", `"${input.reference.slice(0, 100)}" does not name an issue of this integration: give its number ("12", "#12"), its key ("OPS-7" on Jira) or its URL`, { fieldErrors: { reference: ["Not an issue reference"] } });
  const existing = await ctx.db.issueLink.findFirst({ where: { integrationId: integration.id, OR: [{ requestId: request.id }, { externalId: issueId }] }, select: { requestId: true, externalKey: true } });
  if (existing?.requestId === request.id) throw new AppError("CONFLICT", "This request already has an issue through this integration: unlink it first");
  if (existing) throw new AppError("CONFLICT", `${existing.externalKey ?? "That issue"} is already linked to another request`);
  const tracker = await trackerOf(ctx.dataspace.id, integration, deps);
  if ("unavailable" in tracker) throw new AppError("BAD_REQUEST", `Issue sync cannot run: ${tracker.unavailable}`);
  let issue;
  try {
    issue = await tracker.getIssue(issueId);
  } catch (error) {
    if (!isIssueSyncApiError(error)) throw error;
    throw new AppError(error.kind === "not_found" ? "NOT_FOUND" : "BAD_REQUEST", error.message);
  }
  await clearRefusals({ dataspaceId: ctx.dataspace.id, integrationId: integration.id });
  try {
    const row = await ctx.db.issueLink.create({
      data: {
        dataspaceId: ctx.dataspace.id,
        integrationId: integration.id,
        requestId: request.id,
        externalId: issue.id,
        externalKey: issue.key,
        url: issue.url,
        state: "SYNCED",
        lastSyncedAt: new Date(),
        synced: syncedStateOf(issue) as Prisma.InputJsonValue,
      },
      select: linkSelect,
    });
    return viewOf(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "Linked meanwhile by someone else: reload the page");
    throw error;
  }
}

/** "Unlink": the link goes; the issue stays on the platform as it is, and nothing syncs between them any more. */
export async function unlinkIssue(ctx: TenantContext, input: { requestId: string; linkId: string }): Promise<void> {
  requireRole(ctx.actor, "MEMBER");
  const request = await getRequest(ctx, input.requestId);
  const deleted = await ctx.db.issueLink.deleteMany({ where: { id: input.linkId, requestId: request.id } });
  if (deleted.count === 0) throw notFound("Link");
}
