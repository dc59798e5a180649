import type { AlertPayload } from "@/server/records/alerts/alert.schema";
import type { DeploymentPayload } from "@/server/records/deployments/deployment.schema";
import type { TelemetrySettings } from "@/server/telemetry/settings";
import type { NewRelicOwnSettings } from "../config";

/**
 * Alerts as custom events of type `SwitchboardAlert` (Event API), deployments as change-tracking
 * deployments (NerdGraph `changeTrackingCreateDeployment`) on the entity the service maps to.
 * Event attributes are flat strings and numbers, each value at most 4 096 characters.
 */
const VALUE_MAX = 4000;
const cut = (text: string) => (text.length <= VALUE_MAX ? text : `${text.slice(0, VALUE_MAX - 1)}…`);

export const ALERT_EVENT_TYPE = "SwitchboardAlert";

export function alertEvent(type: string, alert: AlertPayload, settings: TelemetrySettings, now = new Date()) {
  const p = settings.tagPrefix;
  const tags = Object.fromEntries(settings.tags.map((tag) => [tag.slice(0, tag.indexOf(":")), tag.slice(tag.indexOf(":") + 1)]));
  return {
    ...tags,
    eventType: ALERT_EVENT_TYPE,
    timestamp: now.getTime(),
    [`${p}change`]: type.replace(/^alert\./, ""),
    [`${p}alertId`]: alert.uuid,
    [`${p}title`]: cut(alert.title),
    [`${p}description`]: cut(alert.description),
    [`${p}severity`]: alert.severity,
    [`${p}status`]: alert.status,
    [`${p}source`]: alert.source,
    [`${p}fingerprint`]: cut(alert.fingerprint),
    [`${p}count`]: alert.count,
    [`${p}url`]: alert.absolute_url,
    [`${p}dataspace`]: alert.dataspace,
    ...(alert.service ? { [`${p}service`]: alert.service.name } : {}),
    // The first link of each kind it carries (a trace, the APM page…), as attributes a query can select: traceUrl, apmUrl, …
    ...Object.fromEntries([...(alert.links ?? [])].reverse().map((link) => [`${p}${link.kind}Url`, link.url])),
  };
}

export const CREATE_DEPLOYMENT = `mutation SwitchboardDeployment($deployment: ChangeTrackingDeploymentInput!) {
  changeTrackingCreateDeployment(deployment: $deployment) { deploymentId entityGuid }
}`;

/** The entity a deployment marks: its service's, else the default; null when neither is set. */
export function entityFor(deployment: Pick<DeploymentPayload, "service">, own: NewRelicOwnSettings): string | null {
  return (deployment.service && Object.hasOwn(own.entityGuids, deployment.service) ? own.entityGuids[deployment.service] : undefined) ?? own.defaultEntityGuid ?? null;
}

export function deploymentInput(deployment: DeploymentPayload, entityGuid: string) {
  const description = [deployment.status === "failure" ? "Failed." : "", deployment.description, `Environment: ${deployment.environment}`].filter(Boolean).join(" ");
  return {
    entityGuid,
    version: deployment.version ?? deployment.sha ?? deployment.ref ?? `deployment ${deployment.uuid.slice(0, 8)}`,
    ...(deployment.sha ? { commit: deployment.sha } : {}),
    deepLink: deployment.absolute_url,
    deploymentType: "BASIC",
    description: cut(description),
    ...(deployment.creator ? { user: deployment.creator } : {}),
    ...(deployment.url ? { changelog: deployment.url } : {}),
    timestamp: Date.parse(deployment.finished_date ?? deployment.last_modified_date),
  };
}
