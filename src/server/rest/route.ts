import type { z } from "zod";
import type { ApiPrincipal } from "@/server/api-tokens/authenticate-api-token";
import type { ApiLevel, ApiResource } from "@/server/api-tokens/scopes";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import type { Page } from "@/server/pagination/cursor";

/**
 * One REST route, declared once: the handler (src/server/rest/handler.ts) serves it from this and
 * the OpenAPI document (openapi.ts) describes it from this, so the two cannot drift.
 *
 * `kind` says what the route answers with:
 * - "object": one `response` object, with an ETag; a GET answers `If-None-Match` with 304, and a
 *   change can check `If-Match` through `ctx.ifMatch` before it writes.
 * - "list": a page of `response` objects, returned by the handler as `{ items, nextCursor }` and
 *   sent as `{ results, next }` with a `Link: <…>; rel="next"` header; its query takes `limit`
 *   and `cursor` (see `pageQuery` in schemas.ts).
 * - "empty": 204, no body.
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type RouteKind = "object" | "list" | "empty";
export type ZodObjectSchema = z.ZodObject<z.ZodRawShape>;

export type HandlerContext<P, Q, B> = {
  /** The token's dataspace and creator, acting with a role the token's scope for this resource allows. */
  tenant: TenantContext;
  principal: ApiPrincipal;
  params: P;
  query: Q;
  body: B;
  /**
   * Checks the request's `If-Match` against the object as it is now (as a GET would show it):
   * throws 412 on a mismatch, does nothing without the header. Call it where the domain function
   * has the current row, inside its transaction.
   */
  ifMatch: (current: unknown) => void;
  /**
   * For a route declared with `alsoAnswers200`: answer 200 instead of its `status` (201), when the
   * operation found what it would have created (a raise that counted on an open alert).
   */
  setStatus: (status: 200 | 201) => void;
};

type Output<K extends RouteKind, R extends z.ZodType> = K extends "list" ? Page<z.input<R>> : K extends "object" ? z.input<R> : void;

export type RouteDefinition<
  K extends RouteKind,
  P extends ZodObjectSchema | undefined,
  Q extends ZodObjectSchema | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> = {
  method: HttpMethod;
  /** Under /api/v1, OpenAPI style: `/requests/{uuid}`. */
  path: `/${string}`;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  scope: { resource: ApiResource; level: ApiLevel };
  kind: K;
  /**
   * 200 unless said; 201 for creations (with a Location header: the object's api_url); 202 for
   * work the runtime carries out afterwards (the answer says where to follow it).
   */
  status?: 200 | 201 | 202;
  /**
   * A creation (`status: 201`) that may instead find its object already there and answer 200
   * (the handler says so through `setStatus`); the document lists both answers. Its description
   * says when.
   */
  alsoAnswers200?: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Domain field names → the API's, for field errors the domain raises (`assigneeId` → `assignee`). */
  fieldNames?: Record<string, string>;
  /** The 4xx statuses this route can answer with beyond the ones every route has (401, 403, 429). */
  errors: number[];
  handle: (
    ctx: HandlerContext<
      P extends ZodObjectSchema ? z.output<P> : Record<string, never>,
      Q extends ZodObjectSchema ? z.output<Q> : Record<string, never>,
      B extends z.ZodType ? z.output<B> : undefined
    >,
  ) => Promise<Output<K, R>>;
};

/** A route with its types erased, as the route table holds it. */
export type ApiRoute = RouteDefinition<RouteKind, ZodObjectSchema | undefined, ZodObjectSchema | undefined, z.ZodType | undefined, z.ZodType>;

/** Declares a route with its handler typed from its schemas. */
export function defineRoute<
  K extends RouteKind,
  R extends z.ZodType,
  P extends ZodObjectSchema | undefined = undefined,
  Q extends ZodObjectSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(route: RouteDefinition<K, P, Q, B, R>): ApiRoute {
  return route as unknown as ApiRoute;
}

export const scopeName = (route: Pick<ApiRoute, "scope">) => `${route.scope.resource}:${route.scope.level}`;
