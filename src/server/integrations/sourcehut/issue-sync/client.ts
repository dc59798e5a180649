import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import { graphqlErrorsOf, sourcehutGraphqlError, sourcehutHttpError, sourcehutTransportError, type CallContext, type GraphqlError } from "./errors";
import type { Operation } from "./operations";

/**
 * A small client for todo.sr.ht's GraphQL API: one POST to `<todoUrl>/query` per operation, with
 * the personal access token as `Authorization: Bearer`, over the guarded transport by default.
 * There is no official JavaScript client, and the documents are fixed strings (./operations.ts)
 * validated against the vendored schema, so a client library would add nothing. It never retries:
 * the runtime does, from the verdict in ./errors.ts.
 */
export type TodoClient = {
  /** The answer's data; any GraphQL error, or no data, is thrown as the sync's verdict. */
  run<T>(operation: Operation, variables: Record<string, unknown>, what: string): Promise<T>;
  /** Data and errors both (a read whose parts may be refused, e.g. for a grant the token lacks); HTTP failures are thrown. */
  runPartial<T>(operation: Operation, variables: Record<string, unknown>, what: string): Promise<{ data: T | null; errors: GraphqlError[] }>;
};

export function todoClient(options: { todoUrl: string; token: string; fetch?: typeof fetch }): TodoClient {
  const endpoint = `${options.todoUrl.replace(/\/+$/, "")}/query`;
  const doFetch = options.fetch ?? platformFetch;

  async function send<T>(operation: Operation, variables: Record<string, unknown>, call: CallContext) {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: operation.text, variables, operationName: operation.name }),
        redirect: "manual",
      });
      text = await response.text();
    } catch (error) {
      throw sourcehutTransportError(error, call);
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: an error page of a proxy in front of sr.ht, said in words below.
    }
    if (response.status < 200 || response.status >= 300) throw sourcehutHttpError({ status: response.status, headers: response.headers, body, text }, call);
    if (!body || typeof body !== "object" || !("data" in body || "errors" in body)) {
      throw new IssueSyncApiError("bad_answer", `SourceHut answered ${call.what} with something other than a GraphQL response (${response.status}, ${text.slice(0, 100)})`, {
        status: response.status,
      });
    }
    const data = ((body as { data?: unknown }).data ?? null) as T | null;
    return { data, errors: graphqlErrorsOf(body) };
  }

  return {
    async run<T>(operation: Operation, variables: Record<string, unknown>, what: string): Promise<T> {
      const call = { what, grants: operation.grants };
      const { data, errors } = await send<T>(operation, variables, call);
      if (errors.length > 0) throw sourcehutGraphqlError(errors, call);
      if (data === null) throw new IssueSyncApiError("bad_answer", `SourceHut answered ${what} with neither data nor errors`, { status: 200 });
      return data;
    },
    runPartial: <T>(operation: Operation, variables: Record<string, unknown>, what: string) => send<T>(operation, variables, { what, grants: operation.grants }),
  };
}
