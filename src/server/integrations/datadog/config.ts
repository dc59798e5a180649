import { z } from "zod";
import { forwardsAnything, telemetryConfigShape } from "@/server/telemetry/settings";
import { configObject, optionalToken, secret } from "../shared/config-fields";

/** Datadog's sites (the domain of the app you sign in to). */
export const DATADOG_SITES = [
  "datadoghq.com",
  "us3.datadoghq.com",
  "us5.datadoghq.com",
  "datadoghq.eu",
  "ap1.datadoghq.com",
  "ap2.datadoghq.com",
  "ddog-gov.com",
] as const;

const site = z.enum(DATADOG_SITES, { error: `site must be one of ${DATADOG_SITES.join(", ")}` }).default("datadoghq.com");

export const datadogConfigSchema = configObject({
  site,
  apiKey: optionalToken("apiKey"),
  webhookSecret: secret("webhookSecret", 16),
  ...telemetryConfigShape,
}).superRefine((config, ctx) => {
  if (forwardsAnything(config) && config.apiKey === undefined) {
    ctx.addIssue({ code: "custom", path: ["apiKey"], message: "apiKey is required to send to Datadog (forwardMetrics, forwardAlerts or forwardDeployments is set)" });
  }
});

/** The site of a stored config (validated when saved); the default for one saved without. */
export function readDatadogSite(stored: Readonly<Record<string, unknown>>): (typeof DATADOG_SITES)[number] {
  const parsed = site.safeParse(stored.site);
  return parsed.success ? parsed.data : "datadoghq.com";
}

export type DatadogConfig = z.output<typeof datadogConfigSchema>;
