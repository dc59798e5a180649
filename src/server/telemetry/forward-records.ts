import type { AlertPayload } from "@/server/records/alerts/alert.schema";
import type { DeploymentPayload } from "@/server/records/deployments/deployment.schema";
import { TelemetrySendError } from "./sink";
import { isSkipped, loadTelemetryTarget, targetsTaking, type IntegrationRef } from "./target";

/**
 * Alerts and deployments sent to the monitoring integrations as they happen (the runtime calls
 * these from inngest/functions/telemetry-forward.ts, one step per integration, so one service
 * down does not hold the others back, and a retry sends only to the one that failed).
 */

export type SendOutcome = { sent: true } | { skipped: string };

/** Alerts go to every integration forwarding them except the one the alert came from. */
export function alertTargets(dataspaceId: string, alert: Pick<AlertPayload, "source_integration">): Promise<string[]> {
  return targetsTaking(dataspaceId, "forwardAlerts", alert.source_integration);
}

export async function sendAlertTo(ref: IntegrationRef, type: string, alert: AlertPayload): Promise<SendOutcome> {
  return send(ref, (loaded) => loaded.sink.sendAlert(loaded.target, type, alert));
}

/** A deployment is sent once it has finished: success or failure (DORA counts both; a cancelled one never reached anyone). */
export function isFinishedDeployment(deployment: Pick<DeploymentPayload, "status">): boolean {
  return deployment.status === "success" || deployment.status === "failure";
}

export function deploymentTargets(dataspaceId: string): Promise<string[]> {
  return targetsTaking(dataspaceId, "forwardDeployments");
}

export async function sendDeploymentTo(ref: IntegrationRef, deployment: DeploymentPayload): Promise<SendOutcome> {
  return send(ref, (loaded) => loaded.sink.sendDeployment(loaded.target, deployment));
}

async function send(ref: IntegrationRef, call: (loaded: Exclude<Awaited<ReturnType<typeof loadTelemetryTarget>>, { skipped: string }>) => Promise<void | { skipped: string }>): Promise<SendOutcome> {
  const loaded = await loadTelemetryTarget(ref);
  if (isSkipped(loaded)) return loaded;
  const outcome = await call(loaded);
  return outcome && isSkipped(outcome) ? outcome : { sent: true };
}

export { TelemetrySendError };
