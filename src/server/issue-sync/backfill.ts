import { scopedDb } from "@/server/db/scoped";
import { requestInclude } from "@/server/records/requests/serialize-request";
import type { StepRunner } from "@/server/runtime/step-runner";
import { filterMatches } from "@/server/webhooks/rules/filter";
import { dataspaceOf, filterDataOf } from "./request-snapshot";
import { requestPush, type BackfillRequested } from "./requests";
import { syncIntegration } from "./targets";

/** More than this is more than a bulk sync should take on in one go: the rest waits for the next. */
const MOST_REQUESTS = 10_000;
const PAGE = 500;
const PUSHES_PER_STEP = 200;

/**
 * "Sync existing requests" of one integration: the requests it syncs — linked ones, and with
 * `requests: "all"` every non-private request passing its filter — each handed to the push
 * function (one run per request, as for its own changes: same steps, same idempotent create).
 * Progress is read from the links as the pushes land (manage-sync.ts).
 */
export async function runBackfill(input: BackfillRequested, steps: StepRunner): Promise<{ total: number }> {
  const ids = await steps("list", () => requestsToSync(input));
  for (let i = 0; i < ids.length; i += PUSHES_PER_STEP) {
    const chunk = ids.slice(i, i + PUSHES_PER_STEP);
    await steps(`push:${i / PUSHES_PER_STEP}`, () => requestPush(chunk.map((requestId) => ({ dataspaceId: input.dataspaceId, requestId }))));
  }
  return { total: ids.length };
}

async function requestsToSync(input: BackfillRequested): Promise<string[]> {
  const tdb = scopedDb(input.dataspaceId);
  const integration = await syncIntegration(tdb, input.integrationId);
  const progress = (total: number) =>
    tdb.$executeRaw`UPDATE "Integration" SET "issueSyncBackfill" = jsonb_set("issueSyncBackfill", '{total}', to_jsonb(${total}::int))
      WHERE id = ${input.integrationId}::uuid AND "dataspaceId" = ${input.dataspaceId}::uuid AND "issueSyncBackfill"->>'startedAt' = ${input.startedAt}`;
  if (!integration || integration.paused || integration.settings.direction === "pull") {
    await progress(0);
    return [];
  }
  const linked = await tdb.issueLink.findMany({ where: { integrationId: integration.id }, select: { requestId: true }, take: MOST_REQUESTS });
  const ids = new Set(linked.map((l) => l.requestId));
  if (integration.settings.requests === "all") {
    const dataspace = await dataspaceOf(tdb, input.dataspaceId);
    let cursor: string | undefined;
    while (ids.size < MOST_REQUESTS) {
      const page = await tdb.request.findMany({
        where: { isPrivate: false },
        include: requestInclude,
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const request of page) {
        const event = { id: request.id, type: "request.added", timestamp: request.createdAt.toISOString() };
        if (!integration.settings.filter || filterMatches(integration.settings.filter, { event, data: filterDataOf(request, dataspace) })) ids.add(request.id);
      }
      if (page.length < PAGE) break;
      cursor = page.at(-1)!.id;
    }
  }
  const list = [...ids].slice(0, MOST_REQUESTS);
  await progress(list.length);
  return list;
}
