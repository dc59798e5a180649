import { env } from "@/env";
import type { Role } from "@/generated/prisma/enums";
import { readLimitedBody } from "@/server/inbound/read-body";
import { authenticateApiToken, type ApiPrincipal } from "@/server/api-tokens/authenticate-api-token";
import { API_LEVELS, hasScope, type ApiLevel, type ApiResource } from "@/server/api-tokens/scopes";
import { roleAtLeast } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { findUnsafeText } from "@/server/validation/text";
import { ApiProblem, fieldErrorsOf } from "./problem";
import { rateLimitHeaders, takeApiSlot } from "./rate-limit";
import { scopeName, type ApiRoute, type HandlerContext } from "./route";

/**
 * What every surface that calls a route of the table does around its one domain call (the REST
 * handler, the GraphQL API): the token's scope, the route's parameter, query and body schemas,
 * and the role the token acts with. One copy of each rule, whatever the wire format.
 */
/** A request's body, at most API_MAX_BODY_BYTES (413 above). */
export async function readApiBody(request: Request): Promise<Buffer> {
  const limit = env().API_MAX_BODY_BYTES;
  const bytes = await readLimitedBody(request, limit);
  if (!bytes) throw new ApiProblem("payload-too-large", `The body is larger than ${limit} bytes`);
  return bytes;
}

/** The principal of an `Authorization: Bearer sb_…` header; a 401 saying what is wrong otherwise. */
export async function authenticateBearer(authorization: string | null): Promise<ApiPrincipal> {
  if (!authorization || !/^Bearer\s+\S+$/i.test(authorization.trim())) {
    throw new ApiProblem("unauthenticated", "Send an API token: Authorization: Bearer sb_…", { headers: { "www-authenticate": 'Bearer realm="Switchboard API"' } });
  }
  const principal = await authenticateApiToken(authorization);
  if (!principal) {
    throw new ApiProblem("unauthenticated", "This API token is not valid: unknown, revoked or expired, or its creator left the dataspace", {
      headers: { "www-authenticate": 'Bearer realm="Switchboard API", error="invalid_token"' },
    });
  }
  return principal;
}

/**
 * One request of the token's per-minute budget (shared by REST, GraphQL and its WebSocket): the
 * RateLimit-* headers to answer with, or a 429 carrying them and Retry-After.
 */
export async function takeTokenSlot(tokenId: string): Promise<Record<string, string>> {
  const slot = await takeApiSlot(tokenId);
  const headers = rateLimitHeaders(slot);
  if (slot.allowed) return headers;
  throw new ApiProblem("rate-limited", `This token made more than ${slot.limit} requests this minute; retry in ${slot.resetSeconds} s`, {
    headers: { ...headers, "retry-after": String(slot.resetSeconds) },
  });
}

export function requireScope(principal: ApiPrincipal, route: ApiRoute): void {
  if (hasScope(principal.scopes, route.scope.resource, route.scope.level)) return;
  throw new ApiProblem(
    "missing-scope",
    `${route.method} ${route.path} needs the scope ${scopeName(route)} (or ${route.scope.level} on every resource); this token has ${principal.scopes.join(", ")}`,
  );
}

/** Path parameters; an id that cannot exist is an unknown object, not a malformed request. */
export function parseParams(route: ApiRoute, raw: Record<string, string>, what: string): Record<string, unknown> {
  if (!route.params) return {};
  const params = route.params.safeParse(raw);
  if (!params.success) throw new ApiProblem("not-found", `No such object: ${what}`);
  return params.data;
}

/** Query values as a query string carries them (strings, or lists of strings for list parameters). */
export function parseQueryValues(route: ApiRoute, values: Record<string, unknown>): Record<string, unknown> {
  refuseUnsafeText(values, "Some query parameters are invalid");
  if (!route.query) return {};
  const parsed = route.query.safeParse(values);
  if (!parsed.success) throw new ApiProblem("validation-error", "Some query parameters are invalid", { errors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** A decoded body, checked against the route's schema. */
export function parseBodyValue(route: ApiRoute, raw: unknown): unknown {
  if (!route.body) return undefined;
  refuseUnsafeText(raw, "Some fields are invalid");
  const parsed = route.body.safeParse(raw);
  if (!parsed.success) throw new ApiProblem("validation-error", "Some fields are invalid", { errors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** The one text rule (src/server/validation/text.ts), as a 422 naming each field. */
function refuseUnsafeText(value: unknown, detail: string): void {
  const errors = findUnsafeText(value);
  if (errors.length) throw new ApiProblem("validation-error", detail, { errors });
}

const ROLE_OF_LEVEL: Record<ApiLevel, Role> = { read: "VIEWER", write: "MEMBER", admin: "ADMIN" };

/**
 * The token acts with the role its scope on this route's resource allows (never above its
 * creator's): a token with `requests:read` and `webhooks:admin` reads requests as a viewer, so
 * it does not see the private requests an admin would.
 */
export function actingFor(principal: ApiPrincipal, resource: ApiResource): TenantContext {
  const level = [...API_LEVELS].reverse().find((l) => hasScope(principal.scopes, resource, l));
  const actor = principal.tenant.actor;
  const cap = level ? ROLE_OF_LEVEL[level] : "VIEWER";
  const role = roleAtLeast(actor.role, cap) ? cap : actor.role;
  return { ...principal.tenant, actor: { ...actor, role } };
}

// Answers are checked against their declared schema outside production: a handler that drifts
// from the OpenAPI document (and the GraphQL schema made from it) fails its tests instead.
const CHECK_RESPONSES = process.env.NODE_ENV !== "production";

/** The route's domain call, its answer checked against the route's response schema in tests. */
export async function runRoute(route: ApiRoute, ctx: HandlerContext<any, any, any>): Promise<unknown> {
  const output = await route.handle(ctx as never);
  if (CHECK_RESPONSES) checkResponse(route, output);
  return output;
}

function checkResponse(route: ApiRoute, output: unknown): void {
  const items = route.kind === "list" ? (output as { items: unknown[] }).items : route.kind === "object" ? [output] : [];
  for (const item of items) {
    const checked = route.response.safeParse(item);
    if (!checked.success) throw new Error(`${route.operationId} answered outside its schema: ${checked.error.message}`);
  }
}
