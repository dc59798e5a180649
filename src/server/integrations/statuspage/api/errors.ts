/**
 * What went wrong with a Statuspage API call, decided once here so every caller — the runtime's
 * retries, the "needs attention" mark, the Test connection answer — reads the same verdict.
 *
 * - `rate_limited` (429, and 420 which Statuspage also documents) and `unavailable` (5xx), `network`
 *   (no complete answer: refused, reset, timed out): retryable, after `retryAfterMs` when the
 *   answer said (Retry-After);
 * - `unauthorized` (401) and `forbidden` (403): the key is wrong or its user lacks the page role —
 *   only a person can fix it: not retryable, and the integration needs attention;
 * - `not_found` (404): the page or component does not exist (or the key cannot see it): not
 *   retryable, needs attention;
 * - `rejected` (400, 422, other 4xx), `redirected`, `blocked` (the outgoing-request policy) and
 *   `bad_answer` (a 2xx that is not what the API documents): not retryable.
 */
export type StatuspageErrorKind =
  | "rate_limited"
  | "unavailable"
  | "network"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rejected"
  | "redirected"
  | "blocked"
  | "bad_answer";

const RETRYABLE = new Set<StatuspageErrorKind>(["rate_limited", "unavailable", "network"]);
const NEEDS_ATTENTION = new Set<StatuspageErrorKind>(["unauthorized", "forbidden", "not_found"]);

export class StatuspageApiError extends Error {
  readonly retryable: boolean;
  /** A problem with the integration's settings or the key's rights, which retrying cannot fix. */
  readonly needsAttention: boolean;

  constructor(
    readonly kind: StatuspageErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** What Statuspage said, as it said it (its `message`/`error`), when it said something. */
      providerMessage?: string | null;
      /** From Retry-After, capped. */
      retryAfterMs?: number | null;
    } = {},
  ) {
    super(message);
    this.name = "StatuspageApiError";
    this.retryable = RETRYABLE.has(kind);
    this.needsAttention = NEEDS_ATTENTION.has(kind);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAfterMs(): number | null {
    return this.details.retryAfterMs ?? null;
  }
}

export function isStatuspageApiError(error: unknown): error is StatuspageApiError {
  return error instanceof Error && error.name === "StatuspageApiError" && "kind" in error && "retryable" in error;
}
