import { handleGraphqlRequest } from "@/server/graphql/endpoint";

/** Helpers for GraphQL tests: the /api/graphql handler in-process, a Web Request in, the Response out (as server.ts hands it over). */
export type GraphqlAnswer = { status: number; headers: Headers; body: any; text: string };

export async function postGraphql(token: string | null, payload: unknown, headers: Record<string, string> = {}): Promise<GraphqlAnswer> {
  const response = await handleGraphqlRequest(
    new Request("http://api.test/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof payload === "string" ? payload : JSON.stringify(payload),
    }),
  );
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export const graphqlAs = (token: string) => (query: string, variables?: Record<string, unknown>) => postGraphql(token, { query, variables });
