import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";

/** A wait longer than this is taken as this: the runtime comes back then and asks again. */
const MAX_WAIT_MS = 15 * 60_000;
const SCOPES = "write:issue, read:repository and read:user";

/**
 * What gitea-js throws for an answer that is not 2xx: the Response itself, its parsed body in
 * `error` (an Error when the body was not JSON — a proxy's 429 page, Forgejo's empty 403).
 */
type FailedResponse = { status: number; headers: Headers; error?: unknown };

const isFailedResponse = (value: unknown): value is FailedResponse =>
  typeof value === "object" && value !== null && typeof (value as FailedResponse).status === "number" && typeof (value as FailedResponse).headers?.get === "function";

/**
 * Forgejo's own words: its error body is `{message, url}` (404s add `errors`, e.g. "issue does not
 * exist [id: 0, repo_id: 5, index: 9]"); a 500 in production has an empty message.
 */
function forgejoMessage(body: unknown): string | null {
  if (!body || typeof body !== "object" || body instanceof Error) return null;
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const parts = [typeof message === "string" ? message.trim() : "", ...(Array.isArray(errors) ? errors.filter((e): e is string => typeof e === "string").slice(0, 3) : [])].filter(Boolean);
  return parts.length > 0 ? parts.join(": ").slice(0, 500) : null;
}

/**
 * A failure of a gitea-js call as the sync's verdict (src/server/issue-sync/errors.ts). Forgejo has
 * no rate limit of its own: a 429 comes from a proxy in front of the instance, with
 * Retry-After when it says how long to wait. Forgejo refuses a token's missing scope with 403 naming it; a 403 without a
 * body is a permission the token's user lacks; 404 hides a private repository from who cannot
 * see it; 423 is an archived repository.
 */
export function forgejoError(error: unknown, what: string, now = new Date()): IssueSyncApiError {
  if (error instanceof IssueSyncApiError) return error;
  if (error instanceof PlatformTransportError) {
    return error.kind === "forbidden_address" || error.kind === "invalid_url"
      ? new IssueSyncApiError("blocked", `Forgejo could not be called (${what}): ${error.message}`)
      : new IssueSyncApiError("network", `Forgejo did not answer (${what}): ${error.message}`);
  }
  if (!isFailedResponse(error)) return new IssueSyncApiError("network", `Forgejo did not answer (${what}): ${(error as Error)?.message ?? String(error)}`);
  const { status } = error;
  const said = forgejoMessage(error.error);
  const words = said ? `: ${said}` : "";
  const retryAfter = parseRetryAfter(error.headers.get("retry-after"), now);
  const details = (retryAfterMs: number | null = null) => ({ status, providerMessage: said, retryAfterMs: retryAfterMs === null ? null : Math.min(retryAfterMs, MAX_WAIT_MS) });

  if (status === 429) return new IssueSyncApiError("rate_limited", `Forgejo (or a proxy in front of it) is rate-limiting this token (429${words}); ${what} waits and retries`, details(retryAfter));
  if (status >= 500) return new IssueSyncApiError("unavailable", `Forgejo failed on ${what} (${status}${words}); retrying later`, details(retryAfter));
  if (status === 401) {
    return new IssueSyncApiError("unauthorized", `Forgejo refused the token (401${words}). Check token: it must be a current access token of this instance (with ${SCOPES}).`, details());
  }
  if (status === 403 && /required scope/i.test(said ?? "")) {
    return new IssueSyncApiError("forbidden", `Forgejo refused ${what} (403${words}). Make a new token with the scopes ${SCOPES} and put it in token.`, details());
  }
  if (status === 403) {
    return new IssueSyncApiError("forbidden", `Forgejo refused ${what} (403${words}). The token's user needs Write access to the repository's issues (a collaborator with Write, or the owner).`, details());
  }
  if (status === 404) {
    return new IssueSyncApiError("not_found", `Forgejo does not know ${what} (404${words}): check baseUrl and repository, that issues are turned on, and that the token's user can see the repository.`, details());
  }
  if (status === 423) return new IssueSyncApiError("forbidden", `Forgejo refused ${what} (423${words}): the repository is archived; unarchive it to sync issues.`, details());
  if (status >= 300 && status < 400) {
    const location = error.headers.get("location");
    return new IssueSyncApiError("validation", `Forgejo answered ${what} with a redirect (${status}${location ? ` to ${location}` : ""}): set baseUrl to the instance's address.`, details());
  }
  return new IssueSyncApiError("validation", `Forgejo refused ${what} (${status}${words})`, details());
}

/** A 2xx whose body is not what the API documents (baseUrl naming a web page, a proxy's answer). */
export const badAnswer = (what: string, got: string) =>
  new IssueSyncApiError("bad_answer", `Forgejo answered ${what} with ${got}, not what its API documents: is baseUrl the Forgejo instance's address?`);
