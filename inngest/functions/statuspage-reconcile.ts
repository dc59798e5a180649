import { NonRetriableError } from "inngest";
import { claimDueReconciles } from "@/server/integrations/statuspage/sync/claim-due-reconciles";
import { RECONCILE_REQUESTED, runReconcile } from "@/server/integrations/statuspage/sync/reconcile";
import { inngest, statuspageReconcileRequested } from "../client";
import { statuspageConcurrency, statuspageSteps } from "../statuspage-step";

/**
 * Every minute: the Statuspage integrations whose reconcile interval has elapsed are claimed and
 * get one run each. After downtime the missed ticks fire once (the runtime's cron) and each
 * integration is due once (its claim time), so a long outage costs one reconcile, not many.
 */
export const statuspageReconcileTick = inngest.createFunction(
  { id: "statuspage-reconcile-tick", name: "Statuspage: schedule reconciles", retries: 2, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const due = await step.run("claim due integrations", () => claimDueReconciles(new Date()));
    if (due.length > 0) await step.sendEvent("request reconciles", due.map((data) => ({ name: RECONCILE_REQUESTED, data })));
    return { requested: due.length };
  },
);

/**
 * One reconcile of one integration (src/server/integrations/statuspage/sync/reconcile.ts): each
 * API call and each repair a step, so a run resumed after a crash does not repeat what it did.
 * One at a time per integration.
 */
export const statuspageReconcile = inngest.createFunction(
  {
    id: "statuspage-reconcile",
    name: "Statuspage: reconcile",
    retries: 6,
    // One run at a time per integration; its steps take turns with the dataspace's other Statuspage calls.
    concurrency: [{ limit: 1, key: "event.data.integrationId" }, statuspageConcurrency],
    triggers: [statuspageReconcileRequested],
  },
  async ({ event, step }) => {
    const outcome = await runReconcile(event.data, statuspageSteps(step));
    if ("result" in outcome && outcome.result === "failed") {
      throw new NonRetriableError(outcome.report.error ?? outcome.report.problems.join("; "));
    }
    return outcome;
  },
);
