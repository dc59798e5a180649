import { AppError, notFound } from "@/server/errors";
import { runtimePort } from "../port";
import { findRunInScope } from "./get-run";
import { embeddedRuntime, resolveRunScope, type External, type RunsActor } from "./run-scope";

/**
 * Inngest's "rerun": a new run of the same function with the same trigger event, independent of
 * the old one (which keeps its history). Its steps all run again.
 */
export async function rerunRun(actor: RunsActor, id: string): Promise<{ external: false; id: string } | External> {
  const scope = await resolveRunScope(actor);
  const control = embeddedRuntime() ? runtimePort().runs : null;
  if (!control) return { external: true };
  if (!(await findRunInScope(scope, id))) throw notFound("Run");
  const outcome = await control.rerun(id);
  if ("error" in outcome) {
    if (outcome.error === "RUN_NOT_FOUND") throw notFound("Run");
    throw new AppError("CONFLICT", "The app no longer serves this run's function, so it cannot run again");
  }
  return { external: false, id: outcome.runId };
}
