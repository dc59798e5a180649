import { telemetryConfigHelp } from "@/server/telemetry/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const datadogConfigHelp = {
  site: { help: "Your Datadog site, e.g. datadoghq.com or datadoghq.eu.", example: "datadoghq.com" },
  webhookSecret: { help: "A secret Datadog sends with each notification (a hidden variable, see the setup steps). At least 16 characters; a long random string is best." },
  apiKey: { help: "A Datadog API key (Organization settings → API keys): needed to send metrics, alerts and deployments to Datadog." },
  ...telemetryConfigHelp,
} satisfies ConfigHelp;
