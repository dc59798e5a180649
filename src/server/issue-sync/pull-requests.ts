import type { ScopedTx } from "@/server/db/scoped";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { writeRequestComment } from "@/server/records/requests/add-request-comment";
import { requestInclude } from "@/server/records/requests/serialize-request";
import { writeRequestUpdate } from "@/server/records/requests/update-request";
import type { PullContext } from "./pull";
import type { ExternalPullRequest, PulledChange } from "./tracker";

const REQUEST_URL = /\/requests\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;
const ISSUE_NUMBER = /(?:^|[^\w/])#(\d{1,9})\b/g;
const ISSUE_KEY = /\b([A-Z][A-Z0-9_]{0,20}-\d{1,9})\b/g;

/**
 * The requests a pull request names, in its title, body or branch: a request's URL, or the
 * key of an issue linked to one through this integration ("#12", "OPS-7", as the platform's own
 * closing keywords write them). At most 20.
 */
async function namedRequests(tx: ScopedTx, ctx: PullContext, pr: ExternalPullRequest): Promise<string[]> {
  const text = `${pr.title}\n${pr.body}\n${pr.branch.replace(/[-_/]/g, " ")}`;
  const ids = new Set([...text.matchAll(REQUEST_URL)].map((m) => m[1].toLowerCase()));
  const numbers = [...new Set([...text.matchAll(ISSUE_NUMBER)].map((m) => m[1]))].filter((n) => n !== pr.id);
  const keys = [...new Set([...text.matchAll(ISSUE_KEY)].map((m) => m[1]))];
  const linked = numbers.length + keys.length === 0 ? [] : await tx.issueLink.findMany({
    where: { integrationId: ctx.integrationId, OR: [{ externalId: { in: [...numbers, ...keys] } }, { externalKey: { in: keys } }] },
    select: { requestId: true },
    take: 20,
  });
  const existing = ids.size === 0 ? [] : await tx.request.findMany({ where: { id: { in: [...ids].slice(0, 20) } }, select: { id: true } });
  return [...new Set([...existing.map((r) => r.id), ...linked.map((l) => l.requestId)])].slice(0, 20);
}

const WHAT: Record<ExternalPullRequest["state"], string> = { open: "opened", closed: "closed without merging", merged: "merged" };

/**
 * A pull request naming requests is linked to each ("link tasks to pull requests") and its
 * course — opened, merged, closed, reopened — noted on the request as a comment; with
 * `close_on_merge`, merging closes the request. Each state is noted once per request.
 */
export async function applyPulledPullRequest(tx: ScopedTx, ctx: PullContext, change: Extract<PulledChange, { kind: "pull_request" }>): Promise<string> {
  if (ctx.settings.pullRequests === "ignore") return "pull requests are ignored by this integration";
  const pr = change.pullRequest;
  const requestIds = await namedRequests(tx, ctx, pr);
  if (requestIds.length === 0) return `${pr.key} names no request`;
  const noted: string[] = [];
  for (const requestId of requestIds) {
    await tx.$executeRaw`SELECT 1 FROM "Request" WHERE id = ${requestId}::uuid AND "dataspaceId" = ${ctx.dataspace.id}::uuid FOR UPDATE`;
    const request = await tx.request.findFirst({ where: { id: requestId }, include: requestInclude });
    if (!request) continue;
    const link = await tx.pullRequestLink.findFirst({ where: { integrationId: ctx.integrationId, externalId: pr.id, requestId }, select: { id: true, state: true } });
    const before = link?.state;
    const fields = { state: pr.state, title: jsonbSafeText(pr.title).slice(0, 500), url: pr.url, externalKey: pr.key };
    if (link) await tx.pullRequestLink.update({ where: { id: link.id }, data: fields });
    else await tx.pullRequestLink.create({ data: { dataspaceId: ctx.dataspace.id, integrationId: ctx.integrationId, requestId, externalId: pr.id, ...fields } });
    if (before === pr.state) continue;
    const verb = before === undefined || pr.state !== "open" ? WHAT[pr.state] : "reopened";
    await writeRequestComment(tx, ctx.dataspace, request, {
      userId: null,
      text: jsonbSafeText(`Pull request ${pr.key} ${verb} by ${change.actor}: ${pr.title}\n${pr.url}`).slice(0, 10_000),
      source: ctx.platform,
      externalAuthor: jsonbSafeText(change.actor).slice(0, 200),
      externalUrl: pr.url || null,
    });
    if (pr.state === "merged" && ctx.settings.pullRequests === "close_on_merge" && request.status !== "closed") {
      await writeRequestUpdate(tx, ctx.dataspace, request, { status: "closed" }, null);
    }
    noted.push(request.id);
  }
  return noted.length > 0 ? `${pr.key} ${WHAT[pr.state]}: noted on ${noted.length} request(s)` : `${pr.key}: the requests already show it`;
}
