import { isJsonContentType } from "@/server/inbound/read-body";
import { assertIfMatch, etagOf } from "./etag";
import { withCommitHook, type CommitHook } from "@/server/events/transaction-with-events";
import { checkIdempotencyKey, completeIdempotencyKey, recordCommit, releaseIdempotencyKey, requestFingerprint, reserveIdempotencyKey, type StoredResponse } from "./idempotency";
import { compileRoutes, readQuery } from "./match";
import { openApiJson } from "./openapi";
import { actingFor, authenticateBearer, parseBodyValue, readApiBody, parseParams, parseQueryValues, requireScope, runRoute, takeTokenSlot } from "./invoke";
import { ApiProblem, problemFrom, problemResponse } from "./problem";
import { shapeOutput, toResponse } from "./respond";
import type { ApiRoute } from "./route";
import { apiRoutes } from "./routes";

export const API_PREFIX = "/api/v1";
const match = compileRoutes(apiRoutes);

/**
 * `/api/v1/*`, the public REST API, as a Web-standard handler (server.ts serves it before Next's
 * router; the App Router route exports it too). In order: route, token, rate limit, scope, input
 * (params, query, body), idempotency, the route's one domain call, output. Every refusal is a
 * problem+json response; nothing unexpected leaks beyond a bare 500.
 */
export async function handleApiRequest(request: Request): Promise<Response> {
  const headers = new Headers();
  try {
    return await serve(request, headers);
  } catch (error) {
    return problemResponse(problemFrom(error), headers);
  }
}

async function serve(request: Request, headers: Headers): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : "";
  if (path === "/openapi.json") {
    if (request.method !== "GET") throw new ApiProblem("method-not-allowed", `${request.method} is not allowed here; use GET`, { headers: { allow: "GET" } });
    return new Response(openApiJson(url), { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
  }
  const found = match(request.method, path);
  if (!found) throw new ApiProblem("not-found", `There is no ${request.method} ${url.pathname}; the API's endpoints are listed in ${API_PREFIX}/openapi.json`);
  if ("allowed" in found) {
    const allow = found.allowed.join(", ");
    throw new ApiProblem("method-not-allowed", `${request.method} is not allowed on ${url.pathname}; it allows ${allow}`, { headers: { allow } });
  }
  const { route } = found;

  const principal = await authenticateBearer(request.headers.get("authorization"));
  // Refused, the 429 carries the RateLimit-* headers itself (problemResponse).
  for (const [name, value] of Object.entries(await takeTokenSlot(principal.tokenId))) headers.set(name, value);
  requireScope(principal, route);

  const params = parseParams(route, found.params, url.pathname);
  const query = parseQuery(route, url);
  const { body, raw } = await parseBody(route, request);

  const tenant = actingFor(principal, route.scope.resource);
  const key = route.method === "POST" ? request.headers.get("idempotency-key") : null;
  let reservation: string | undefined;
  let commitHook: CommitHook | undefined;
  if (key !== null) {
    checkIdempotencyKey(key);
    const reserved = await reserveIdempotencyKey(tenant, { tokenId: principal.tokenId, key, method: route.method, path: url.pathname, requestHash: requestFingerprint(raw) });
    if (reserved.kind === "replay") {
      headers.set("idempotency-replayed", "true");
      return toResponse(request, reserved.response, headers);
    }
    reservation = reserved.id;
    const id = reserved.id;
    // The operation's transaction notes its result on the reservation (see idempotency.ts); after
    // a crash, the retry's operation returns that result instead of running again.
    commitHook = reserved.kind === "committed" ? { kind: "replay", result: reserved.result } : { kind: "record", record: (tx, value) => recordCommit(tx, id, value) };
    if (reserved.kind === "committed") headers.set("idempotency-replayed", "true");
  }

  let result: StoredResponse;
  try {
    const ifMatch = request.headers.get("if-match");
    let status: 200 | 201 | undefined;
    const setStatus = (value: 200 | 201) => {
      if (!route.alsoAnswers200) throw new Error(`${route.operationId} sets its status but does not declare alsoAnswers200`);
      status = value;
    };
    const run = () => runRoute(route, { tenant, principal, params, query, body, ifMatch: (current) => assertIfMatch(ifMatch, etagOf(current)), setStatus });
    const output = commitHook ? await withCommitHook(commitHook, run) : await run();
    result = shapeOutput(route, output, url, status);
  } catch (error) {
    const problem = problemFrom(error, route.fieldNames);
    // A rebuilt answer that fails is not stored: the next retry rebuilds it again.
    if (commitHook?.kind === "replay") throw problem;
    if (reservation === undefined || problem.status >= 500) {
      if (reservation !== undefined) await releaseIdempotencyKey(tenant, reservation).catch(() => undefined);
      throw problem;
    }
    result = { status: problem.status, body: problem.body, headers: { "content-type": "application/problem+json", ...problem.options.headers } };
  }
  if (reservation !== undefined) {
    // The operation is done: failing to remember its answer must not turn it into an error.
    await completeIdempotencyKey(tenant, reservation, result).catch((error: unknown) => console.error("[api] could not store an idempotent answer", error));
  }
  return toResponse(request, result, headers);
}

function parseQuery(route: ApiRoute, url: URL): Record<string, unknown> {
  const { values, unknown } = readQuery(url.searchParams, route.query);
  if (unknown.length) {
    const known = Object.keys(route.query?.shape ?? {});
    throw new ApiProblem("validation-error", "Unknown query parameters", {
      errors: unknown.map((field) => ({ field, message: known.length ? `Unknown parameter; this endpoint takes ${known.join(", ")}` : "This endpoint takes no query parameters" })),
    });
  }
  return parseQueryValues(route, values);
}

async function parseBody(route: ApiRoute, request: Request): Promise<{ body: unknown; raw: unknown }> {
  if (!route.body) {
    await request.body?.cancel().catch(() => undefined);
    return { body: undefined, raw: undefined };
  }
  const contentType = request.headers.get("content-type");
  if (!isJsonContentType(contentType)) {
    throw new ApiProblem("unsupported-media-type", `Send the body as JSON with Content-Type: application/json (got ${contentType ? JSON.stringify(contentType) : "none"})`);
  }
  const bytes = await readApiBody(request);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ApiProblem("bad-request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  return { body: parseBodyValue(route, raw), raw };
}
