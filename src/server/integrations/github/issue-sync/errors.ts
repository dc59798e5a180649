import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";

/** A wait longer than this is taken as this: the runtime comes back then and asks again. */
const MAX_WAIT_MS = 15 * 60_000;
/** GitHub's advice for a secondary rate limit without Retry-After: wait at least a minute. */
const SECONDARY_DEFAULT_MS = 60_000;

type OctokitFailure = { status?: number; message?: string; response?: { headers?: Record<string, string | number | undefined>; data?: unknown } };

/** GitHub's own words: `message`, and each `errors[]` entry (422 validation) as it says it. */
function githubMessage(data: unknown): string | null {
  if (!data || typeof data !== "object") return typeof data === "string" && data.trim() && data.length < 300 ? data.trim() : null;
  const body = data as { message?: unknown; errors?: unknown };
  const parts: string[] = [];
  if (typeof body.message === "string" && body.message.trim()) parts.push(body.message.trim());
  if (Array.isArray(body.errors)) {
    for (const entry of body.errors.slice(0, 5)) {
      if (typeof entry === "string") parts.push(entry);
      else if (entry && typeof entry === "object") {
        const e = entry as Record<string, unknown>;
        parts.push(typeof e.message === "string" ? e.message : [e.resource, e.field, e.code].filter((x) => typeof x === "string").join(" "));
      }
    }
  }
  return parts.length > 0 ? parts.join(": ").slice(0, 500) : null;
}

/**
 * An octokit failure as the sync's verdict (src/server/issue-sync/errors.ts). GitHub says "rate
 * limited" three ways: 429 with Retry-After, 403 with `x-ratelimit-remaining: 0` (wait until
 * `x-ratelimit-reset`, epoch seconds), and 403 for a secondary limit (Retry-After, else a minute).
 */
export function githubError(error: unknown, what: string, now = new Date()): IssueSyncApiError {
  if (error instanceof PlatformTransportError) {
    return error.kind === "forbidden_address" || error.kind === "invalid_url"
      ? new IssueSyncApiError("blocked", `GitHub could not be called (${what}): ${error.message}`)
      : new IssueSyncApiError("network", `GitHub did not answer (${what}): ${error.message}`);
  }
  const failure = error as OctokitFailure;
  const status = typeof failure.status === "number" ? failure.status : undefined;
  if (status === undefined || (status === 500 && !failure.response)) {
    return new IssueSyncApiError("network", `GitHub did not answer (${what}): ${(error as Error).message ?? String(error)}`);
  }
  const headers = failure.response?.headers ?? {};
  const header = (name: string) => (headers[name] === undefined ? null : String(headers[name]));
  const said = githubMessage(failure.response?.data);
  const words = said ? `: ${said}` : "";
  const details = (retryAfterMs: number | null = null) => ({ status, providerMessage: said, retryAfterMs: retryAfterMs === null ? null : Math.min(retryAfterMs, MAX_WAIT_MS) });
  const retryAfter = parseRetryAfter(header("retry-after"), now);

  if (status === 429) return new IssueSyncApiError("rate_limited", `GitHub is rate-limiting this token (429${words}); ${what} waits and retries`, details(retryAfter));
  if (status === 403 && header("x-ratelimit-remaining") === "0") {
    const reset = Number(header("x-ratelimit-reset"));
    const wait = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) + 1_000 : null;
    return new IssueSyncApiError("rate_limited", `GitHub's rate limit for this token is used up (403${words}); ${what} waits for its reset`, details(wait));
  }
  if (status === 403 && (retryAfter !== null || /secondary rate limit|abuse/i.test(said ?? ""))) {
    return new IssueSyncApiError("rate_limited", `GitHub's secondary rate limit was hit (403${words}); ${what} waits and retries`, details(retryAfter ?? SECONDARY_DEFAULT_MS));
  }
  if (status >= 500) return new IssueSyncApiError("unavailable", `GitHub failed on ${what} (${status}${words}); retrying later`, details(retryAfter));
  if (status === 401) {
    return new IssueSyncApiError("unauthorized", `GitHub refused the token (401${words}). Check token: it must be a current personal access token or app token.`, details());
  }
  if (status === 403) {
    return new IssueSyncApiError(
      "forbidden",
      `GitHub refused ${what} (403${words}). The token needs the "repo" scope (classic) or Issues: read and write on this repository (fine-grained).`,
      details(),
    );
  }
  if (status === 404) {
    return new IssueSyncApiError("not_found", `GitHub does not know ${what} (404${words}): check repository, and that the token can see it.`, details());
  }
  if (status === 410) return new IssueSyncApiError("not_found", `GitHub says ${what} is gone (410${words}): issues may be turned off on the repository.`, details());
  if (status === 422 || status === 400) return new IssueSyncApiError("validation", `GitHub refused ${what} (${status}${words})`, details());
  return new IssueSyncApiError("validation", `GitHub answered ${what} with ${status}${words}`, details());
}
