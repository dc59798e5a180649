import type { GraphQLInputType } from "graphql";
import { actingFor, parseBodyValue, parseParams, parseQueryValues, requireScope, runRoute } from "@/server/rest/invoke";
import type { ApiRoute } from "@/server/rest/route";
import type { Page } from "@/server/pagination/cursor";
import type { GraphqlContext } from "./context";
import { graphqlErrorOf } from "./errors";
import { toJsonValue } from "./json-schema-types";

export type RouteArgs = {
  values: Record<string, unknown>;
  /** Which arguments are path parameters, and the query parameter each other one is. */
  names: { path: string[]; query: Map<string, string> };
  /** The type of `input` (the body), to turn renamed fields back into the body's keys. */
  inputType?: GraphQLInputType;
};

/**
 * One Query or Mutation field: the REST route's call, made as the REST handler makes it
 * (src/server/rest/invoke.ts): scope, path parameters, query parameters as a query string would
 * carry them, the body, the role the token acts with, the route's one domain call.
 */
export async function callRoute(route: ApiRoute, ctx: GraphqlContext, args: RouteArgs): Promise<unknown> {
  try {
    requireScope(ctx.principal, route);
    const path = Object.fromEntries(args.names.path.map((name) => [name, String(args.values[name])]));
    const params = parseParams(route, path, `${route.operationId}(${Object.values(path).join(", ")})`);
    const queryValues: Record<string, unknown> = {};
    for (const [arg, parameter] of args.names.query) {
      const value = args.values[arg];
      if (value === undefined || value === null) continue;
      queryValues[parameter] = Array.isArray(value) ? value.map(String) : String(value);
    }
    const query = parseQueryValues(route, queryValues);
    const body = route.body ? parseBodyValue(route, args.inputType ? toJsonValue(args.values.input, args.inputType) : args.values.input) : undefined;
    const tenant = actingFor(ctx.principal, route.scope.resource);
    const output = await runRoute(route, { tenant, principal: ctx.principal, params, query, body, ifMatch: () => undefined, setStatus: () => undefined });
    if (route.kind === "empty") return true;
    if (route.kind === "list") {
      const page = output as Page<unknown>;
      return { nodes: page.items, pageInfo: { hasNextPage: page.nextCursor !== null && page.nextCursor !== undefined, endCursor: page.nextCursor ?? null } };
    }
    return output;
  } catch (error) {
    throw graphqlErrorOf(error, route.fieldNames);
  }
}
