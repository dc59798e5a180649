import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";
import type { GitlabFailureCause } from "./requester";

/** A wait longer than this is taken as this: the runtime comes back then and asks again. */
const MAX_WAIT_MS = 15 * 60_000;

/** An answer that is not what the API documents (HTML from a wrong baseUrl, an issue without iid). */
export class GitlabBadAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitlabBadAnswer";
  }
}

function causeOf(error: unknown): GitlabFailureCause | null {
  const cause = (error as { cause?: unknown } | null)?.cause as Partial<GitlabFailureCause> | undefined;
  return cause?.response instanceof Response ? (cause as GitlabFailureCause) : null;
}

/**
 * A gitbeaker failure (through ./requester.ts) as the sync's verdict (src/server/issue-sync/errors.ts),
 * in GitLab's own words. GitLab limits with 429, `Retry-After` (seconds) and `RateLimit-Reset`
 * (epoch seconds); a token without the `api` scope gets 403 `insufficient_scope`; a missing
 * project or issue is 404 (also for a private project the token cannot see); refused input is
 * 400 (Grape's `{"error": "title is missing"}` or the model's `{"message": {"title": [...]}}`) or 422.
 */
export function gitlabError(error: unknown, what: string, now = new Date()): IssueSyncApiError {
  if (error instanceof IssueSyncApiError) return error;
  if (error instanceof PlatformTransportError) {
    return error.kind === "forbidden_address" || error.kind === "invalid_url"
      ? new IssueSyncApiError("blocked", `GitLab could not be called (${what}): ${error.message}`)
      : new IssueSyncApiError("network", `GitLab did not answer (${what}): ${error.message}`);
  }
  if (error instanceof GitlabBadAnswer) return new IssueSyncApiError("bad_answer", `GitLab's answer to ${what} is not what its API documents: ${error.message}. Check baseUrl.`);
  const cause = causeOf(error);
  if (!cause) return new IssueSyncApiError("network", `GitLab did not answer (${what}): ${(error as Error)?.message ?? String(error)}`);
  const status = cause.response.status;
  const header = (name: string) => cause.response.headers.get(name);
  const said = cause.description && cause.description !== String(status) ? cause.description : null;
  const words = said ? `: ${said}` : "";
  const reset = Number(header("ratelimit-reset"));
  const resetWait = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) : null;
  const retryAfter = parseRetryAfter(header("retry-after"), now) ?? resetWait;
  const details = (wait: number | null = null) => ({ status, providerMessage: said, retryAfterMs: wait === null ? null : Math.min(wait, MAX_WAIT_MS) });

  if (status === 429) return new IssueSyncApiError("rate_limited", `GitLab is rate-limiting this token (429${words}); ${what} waits and retries`, details(retryAfter));
  if (status >= 500) return new IssueSyncApiError("unavailable", `GitLab failed on ${what} (${status}${words}); retrying later`, details(parseRetryAfter(header("retry-after"), now)));
  if (status === 401) {
    return new IssueSyncApiError("unauthorized", `GitLab refused the token (401${words}). Check token: it must be a current, unrevoked access token for this GitLab.`, details());
  }
  if (status === 403) {
    const scope = /insufficient_scope/i.test(said ?? "");
    const advice = scope
      ? 'The token lacks the "api" scope: create one with the api scope.'
      : "The token's user needs at least the Planner or Reporter role on the project (Guests cannot edit others' issues or labels).";
    return new IssueSyncApiError("forbidden", `GitLab refused ${what} (403${words}). ${advice}`, details());
  }
  if (status === 404) return new IssueSyncApiError("not_found", `GitLab does not know ${what} (404${words}): check projectId, and that the token's user is a member of the project.`, details());
  if (status >= 300 && status < 400) {
    const location = header("location");
    return new IssueSyncApiError("bad_answer", `GitLab redirected ${what} (${status}${location ? ` to ${location}` : ""}): check baseUrl (it must be the address GitLab answers on, usually https://).`, details());
  }
  if (status === 400 || status === 422) return new IssueSyncApiError("validation", `GitLab refused ${what} (${status}${words})`, details());
  return new IssueSyncApiError("validation", `GitLab answered ${what} with ${status}${words}`, details());
}
