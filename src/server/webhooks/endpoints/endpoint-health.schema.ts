import { z } from "zod";

/** The payload of `webhook_endpoint.paused` / `.disabled`: which endpoint, since when, and why. */
export const webhookEndpointHealthPayloadSchema = z.object({
  uuid: z.string().uuid().describe("The endpoint's id"),
  url: z.string(),
  description: z.string(),
  state: z.enum(["PAUSED", "DISABLED"]),
  reason: z.string(),
  consecutive_failures: z.number().int(),
  failing_since: z.string().nullable().describe("ISO 8601"),
  paused_until: z.string().nullable().describe("ISO 8601; set while paused"),
  dashboard_url: z.string(),
});

export type WebhookEndpointHealthPayload = z.infer<typeof webhookEndpointHealthPayloadSchema>;
