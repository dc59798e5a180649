import createClient from "openapi-fetch";
import type { paths } from "./openapi";

/**
 * A client of the REST API written only against the types openapi-typescript generates from
 * /api/v1/openapi.json (./openapi.ts). It type-checks in the build and in
 * test/rest/openapi.test.ts, which also runs it against a real server: if the document drifts
 * from the handlers, one of the two breaks.
 */
type RequestPage = paths["/requests"]["get"]["responses"][200]["content"]["application/json"];

export async function requestLifecycle(baseUrl: string, token: string, assignee: string) {
  const headers = { authorization: `Bearer ${token}` };
  const api = createClient<paths>({ baseUrl: `${baseUrl}/api/v1`, headers });

  const created = await api.POST("/requests", {
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: { title: "Typed client request", priority: "high", assignee, serialized_data: { Source: "typed client" } },
  });
  if (!created.data) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
  const uuid = created.data.uuid;
  const etag = created.response.headers.get("etag") ?? "";

  const updated = await api.PATCH("/requests/{uuid}", {
    params: { path: { uuid }, header: { "If-Match": etag } },
    body: { status: "in_progress", notes: "Picked up" },
  });
  if (!updated.data) throw new Error(`update failed: ${JSON.stringify(updated.error)}`);

  // The ETag read before the update is stale now: the same write is refused.
  const stale = await api.PATCH("/requests/{uuid}", { params: { path: { uuid }, header: { "If-Match": etag } }, body: { title: "Lost update" } });

  const comment = await api.POST("/requests/{uuid}/comments", { params: { path: { uuid } }, body: { text: "Working on it" } });
  if (!comment.data) throw new Error(`comment failed: ${JSON.stringify(comment.error)}`);

  // Find it in the list by following `next` links, two at a time.
  const first = await api.GET("/requests", { params: { query: { limit: 2, ordering: "created_date" } } });
  if (!first.data) throw new Error(`list failed: ${JSON.stringify(first.error)}`);
  let page: RequestPage = first.data;
  let pages = 1;
  let found = page.results.find((request) => request.uuid === uuid);
  while (!found && page.next) {
    const response = await fetch(page.next, { headers });
    page = (await response.json()) as RequestPage;
    pages++;
    found = page.results.find((request) => request.uuid === uuid);
  }

  const closed = await api.PATCH("/requests/{uuid}", { params: { path: { uuid } }, body: { status: "closed" } });
  if (!closed.data) throw new Error(`close failed: ${JSON.stringify(closed.error)}`);
  const final = await api.GET("/requests/{uuid}", { params: { path: { uuid } } });

  const anonymous = await createClient<paths>({ baseUrl: `${baseUrl}/api/v1` }).GET("/requests/{uuid}", { params: { path: { uuid } } });

  return {
    created: created.data,
    updated: updated.data,
    stale: { status: stale.response.status, problem: stale.error },
    comment: comment.data,
    found: found ?? null,
    pages,
    final: final.data,
    anonymous: { status: anonymous.response.status, problem: anonymous.error },
  };
}
