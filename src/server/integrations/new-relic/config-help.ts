import { telemetryConfigHelp } from "@/server/telemetry/settings";
import type { ConfigHelp } from "../provider";

/** What each config field is for, shown beside the config in the dashboard. */
export const newRelicConfigHelp = {
  region: { help: "\"US\" or \"EU\": where the account lives.", example: "US" },
  webhookSecret: { help: "A secret New Relic sends as the destination's bearer token (see the setup steps). At least 16 characters; a long random string is best." },
  apiKey: { help: "A New Relic license (ingest) key, for metrics and alerts: API keys → INGEST - LICENSE." },
  accountId: { help: "The account's number (in the URL of New Relic's pages, or API keys → Account ID), needed to send alerts as events.", starter: false },
  userApiKey: { help: "A New Relic User key (NRAK-…), needed to send deployments: change tracking goes through NerdGraph.", starter: false },
  entityGuids: { help: "Which entity (an APM application) each service's deployments mark, by service name.", example: '{"checkout": "MXxBUE18QVBQTElDQVRJT058MTIz"}', starter: false },
  defaultEntityGuid: { help: "The entity marked by deployments of services not in entityGuids (and those with no service).", starter: false },
  ...telemetryConfigHelp,
} satisfies ConfigHelp;
