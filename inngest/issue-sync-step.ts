import { NonRetriableError, RetryAfterError } from "inngest";
import { isIssueSyncApiError } from "@/server/issue-sync/errors";
import type { StepRunner } from "@/server/runtime/step-runner";

type Step = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/**
 * The issue sync's steps on the runtime: each API call is a `step.run`, and a platform error's
 * verdict (src/server/issue-sync/errors.ts) becomes the runtime's — rate limits and outages are
 * waited out (RetryAfterError with the platform's Retry-After or rate-limit reset, else the
 * runtime's backoff), a refusal or a validation error is not retried (NonRetriableError: the link
 * already shows the platform's words).
 */
export function issueSyncSteps(step: Step): StepRunner {
  return <T>(id: string, work: () => Promise<T>) =>
    step.run(id, async () => {
      try {
        return await work();
      } catch (error) {
        if (!isIssueSyncApiError(error)) throw error;
        if (!error.retryable) throw new NonRetriableError(error.message, { cause: error });
        if (error.retryAfterMs !== null) throw new RetryAfterError(error.message, Math.max(error.retryAfterMs, 1_000), { cause: error });
        throw error;
      }
    }) as Promise<T>;
}

/**
 * One request's pushes run one at a time, across its functions (request changes, comments, pushes
 * asked for by a person or the bulk sync): a comment made just after the request waits for the
 * issue to exist, and each step reads what it sends when it sends it, so the last call carries the
 * latest state. Different requests push in parallel. An env-scoped key is shared by the functions
 * whose key expression is the same (the executor keys on the expression and its value), so it is
 * one expression for every event shape: `requestId` (issue-sync/push.requested), a comment's
 * `payload.request.uuid`, a request's `payload.uuid`.
 */
export const issueSyncRequestConcurrency = {
  scope: "env",
  key: "'issue-sync:' + (has(event.data.requestId) ? event.data.requestId : has(event.data.payload.request) ? event.data.payload.request.uuid : event.data.payload.uuid)",
  limit: 1,
} as const;
