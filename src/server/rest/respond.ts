import { appUrl, env } from "@/env";
import type { Page } from "@/server/pagination/cursor";
import { etagOf, noneMatchHit } from "./etag";
import type { StoredResponse } from "./idempotency";
import type { ApiRoute } from "./route";

/**
 * Turns a handler's output into the response its route's kind promises (route.ts): a page with
 * `next` links, an object with its ETag (and Location when created), or 204.
 */

/** Where links point: the configured public URL, else the origin the request came in on. */
export function publicBase(url: URL): string {
  return env().AUTH_URL ? appUrl() : url.origin;
}

export function shapeOutput(route: ApiRoute, output: unknown, url: URL, statusOverride?: 200 | 201): StoredResponse {
  if (route.kind === "empty") return { status: 204, body: null, headers: {} };
  if (route.kind === "list") {
    const page = output as Page<unknown>;
    let next: string | null = null;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (page.nextCursor) {
      const nextUrl = new URL(`${publicBase(url)}${url.pathname}${url.search}`);
      nextUrl.searchParams.set("cursor", page.nextCursor);
      next = nextUrl.toString();
      headers.link = `<${next}>; rel="next"`;
    }
    return { status: 200, body: { results: page.items, next }, headers };
  }
  const headers: Record<string, string> = { "content-type": "application/json", etag: etagOf(output) };
  const status = statusOverride ?? route.status ?? 200;
  const apiUrl = (output as { api_url?: unknown }).api_url;
  if (status === 201 && typeof apiUrl === "string") headers.location = `${publicBase(url)}${apiUrl}`;
  return { status, body: output, headers };
}

/** The final Response; a GET whose `If-None-Match` names the current ETag gets 304 without a body. */
export function toResponse(request: Request, result: StoredResponse, extra: Headers): Response {
  const headers = new Headers(extra);
  for (const [name, value] of Object.entries(result.headers)) headers.set(name, value);
  headers.set("cache-control", request.method === "GET" ? "private, no-cache" : "no-store");
  const etag = headers.get("etag");
  if (request.method === "GET" && etag && noneMatchHit(request.headers.get("if-none-match"), etag)) {
    headers.delete("content-type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(result.status === 204 ? null : JSON.stringify(result.body), { status: result.status, headers });
}
