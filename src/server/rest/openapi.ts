import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { scopeName, type ApiRoute } from "./route";
import { apiRoutes, apiTags } from "./routes";
import { pageOf, problemSchema } from "./schemas";
import { publicBase } from "./respond";

/**
 * The OpenAPI 3.1 document of /api/v1, built from the route table: the same zod schemas the
 * handler parses with and answers by, so the document cannot drift from the behaviour.
 */
export const API_VERSION = "1.0.0";

const header = (description: string, schema: z.ZodType = z.string()) => schema.meta({ description });
const count = () => z.number().int().min(0).meta({ override: ({ jsonSchema }) => void delete jsonSchema.maximum });

const rateLimitHeaders = {
  "RateLimit-Limit": header("Requests this token may make per minute", count()),
  "RateLimit-Remaining": header("Requests left in the current minute", count()),
  "RateLimit-Reset": header("Seconds until the budget refills", count()),
};

const problem = (id: string, description: string, headers?: Record<string, z.ZodType>): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { "application/problem+json": { schema: problemSchema } },
  ...(headers ? { headers: z.object(headers) } : {}),
});

const PROBLEMS: Record<number, ZodOpenApiResponseObject> = {
  400: problem("BadRequest", "Malformed request: the body is not JSON, a cursor or the Idempotency-Key is not valid"),
  401: problem("Unauthorized", "No token, or a token that is unknown, revoked or expired", { "WWW-Authenticate": header("`Bearer`") }),
  403: problem("Forbidden", "The token lacks the scope this operation needs, or its creator's role does not allow it"),
  404: problem("NotFound", "No such object in the token's dataspace (or not visible to the token)"),
  409: problem("Conflict", "A request with the same Idempotency-Key is still being processed, or the change conflicts with the current state"),
  412: problem("PreconditionFailed", "If-Match does not match the object's current ETag: someone changed it since you read it", { ETag: header("The current ETag") }),
  413: problem("PayloadTooLarge", "The body is larger than the server accepts"),
  415: problem("UnsupportedMediaType", "The body is not sent as application/json"),
  422: problem("ValidationError", "Invalid fields or unknown query parameters (listed in `errors`; text may hold no NUL and no lone surrogate), or an Idempotency-Key reused with another body"),
  429: problem("TooManyRequests", "The token's rate limit is spent for this minute", { "Retry-After": header("Seconds to wait", count()), ...rateLimitHeaders }),
};

const requestHeaders: Partial<Record<string, z.ZodObject>> = {
  POST: z.object({ "Idempotency-Key": z.string().max(255).optional().meta({ description: "Makes a retry safe: the same key and body within 24 h return the first response (with `Idempotency-Replayed: true`)" }) }),
  PATCH: z.object({ "If-Match": z.string().optional().meta({ description: "The ETag you read: the change is refused with 412 if the object changed since" }) }),
};
const ifNoneMatch = z.object({ "If-None-Match": z.string().optional().meta({ description: "The ETag you have: 304 without a body if it is still current" }) });

function success(route: ApiRoute): ZodOpenApiResponseObject {
  if (route.kind === "empty") return { description: "Done", headers: z.object(rateLimitHeaders) };
  if (route.kind === "list") {
    return {
      description: "A page of results",
      headers: z.object({ Link: header('`<next page URL>; rel="next"` when there is a next page').optional(), ...rateLimitHeaders }),
      content: { "application/json": { schema: pageOf(route.response) } },
    };
  }
  const created = route.status === 201;
  return {
    description: created ? "Created" : route.status === 202 ? "Accepted: the work goes on in the background" : "The object",
    headers: z.object({
      ETag: header("The object's version, for If-Match and If-None-Match"),
      ...(created ? { Location: header("The new object's URL"), "Idempotency-Replayed": header("`true` when this is the stored answer to an earlier request with the same Idempotency-Key").optional() } : {}),
      ...rateLimitHeaders,
    }),
    content: { "application/json": { schema: route.response } },
  };
}

/**
 * Every problem status an operation can answer: the route's own (what its domain call refuses)
 * plus what the handler (handler.ts) answers for any route of its shape — 401/403/429 always,
 * 422 for an unknown or unsafe query parameter always, 404 for an id that names nothing, 400 for a
 * bad cursor on lists, 400/409/422 around the Idempotency-Key on POST, 400/413/415/422 for bodies.
 */
export function problemStatusesOf(route: ApiRoute): number[] {
  const statuses = new Set([401, 403, 422, 429, ...route.errors]);
  if (route.params) statuses.add(404);
  if (route.query && Object.hasOwn(route.query.shape, "cursor")) statuses.add(400);
  if (route.method === "POST") for (const status of [400, 409, 422]) statuses.add(status);
  if (route.body) for (const status of [400, 413, 415, 422]) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const headers = route.method === "GET" && route.kind === "object" ? ifNoneMatch : requestHeaders[route.method];
  const responses: ZodOpenApiOperationObject["responses"] = { [String(route.status ?? (route.kind === "empty" ? 204 : 200))]: success(route) };
  if (route.alsoAnswers200) responses["200"] = { ...success({ ...route, status: 200 }), description: route.alsoAnswers200 };
  if (route.method === "GET" && route.kind === "object") responses["304"] = { description: "Not modified: the ETag in If-None-Match is current" };
  for (const status of problemStatusesOf(route)) responses[String(status) as "400"] = PROBLEMS[status];
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: `${route.description ? `${route.description}\n\n` : ""}Scope: \`${scopeName(route)}\` (or \`${route.scope.level}\`).`,
    "x-required-scope": scopeName(route),
    requestParams: Object.fromEntries(Object.entries({ path: route.params, query: route.query, header: headers }).filter(([, schema]) => schema)),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(baseUrl: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of apiRoutes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as "get"] = operation(route);
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Switchboard REST API",
      version: API_VERSION,
      description:
        "The token decides the dataspace, so paths never name it. Lists are cursor-paginated (`limit`, `cursor`, follow `next`); errors are RFC 9457 problem details; every response carries `RateLimit-*` headers. The guide is docs/api.md.",
    },
    servers: [{ url: `${baseUrl}/api/v1`, description: "This Switchboard" }],
    tags: apiTags,
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "sb_…", description: "An API token made in the dashboard (API tokens page of the dataspace)" },
      },
    },
    paths,
  });
}

// The document only changes with the code and the public URL; build it once per URL (a few:
// without AUTH_URL the URL follows the Host header, which clients choose).
const built = new Map<string, string>();

export function openApiJson(url: URL): string {
  const base = publicBase(url);
  let json = built.get(base);
  if (!json) {
    json = JSON.stringify(buildOpenApiDocument(base));
    if (built.size >= 8) built.clear();
    built.set(base, json);
  }
  return json;
}
