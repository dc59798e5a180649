import { IssueSyncApiError } from "@/server/issue-sync/errors";
import { PlatformTransportError } from "@/server/issue-sync/platform-fetch";
import { parseRetryAfter } from "@/server/webhooks/transport/retry-after";

/** A wait longer than this is taken as this: the runtime comes back then and asks again. */
const MAX_WAIT_MS = 15 * 60_000;

/**
 * What jira.js throws: an HttpException for an HTTP answer (`status`, `response.data` the body,
 * its `cause` the AxiosError with the headers), the AxiosError itself when there was no answer
 * (its `cause` the transport's error), or an HttpException wrapping any other Error (status 500,
 * no body) — a local failure, not Jira's.
 */
type Failure = {
  status?: number;
  message?: string;
  response?: { data?: unknown; status?: number; headers?: unknown };
  cause?: unknown;
};

function transportCause(error: unknown): PlatformTransportError | null {
  for (let current = error, depth = 0; current && depth < 5; current = (current as Failure).cause, depth++) {
    if (current instanceof PlatformTransportError) return current;
  }
  return null;
}

function header(failure: Failure, name: string): string | null {
  for (const holder of [(failure.cause as Failure | undefined)?.response?.headers, failure.response?.headers]) {
    if (!holder || typeof holder !== "object") continue;
    const getter = (holder as { get?: (n: string) => unknown }).get;
    const value = typeof getter === "function" ? getter.call(holder, name) : (holder as Record<string, unknown>)[name];
    if (value !== undefined && value !== null && value !== false) return String(value);
  }
  return null;
}

/** Jira's own words: its ErrorCollection's `errorMessages`, then each field's error ("summary: You must specify a summary of the issue."). */
export function jiraMessage(data: unknown): string | null {
  if (typeof data === "string") {
    const text = data.trim();
    return text && text.length < 300 && !text.startsWith("<") ? text : null;
  }
  if (!data || typeof data !== "object") return null;
  const body = data as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const parts: string[] = [];
  if (Array.isArray(body.errorMessages)) parts.push(...body.errorMessages.filter((m): m is string => typeof m === "string" && m.trim() !== ""));
  if (body.errors && typeof body.errors === "object") {
    for (const [field, message] of Object.entries(body.errors as Record<string, unknown>).slice(0, 5)) {
      if (typeof message === "string") parts.push(`${field}: ${message}`);
    }
  }
  if (parts.length === 0 && typeof body.message === "string") parts.push(body.message);
  return parts.length > 0 ? parts.join("; ").slice(0, 500) : null;
}

/** `X-RateLimit-Reset`: when the limit resets, as Jira writes it (ISO 8601, e.g. "2026-12-07T10:15Z"). */
function resetWait(value: string | null, now: Date): number | null {
  const at = value ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : null;
}

/**
 * A jira.js failure as the sync's verdict (src/server/issue-sync/errors.ts), with Jira's words in
 * the message and what to do about it. `what` names the call ("issue OPS-7").
 */
export function jiraError(error: unknown, what: string, now = new Date()): IssueSyncApiError {
  const transport = transportCause(error);
  if (transport) {
    return transport.kind === "forbidden_address" || transport.kind === "invalid_url"
      ? new IssueSyncApiError("blocked", `Jira could not be called (${what}): ${transport.message}`)
      : new IssueSyncApiError("network", `Jira did not answer (${what}): ${transport.message}`);
  }
  const failure = (error ?? {}) as Failure;
  const status = typeof failure.status === "number" ? failure.status : failure.response?.status;
  const answered = status !== undefined && (failure.response?.data !== undefined || (failure.cause as Failure | undefined)?.response !== undefined);
  if (status === undefined || !answered) {
    return new IssueSyncApiError("network", `Jira did not answer (${what}): ${failure.message ?? String(error)}`);
  }
  const said = jiraMessage(failure.response?.data);
  const words = said ? `: ${said}` : "";
  const details = (retryAfterMs: number | null = null) => ({ status, providerMessage: said, retryAfterMs: retryAfterMs === null ? null : Math.min(retryAfterMs, MAX_WAIT_MS) });
  const wait = parseRetryAfter(header(failure, "retry-after"), now) ?? resetWait(header(failure, "x-ratelimit-reset"), now);

  if (status === 429) return new IssueSyncApiError("rate_limited", `Jira is rate-limiting this token (429${words}); ${what} waits and retries`, details(wait));
  if (status >= 500) return new IssueSyncApiError("unavailable", `Jira failed on ${what} (${status}${words}); retrying later`, details(wait));
  if (status === 401) {
    return new IssueSyncApiError(
      "unauthorized",
      `Jira refused the credentials (401${words}). Check email and token: the token must be a current Atlassian API token of the account with that email address.`,
      details(),
    );
  }
  if (status === 403) {
    return new IssueSyncApiError(
      "forbidden",
      `Jira refused ${what} (403${words}). The token's account needs the project permissions Browse projects, Create issues, Edit issues, Transition issues and Add comments.`,
      details(),
    );
  }
  if (status === 404) {
    return new IssueSyncApiError("not_found", `Jira does not know ${what} (404${words}): check baseUrl and projectKey, and that the token's account can browse the project.`, details());
  }
  return new IssueSyncApiError("validation", `Jira refused ${what} (${status}${words})`, details());
}
