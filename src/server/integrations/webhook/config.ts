import { z } from "zod";
import { configObject } from "../shared/config-fields";
import { isWebhookSecret } from "@/server/webhooks/rules/signing";

export const DEFAULT_EVENT_TYPE_FIELD = "type";

export const webhookConfigSchema = configObject({
  signingSecret: z
    .string({ error: (issue) => (issue.input === undefined ? "signingSecret is required" : "signingSecret must be a string") })
    .refine(isWebhookSecret, 'signingSecret must be a Standard Webhooks secret: "whsec_" and 24 to 64 bytes in base64'),
  eventTypeField: z
    .string({ error: "eventTypeField must be a string" })
    .regex(/^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/, 'eventTypeField must be the name of a top-level payload field, e.g. "type" or "event"')
    .default(DEFAULT_EVENT_TYPE_FIELD),
});

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
