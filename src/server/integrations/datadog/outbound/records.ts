import type { AlertPayload } from "@/server/records/alerts/alert.schema";
import type { DeploymentPayload } from "@/server/records/deployments/deployment.schema";
import type { TelemetrySettings } from "@/server/telemetry/settings";

/**
 * Alerts and deployments as Datadog events (`POST /api/v1/events`) and DORA deployments
 * (`POST /api/v2/dora/deployment`). `service`, `env` and `version` are Datadog's unified service
 * tags — what APM correlates on — so they are sent as such, without the tag prefix; the
 * integration's own tags go on everything.
 */
const TITLE_MAX = 100;
const TEXT_MAX = 4000;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const STATUS_WORD: Record<string, string> = { "alert.triggered": "Triggered", "alert.acknowledged": "Acknowledged", "alert.resolved": "Resolved" };
const ALERT_TYPE = { critical: "error", error: "error", warning: "warning", info: "info" } as const;

export function alertEvent(type: string, alert: AlertPayload, settings: TelemetrySettings, now = new Date()) {
  const p = settings.tagPrefix;
  const tags = [
    `${p}alert:${alert.uuid}`,
    `${p}severity:${alert.severity}`,
    `${p}status:${alert.status}`,
    `${p}source:${alert.source}`,
    `${p}dataspace:${alert.dataspace}`,
    ...(alert.service ? [`service:${alert.service.name}`] : []),
    ...settings.tags,
  ];
  // Its links (a trace, the APM page) before the description, which the cut may shorten; events recorded before alerts had links carry none.
  const links = (alert.links ?? []).map((link) => `${link.label}: ${link.url}`).join("\n");
  const text = [links, alert.description, `Severity: ${alert.severity}. Raised ${alert.count} time${alert.count === 1 ? "" : "s"}.`, alert.absolute_url].filter(Boolean).join("\n\n");
  return {
    title: cut(`[${STATUS_WORD[type] ?? alert.status}] ${alert.title}`, TITLE_MAX),
    text: cut(text, TEXT_MAX),
    // One lifecycle, one group in Datadog's event stream.
    aggregation_key: alert.uuid,
    alert_type: type === "alert.resolved" ? "success" : ALERT_TYPE[alert.severity],
    source_type_name: "switchboard",
    date_happened: Math.floor(now.getTime() / 1000),
    tags,
  };
}

export function deploymentEvent(deployment: DeploymentPayload, settings: TelemetrySettings) {
  const p = settings.tagPrefix;
  const what = deployment.version ?? deployment.sha?.slice(0, 12) ?? deployment.ref ?? "a new version";
  const title = `${deployment.status === "success" ? "Deployed" : "Failed to deploy"} ${deployment.service ? `${deployment.service} ` : ""}${what} to ${deployment.environment}`;
  const text = [deployment.description, deployment.sha ? `Commit ${deployment.sha}` : "", deployment.url ?? "", deployment.absolute_url].filter(Boolean).join("\n\n");
  const at = Date.parse(deployment.finished_date ?? deployment.last_modified_date);
  return {
    title: cut(title, TITLE_MAX),
    text: cut(text, TEXT_MAX),
    aggregation_key: deployment.uuid,
    alert_type: deployment.status === "success" ? "success" : "error",
    source_type_name: "switchboard",
    date_happened: Math.floor(at / 1000),
    tags: [
      `env:${deployment.environment}`,
      ...(deployment.service ? [`service:${deployment.service}`] : []),
      ...(deployment.version ? [`version:${deployment.version}`] : []),
      ...(deployment.sha ? [`${p}git.commit.sha:${deployment.sha}`] : []),
      `${p}deployment:${deployment.uuid}`,
      `${p}status:${deployment.status}`,
      ...settings.tags,
    ],
  };
}

const nanoseconds = (iso: string) => Date.parse(iso) * 1_000_000;

/** A DORA deployment: Datadog requires a service; the deployment's id keeps a resend from counting twice. */
export function doraDeployment(deployment: DeploymentPayload & { service: string }) {
  const finished = deployment.finished_date ?? deployment.last_modified_date;
  return {
    data: {
      attributes: {
        id: deployment.uuid,
        service: deployment.service,
        env: deployment.environment,
        started_at: nanoseconds(deployment.started_date ?? deployment.created_date),
        finished_at: nanoseconds(finished),
        ...(deployment.version ? { version: deployment.version } : {}),
      },
    },
  };
}
