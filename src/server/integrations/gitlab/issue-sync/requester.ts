import { GitbeakerRequestError } from "@gitbeaker/rest";
import { createRequesterFn, type RequesterType, type ResourceOptions } from "@gitbeaker/requester-utils";

/**
 * gitbeaker's requester over a given `fetch` (by default the guarded platformFetch). gitbeaker's
 * own requester calls the global `fetch` (no SSRF guard) and retries 429 and 502 up to ten times
 * by itself; the sync needs every call to go through the guard and to fail at once, so the
 * runtime decides when to retry (src/server/issue-sync/errors.ts). This keeps gitbeaker's request
 * shaping (`createRequesterFn`: auth header, JSON body, query string) and swaps only the sending.
 *
 * A non-2xx answer becomes gitbeaker's GitbeakerRequestError with the answer in its cause — status
 * and headers in `response`, the body as GitLab sent it in `body` (parsed when JSON) — so
 * ./errors.ts can read GitLab's own words. A transport failure is thrown as the fetch threw it.
 */
export type GitlabFailureCause = { description: string; request: Request; response: Response; body: unknown };

async function answerBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!/\bjson\b/i.test(response.headers.get("content-type") ?? "")) return text;
  try {
    return text === "" ? null : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** GitLab's own words in an error body: `message` (a string, or field → messages), `error` and `error_description`. */
export function gitlabWords(body: unknown): string | null {
  if (typeof body === "string") return body.trim() && body.length < 300 ? body.trim() : null;
  if (!body || typeof body !== "object") return null;
  const { message, error, error_description: description } = body as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof message === "string") parts.push(message);
  else if (message && typeof message === "object") {
    for (const [field, said] of Object.entries(message).slice(0, 5)) parts.push(`${field} ${Array.isArray(said) ? said.join(", ") : String(said)}`);
  }
  if (typeof error === "string") parts.push(error);
  if (typeof description === "string") parts.push(description);
  return parts.length > 0 ? parts.join(": ").slice(0, 500) : null;
}

export function gitlabRequester(fetchImpl: typeof fetch): (options: ResourceOptions) => RequesterType {
  return createRequesterFn(
    async (_service, options) => options,
    async (endpoint, options = {}) => {
      const { prefixUrl, searchParams, method, headers, body } = options as { prefixUrl?: string; searchParams?: string; method?: string; headers?: Record<string, string>; body?: string };
      const url = new URL(endpoint, prefixUrl ? (prefixUrl.endsWith("/") ? prefixUrl : `${prefixUrl}/`) : undefined);
      if (searchParams) url.search = searchParams;
      const request = new Request(url, { method, headers, body });
      const response = await fetchImpl(request.clone());
      const parsed = await answerBody(response);
      if (response.status < 200 || response.status >= 300) {
        const description = gitlabWords(parsed) ?? `${response.status}`;
        const cause: GitlabFailureCause = { description, request, response, body: parsed };
        throw new GitbeakerRequestError(description, { cause });
      }
      return { body: response.status === 204 ? null : (parsed as Record<string, unknown>), headers: Object.fromEntries(response.headers), status: response.status };
    },
  );
}
