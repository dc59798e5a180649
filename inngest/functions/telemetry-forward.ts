import { NonRetriableError, RetryAfterError } from "inngest";
import { claimDueForwardings, FORWARD_REQUESTED } from "@/server/telemetry/claim-due-forwardings";
import { forwardMetricsWindow, type ForwardWindowOutcome } from "@/server/telemetry/forward-metrics";
import { alertTargets, deploymentTargets, isFinishedDeployment, sendAlertTo, sendDeploymentTo } from "@/server/telemetry/forward-records";
import { TelemetrySendError } from "@/server/telemetry/sink";
import { domainEvents, inngest, telemetryForwardRequested } from "../client";

/** A service's verdict as the runtime's: retried after its Retry-After, on the backoff, or not at all (the config must change first). */
async function verdict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof TelemetrySendError)) throw error;
    if (!error.options.retryable) throw new NonRetriableError(error.message, { cause: error });
    if (error.options.retryAfterMs !== undefined) throw new RetryAfterError(error.message, Math.max(error.options.retryAfterMs, 1_000), { cause: error });
    throw error;
  }
}

const MAX_WINDOWS = 24; // a day of backlog a run; the next tick goes on from there

/** Every minute: each Datadog and New Relic integration that forwards metrics gets one run. */
export const telemetryForwardTick = inngest.createFunction(
  { id: "telemetry-forward-tick", name: "Telemetry: schedule metrics forwarding", retries: 2, triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const due = await step.run("claim due integrations", () => claimDueForwardings(new Date()));
    if (due.length > 0) await step.sendEvent("request forwarding", due.map((data) => ({ name: FORWARD_REQUESTED, data })));
    return { requested: due.length };
  },
);

/**
 * One integration's forwarding (src/server/telemetry/forward-metrics.ts): a window per step, each
 * moving the watermark once the service took it, until caught up. One run at a time per integration.
 */
export const telemetryForwardMetrics = inngest.createFunction(
  {
    id: "telemetry-forward-metrics",
    name: "Telemetry: forward metrics",
    retries: 5,
    concurrency: [{ limit: 1, key: "event.data.integrationId" }],
    triggers: [telemetryForwardRequested],
  },
  async ({ event, step }) => {
    const windows: ForwardWindowOutcome[] = [];
    for (let i = 0; i < MAX_WINDOWS; i++) {
      const outcome = (await step.run(`window ${i}`, () => verdict(() => forwardMetricsWindow(event.data)))) as ForwardWindowOutcome;
      windows.push(outcome);
      if ("skipped" in outcome || outcome.caughtUp) break;
    }
    return { windows };
  },
);

/** An alert's change → an event at each monitoring integration forwarding alerts, but the one it came from. */
export const telemetryForwardAlert = inngest.createFunction(
  {
    id: "telemetry-forward-alert",
    name: "Telemetry: forward alert",
    retries: 6,
    triggers: [domainEvents["alert.triggered"], domainEvents["alert.acknowledged"], domainEvents["alert.resolved"]],
  },
  async ({ event, step }) => {
    const { dataspaceId, payload } = event.data;
    const targets = await step.run("targets", () => alertTargets(dataspaceId, payload));
    const sent: Record<string, unknown> = {};
    for (const integrationId of targets) {
      sent[integrationId] = await step.run(`send to ${integrationId}`, () => verdict(() => sendAlertTo({ dataspaceId, integrationId }, event.name, payload)));
    }
    return sent;
  },
);

/** A finished deployment → a deployment marker at each monitoring integration forwarding deployments. */
export const telemetryForwardDeployment = inngest.createFunction(
  {
    id: "telemetry-forward-deployment",
    name: "Telemetry: forward deployment",
    retries: 6,
    triggers: [domainEvents["deployment.created"], domainEvents["deployment.status_changed"]],
  },
  async ({ event, step }) => {
    const { dataspaceId, payload } = event.data;
    if (!isFinishedDeployment(payload)) return { skipped: `the deployment is ${payload.status}, not finished` };
    const targets = await step.run("targets", () => deploymentTargets(dataspaceId));
    const sent: Record<string, unknown> = {};
    for (const integrationId of targets) {
      sent[integrationId] = await step.run(`send to ${integrationId}`, () => verdict(() => sendDeploymentTo({ dataspaceId, integrationId }, payload)));
    }
    return sent;
  },
);
