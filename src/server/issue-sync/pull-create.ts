import type { Prisma } from "@/generated/prisma/client";
import type { ScopedTx } from "@/server/db/scoped";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { writeNewRequest } from "@/server/records/requests/create-request";
import type { PullContext } from "./pull";
import { notesOf, priorityFromLabels, syncedStateOf } from "./render";
import { REQUEST_MARKER_PREFIX, type ExternalIssue } from "./tracker";

/**
 * `createFromLabel`: a new platform issue with the chosen label becomes a request, linked to it.
 * Its requester is the member who set up the integration (else the dataspace's first owner): a
 * request needs one, and the platform's author is named in the notes. An issue the sync itself
 * made (its body carries a request's marker) is never taken in again.
 */
export async function createRequestFromIssue(tx: ScopedTx, ctx: PullContext, issue: ExternalIssue): Promise<string> {
  if (issue.body.includes(REQUEST_MARKER_PREFIX)) return `${issue.key} was made by the sync: not taken in again`;
  const integration = await tx.integration.findFirst({ where: { id: ctx.integrationId }, select: { createdById: true } });
  const requesterId =
    (integration?.createdById && (await tx.membership.findFirst({ where: { userId: integration.createdById }, select: { userId: true } }))?.userId) ||
    (await tx.membership.findFirst({ where: { role: "OWNER" }, orderBy: { createdAt: "asc" }, select: { userId: true } }))?.userId;
  if (!requesterId) return `${issue.key}: no member to be its requester`;
  const title = jsonbSafeText(issue.title.trim()).slice(0, 300) || issue.key;
  const notes = jsonbSafeText(`${notesOf(issue.body)}\n\nFrom ${issue.key}: ${issue.url}`.trim()).slice(0, 100_000);
  const request = await writeNewRequest(
    tx,
    ctx.dataspace,
    { title, notes, requesterId, status: issue.state === "closed" ? "closed" : "open", priority: priorityFromLabels(issue.labels, ctx.settings) ?? "normal" },
    null,
  );
  await tx.issueLink.create({
    data: {
      dataspaceId: ctx.dataspace.id,
      integrationId: ctx.integrationId,
      requestId: request.id,
      externalId: issue.id,
      externalKey: issue.key,
      url: issue.url,
      state: "SYNCED",
      lastSyncedAt: new Date(),
      synced: syncedStateOf(issue) as Prisma.InputJsonValue,
    },
  });
  return `${issue.key} created request ${request.id}`;
}
