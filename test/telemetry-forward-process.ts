/**
 * One metrics forwarding window (src/server/telemetry/forward-metrics.ts) alone in its own
 * process, for the test that kills it for real (SIGKILL) while the service holds the send open.
 * Takes DATABASE_URL, SECRETS_KEY, DATADOG_API_URL / NEW_RELIC_API_URL and FORWARD_REF
 * (`{"dataspaceId","integrationId"}`) from its environment; prints "sending" before it starts.
 */
import { forwardMetricsWindow } from "@/server/telemetry/forward-metrics";

process.stdout.write("sending\n");
const outcome = await forwardMetricsWindow(JSON.parse(process.env.FORWARD_REF!) as { dataspaceId: string; integrationId: string });
process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.exit(0);
