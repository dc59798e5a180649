import { NonRetriableError, RetryAfterError } from "inngest";
import { isStatuspageApiError } from "@/server/integrations/statuspage/api/errors";
import type { StepRunner } from "@/server/integrations/statuspage/sync/steps";

type Step = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/**
 * The Statuspage sync's steps on the runtime: each unit of work is a `step.run`, and a Statuspage
 * error's verdict (src/server/integrations/statuspage/api/errors.ts) becomes the runtime's — a
 * 429 or 5xx with Retry-After is retried after that time (RetryAfterError), without one on the
 * runtime's backoff; a refused key, a missing role or an unknown page/component is not retried
 * (NonRetriableError: the integration already says it needs attention).
 */
export function statuspageSteps(step: Step): StepRunner {
  return <T>(id: string, work: () => Promise<T>) =>
    step.run(id, async () => {
      try {
        return await work();
      } catch (error) {
        if (!isStatuspageApiError(error)) throw error;
        if (!error.retryable) throw new NonRetriableError(error.message, { cause: error });
        if (error.retryAfterMs !== null) throw new RetryAfterError(error.message, Math.max(error.retryAfterMs, 1_000), { cause: error });
        throw error;
      }
    }) as Promise<T>;
}

/**
 * Every Statuspage function of a dataspace — component status, incident and maintenance
 * publishing, the reconcile — runs its steps one at a time, through one concurrency key shared
 * across the functions (`scope: "env"`): each step reads what it sends at the moment it sends it,
 * so with one step at a time the last call to reach a component or incident carries the latest
 * state, and a burst stays near Statuspage's limit of one request per second per key.
 */
export const statuspageConcurrency = { scope: "env", key: "'statuspage:' + event.data.dataspaceId", limit: 1 } as const;
