import { z } from "zod";
import { configObject, optionalToken, secret } from "../shared/config-fields";

export const newRelicConfigSchema = configObject({
  region: z.enum(["US", "EU"], { error: 'region must be "US" or "EU" (where the New Relic account lives)' }).default("US"),
  apiKey: optionalToken("apiKey"),
  webhookSecret: secret("webhookSecret", 16),
});

export type NewRelicConfig = z.output<typeof newRelicConfigSchema>;
