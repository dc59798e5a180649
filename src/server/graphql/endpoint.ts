import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { env } from "@/env";
import { readApiBody, takeTokenSlot } from "@/server/rest/invoke";
import { problemFrom } from "@/server/rest/problem";
import type { GraphqlContext } from "./context";
import { graphqlErrorOf } from "./errors";
import { limitPlugins } from "./limits";
import { principalOf } from "./principal";
import { graphqlSchema, graphqlSdl } from "./schema";

export const GRAPHQL_PATH = "/api/graphql";

let yoga: YogaServerInstance<GraphqlContext, object> | undefined;

export function graphqlYoga() {
  const settings = env();
  return (yoga ??= createYoga<GraphqlContext>({
    schema: graphqlSchema(),
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: false,
    landingPage: false,
    // Same-origin dashboard and server-side clients only: no CORS (which also keeps the session's CSRF guard, principal.ts).
    cors: false,
    logging: false,
    // GraphQLErrors (the domain's refusals, mapped in errors.ts) pass; anything else is masked.
    maskedErrors: true,
    batching: { limit: settings.GRAPHQL_MAX_BATCH },
    // The body is read and size-checked before Yoga (handleGraphqlRequest): Yoga's own limit
    // pipes every POST through a web TransformStream, which costs tail latency under load.
    maxRequestBodySize: false,
    plugins: limitPlugins({ introspection: settings.GRAPHQL_INTROSPECTION }),
  }));
}

const json = (status: number, message: string, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

/**
 * `/api/graphql` (GET and POST, batched POSTs too) and `/api/graphql/schema.graphql`. The token
 * (the same API tokens as REST, same scopes) or the dashboard session (`sessionUserId`, given by
 * the App Router route, which can read it; principal.ts) is checked and a slot of its per-minute
 * budget taken (shared with REST) before Yoga parses anything.
 */
export async function handleGraphqlRequest(request: Request, options: { sessionUserId?: () => Promise<string | null> } = {}): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === `${GRAPHQL_PATH}/schema.graphql`) {
    if (request.method !== "GET" && request.method !== "HEAD") return json(405, "Use GET", "METHOD_NOT_ALLOWED", { allow: "GET" });
    return new Response(graphqlSdl(), { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" } });
  }
  if (url.pathname !== GRAPHQL_PATH) return json(404, `There is no ${url.pathname}; the GraphQL API is ${GRAPHQL_PATH}`, "NOT_FOUND");
  let limits: Record<string, string>;
  let principal;
  let operation = request;
  try {
    principal = await principalOf(request, options.sessionUserId);
    limits = await takeTokenSlot(principal.tokenId);
    if (request.method === "POST") {
      const body = await readApiBody(request);
      operation = new Request(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body), signal: request.signal });
    }
  } catch (error) {
    // Refused before Yoga (token, session, rate limit, body size): the REST API's problem, as a GraphQL error.
    const problem = problemFrom(error);
    return json(problem.status, problem.detail, String(graphqlErrorOf(problem).extensions.code), problem.options.headers);
  }
  const response = await graphqlYoga().handleRequest(operation, { principal });
  // A platform Response (Yoga answers with its own ponyfill), with the rate-limit headers. A
  // stream (subscriptions over SSE) stays a stream; an answer is taken whole, which spares the
  // bridging of two stream implementations on every query.
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(limits)) headers.set(name, value);
  const streamed = headers.get("content-type")?.startsWith("text/event-stream") || headers.get("content-type")?.startsWith("multipart/mixed");
  const body = streamed ? (response.body as ReadableStream | null) : await response.text();
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
