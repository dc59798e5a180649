import { z } from "zod";
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

export const datadogConfigSchema = configObject({
  site: z.enum(DATADOG_SITES, { error: `site must be one of ${DATADOG_SITES.join(", ")}` }).default("datadoghq.com"),
  apiKey: optionalToken("apiKey"),
  webhookSecret: secret("webhookSecret", 16),
});

export type DatadogConfig = z.output<typeof datadogConfigSchema>;
