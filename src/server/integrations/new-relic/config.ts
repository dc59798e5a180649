import { z } from "zod";
import { forwardsAnything, telemetryConfigShape } from "@/server/telemetry/settings";
import { configObject, optionalToken, secret } from "../shared/config-fields";

export const NEW_RELIC_REGIONS = ["US", "EU"] as const;
const region = z.enum(NEW_RELIC_REGIONS, { error: 'region must be "US" or "EU" (where the New Relic account lives)' }).default("US");

/** An entity GUID: base64 of `<account>|<domain>|<type>|<id>`, as New Relic shows it on the entity's page. */
const entityGuid = (field: string) =>
  z
    .string({ error: `${field} must be an entity GUID` })
    .regex(/^[A-Za-z0-9+/]{16,500}={0,2}$/, `${field} must be an entity GUID as New Relic shows it (letters and digits, like MXxBUE18QVBQTElDQVRJT058MTIz)`);

export const newRelicConfigSchema = configObject({
  region,
  apiKey: optionalToken("apiKey"),
  webhookSecret: secret("webhookSecret", 16),
  accountId: z
    .number({ error: "accountId must be the account's number, e.g. 1234567" })
    .int("accountId must be a whole number")
    .positive("accountId must be the account's number, e.g. 1234567")
    .max(2 ** 31 - 1, "accountId is too large to be an account id")
    .optional(),
  userApiKey: optionalToken("userApiKey").refine((value) => value === undefined || value.startsWith("NRAK-"), "userApiKey must be a User key (it starts with NRAK-); NerdGraph refuses license and ingest keys"),
  entityGuids: z
    .record(z.string().min(1, "entityGuids: a service name is empty").max(255), entityGuid("each value of entityGuids"), { error: 'entityGuids must be an object like {"<service name>": "<entity GUID>"}' })
    .refine((map) => Object.keys(map).length <= 200, "entityGuids maps at most 200 services")
    .default({}),
  defaultEntityGuid: entityGuid("defaultEntityGuid").optional(),
  ...telemetryConfigShape,
}).superRefine((config, ctx) => {
  if (forwardsAnything(config) && config.apiKey === undefined) {
    ctx.addIssue({ code: "custom", path: ["apiKey"], message: "apiKey (a license key) is required to send to New Relic (forwardMetrics, forwardAlerts or forwardDeployments is set)" });
  }
  if (config.forwardAlerts && config.accountId === undefined) {
    ctx.addIssue({ code: "custom", path: ["accountId"], message: "accountId is required to send alerts: New Relic's Event API takes events per account" });
  }
  if (config.forwardDeployments && config.userApiKey === undefined) {
    ctx.addIssue({ code: "custom", path: ["userApiKey"], message: "userApiKey is required to send deployments: change tracking goes through NerdGraph, which takes only User keys" });
  }
  if (config.forwardDeployments && config.defaultEntityGuid === undefined && Object.keys(config.entityGuids).length === 0) {
    ctx.addIssue({ code: "custom", path: ["entityGuids"], message: "entityGuids or defaultEntityGuid is required to send deployments: a deployment marks an entity (an APM application)" });
  }
});

export type NewRelicConfig = z.output<typeof newRelicConfigSchema>;

/** The New Relic settings of a stored config, beyond the shared forwarding ones; defaults for a config saved before they existed. */
const storedOwn = z.object({ region, accountId: z.number().int().positive().optional(), entityGuids: z.record(z.string(), z.string()).default({}), defaultEntityGuid: z.string().optional() });
export type NewRelicOwnSettings = z.output<typeof storedOwn>;

export function readNewRelicSettings(stored: Readonly<Record<string, unknown>>): NewRelicOwnSettings {
  const parsed = storedOwn.safeParse({ region: stored.region, accountId: stored.accountId, entityGuids: stored.entityGuids, defaultEntityGuid: stored.defaultEntityGuid });
  return parsed.success ? parsed.data : { region: "US", entityGuids: {} };
}
