import { checkCall, type TelemetrySink, type TelemetryTarget } from "@/server/telemetry/sink";
import { readDatadogSite } from "../config";
import { callDatadog } from "./client";
import { alertEvent, deploymentEvent, doraDeployment } from "./records";
import { batchSeries, toDatadogSeries } from "./series";

/** Datadog's side of telemetry forwarding (src/server/telemetry/sink.ts). */
const key = (target: TelemetryTarget) => ({ site: readDatadogSite(target.config), apiKey: target.secrets.apiKey! });

export const datadogTelemetry: TelemetrySink = {
  // One value per series and timestamp: a minute sent again replaces itself.
  replacesPoints: true,
  // "Timestamps … cannot be more than … one hour in the past" (Submit metrics, v2).
  maxPointAgeMs: 60 * 60_000,
  async sendPoints(target, points) {
    for (const series of batchSeries(toDatadogSeries(points))) {
      await callDatadog({ ...key(target), path: "/api/v2/series", body: { series }, gzip: true });
    }
  },
  async sendAlert(target, type, alert) {
    await callDatadog({ ...key(target), path: "/api/v1/events", body: alertEvent(type, alert, target.settings) });
  },
  async sendDeployment(target, deployment) {
    // DORA first: it carries the deployment's id, so a retry after the event failed does not count it twice.
    // It needs a service; without one the event is the only marker.
    if (deployment.service) await callDatadog({ ...key(target), path: "/api/v2/dora/deployment", body: doraDeployment({ ...deployment, service: deployment.service }) });
    await callDatadog({ ...key(target), path: "/api/v1/events", body: deploymentEvent(deployment, target.settings) });
  },
  async testConnection(target) {
    // Datadog's own check of an API key: it writes nothing.
    const { site, apiKey } = key(target);
    return [await checkCall("API key (apiKey)", async () => {
      await callDatadog({ site, apiKey, path: "/api/v1/validate", method: "GET" });
      return `Datadog (${site}) takes the key`;
    })];
  },
};
