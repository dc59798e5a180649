import { scopedDb } from "@/server/db/scoped";
import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { requestInclude, requestUrls, serializeRequest, type RequestWithRelations } from "@/server/records/requests/serialize-request";
import type { SyncedRequest } from "./render";

/** The dataspace's names, for the request's payload and link back. */
export async function dataspaceOf(tdb: TenantDb, dataspaceId: string) {
  return (await tdb.dataspace.findFirstOrThrow({ where: { id: dataspaceId }, select: { id: true, slug: true, name: true } }));
}

/** A request as the sync reads it (no actor: the sync sees every request of its dataspace), or null when gone. */
export async function loadRequest(dataspaceId: string, requestId: string, tdb: TenantDb = scopedDb(dataspaceId)): Promise<RequestWithRelations | null> {
  return tdb.request.findFirst({ where: { id: requestId }, include: requestInclude });
}

export function syncedRequestOf(request: RequestWithRelations, dataspace: { slug: string }): SyncedRequest {
  return {
    id: request.id,
    title: request.title,
    notes: request.notes,
    status: request.status,
    priority: request.priority,
    url: requestUrls(dataspace.slug, request.id).absolute_url,
  };
}

/** The request as filters see it: its webhook payload (`data.title`, `data.priority`, …). */
export function filterDataOf(request: RequestWithRelations, dataspace: { slug: string; name: string }) {
  return serializeRequest(request, dataspace);
}
