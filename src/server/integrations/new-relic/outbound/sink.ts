import { checkCall, TelemetrySendError, type ConnectionCheck, type TelemetrySink, type TelemetryTarget } from "@/server/telemetry/sink";
import { readNewRelicSettings } from "../config";
import { callNewRelic } from "./client";
import { batchMetrics, toNewRelicMetrics } from "./metrics";
import { alertEvent, CREATE_DEPLOYMENT, deploymentInput, entityFor } from "./records";

/** New Relic's side of telemetry forwarding (src/server/telemetry/sink.ts). */
const own = (target: TelemetryTarget) => readNewRelicSettings(target.config);

export const newRelicTelemetry: TelemetrySink = {
  // Every point sent is stored: a minute goes once it is final.
  replacesPoints: false,
  // The Metric API takes points up to 48 hours old (see the fake's notes for the source).
  maxPointAgeMs: 48 * 60 * 60_000,
  async sendPoints(target, points) {
    const { region } = own(target);
    for (const metrics of batchMetrics(toNewRelicMetrics(points))) {
      await callNewRelic({ region, api: "metric", path: "/metric/v1", headers: { "api-key": target.secrets.apiKey! }, body: [{ metrics }], gzip: true });
    }
  },
  async sendAlert(target, type, alert) {
    const { region, accountId } = own(target);
    if (accountId === undefined) return { skipped: "no accountId is configured: New Relic takes events per account" };
    await callNewRelic({ region, api: "events", path: `/v1/accounts/${accountId}/events`, headers: { "api-key": target.secrets.apiKey! }, body: [alertEvent(type, alert, target.settings)], gzip: true });
  },
  async sendDeployment(target, deployment) {
    const settings = own(target);
    const userKey = target.secrets.userApiKey;
    if (!userKey) return { skipped: "no userApiKey is configured: change tracking needs a User key" };
    const entityGuid = entityFor(deployment, settings);
    if (!entityGuid) return { skipped: `no entity is mapped for ${deployment.service ? `service ${deployment.service}` : "deployments without a service"} (entityGuids, defaultEntityGuid)` };
    const answer = (await callNewRelic({
      region: settings.region,
      api: "graphql",
      path: "/graphql",
      headers: { "api-key": userKey },
      body: { query: CREATE_DEPLOYMENT, variables: { deployment: deploymentInput(deployment, entityGuid) } },
    })) as { data?: { changeTrackingCreateDeployment?: { deploymentId?: string } | null } | null; errors?: { message?: string }[] } | null;
    // NerdGraph answers 200 with `errors` when it refuses the mutation (an unknown entity, a key without access).
    if (!answer?.data?.changeTrackingCreateDeployment?.deploymentId) {
      const said = answer?.errors?.map((e) => e.message ?? "").filter(Boolean).join("; ") || "no deployment in the answer";
      throw new TelemetrySendError(`New Relic refused the deployment: ${said}`, { retryable: false, needsAttention: true });
    }
  },
  async testConnection(target) {
    const settings = own(target);
    const checks: ConnectionCheck[] = [
      // New Relic has no call that only checks a license key: one gauge point (the integration's
      // own connection test, 1) is the smallest thing the Metric API takes.
      await checkCall("License key (apiKey)", async () => {
        const point = { name: `${target.settings.metricPrefix}connection_test`, type: "gauge", value: 1, timestamp: Date.now(), attributes: { [`${target.settings.tagPrefix}integration`]: target.integrationId } };
        await callNewRelic({ region: settings.region, api: "metric", path: "/metric/v1", headers: { "api-key": target.secrets.apiKey! }, body: [{ metrics: [point] }] });
        return `the Metric API (${settings.region}) takes the key: it got one point, ${point.name}`;
      }),
    ];
    // The config requires it when deployments are sent (and accountId when alerts are): only a key's worth is left to try.
    const userKey = target.secrets.userApiKey;
    if (userKey) {
      checks.push(
        await checkCall("User key (userApiKey)", async () => {
          const answer = (await callNewRelic({ region: settings.region, api: "graphql", path: "/graphql", headers: { "api-key": userKey }, body: { query: "{ actor { user { email } } }" } })) as {
            data?: { actor?: { user?: { email?: string } | null } | null } | null;
            errors?: { message?: string }[];
          } | null;
          const email = answer?.data?.actor?.user?.email;
          if (!email) throw new TelemetrySendError(`NerdGraph did not say whose key it is: ${answer?.errors?.map((e) => e.message).join("; ") || "no user in the answer"}`, { retryable: false });
          return `NerdGraph (${settings.region}) takes the key of ${email}`;
        }),
      );
    }
    return checks;
  },
};
