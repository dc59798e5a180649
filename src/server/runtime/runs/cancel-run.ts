import { AppError, notFound } from "@/server/errors";
import { runtimePort } from "../port";
import { findRunInScope } from "./get-run";
import { embeddedRuntime, resolveRunScope, type External, type RunsActor } from "./run-scope";

const ENDED: Record<string, string> = { COMPLETED: "has already completed", FAILED: "has already failed", CANCELLED: "was already cancelled" };

/**
 * Cancels a queued, running, sleeping or waiting run: it gets no further step, timer or event.
 * A step already executing in the app finishes there, but its result is dropped (as on Inngest).
 */
export async function cancelRun(actor: RunsActor, id: string): Promise<{ external: false; id: string; status: "CANCELLED" } | External> {
  const scope = await resolveRunScope(actor);
  const control = embeddedRuntime() ? runtimePort().runs : null;
  if (!control) return { external: true };
  if (!(await findRunInScope(scope, id))) throw notFound("Run");
  const outcome = await control.cancel(id, "Cancelled from the Runs page");
  if (!outcome) throw notFound("Run");
  if (!outcome.cancelled) {
    throw new AppError("CONFLICT", `This run ${ENDED[outcome.status] ?? "has already ended"}; only queued, running, sleeping or waiting runs can be cancelled`);
  }
  return { external: false, id, status: "CANCELLED" };
}
