/**
 * What went wrong with a platform API call of the issue sync, decided once here so every caller —
 * the runtime's retries, the link's last error, the "needs attention" mark and the pause after
 * repeated refusals, the Test connection answer — reads the same verdict:
 *
 * - `rate_limited` (429; GitHub's 403 with `x-ratelimit-remaining: 0` or a secondary limit),
 *   `unavailable` (5xx), `network` (no complete answer): retryable, after `retryAfterMs` when the
 *   platform said (Retry-After, X-RateLimit-Reset);
 * - `unauthorized` (401), `forbidden` (403): only a person can fix it; not retried, and repeated
 *   ones pause the integration's sync;
 * - `not_found` (404): the repository/project or issue is gone or hidden from the token;
 * - `validation` (422, 400): the platform refused what was sent — retrying sends the same;
 * - `blocked` (the outgoing-request policy), `bad_answer` (a 2xx the API does not document).
 */
export type IssueSyncErrorKind = "rate_limited" | "unavailable" | "network" | "unauthorized" | "forbidden" | "not_found" | "validation" | "blocked" | "bad_answer";

const RETRYABLE = new Set<IssueSyncErrorKind>(["rate_limited", "unavailable", "network"]);
const REFUSED = new Set<IssueSyncErrorKind>(["unauthorized", "forbidden"]);

export class IssueSyncApiError extends Error {
  readonly retryable: boolean;
  /** The credentials were refused: counts toward pausing the integration's sync. */
  readonly refused: boolean;

  constructor(
    readonly kind: IssueSyncErrorKind,
    message: string,
    readonly details: { status?: number; providerMessage?: string | null; retryAfterMs?: number | null } = {},
  ) {
    super(message);
    this.name = "IssueSyncApiError";
    this.retryable = RETRYABLE.has(kind);
    this.refused = REFUSED.has(kind);
  }

  get retryAfterMs(): number | null {
    return this.details.retryAfterMs ?? null;
  }
}

export function isIssueSyncApiError(error: unknown): error is IssueSyncApiError {
  return error instanceof Error && error.name === "IssueSyncApiError" && "kind" in error && "retryable" in error;
}
