import { isUtf8 } from "node:buffer";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { IntegrationProvider, InboundRequest, StoredConfig, Verification } from "../provider";
import { eventSlug } from "../shared/event-type";
import { header } from "../shared/headers";
import { requireObject } from "../shared/payload-check";
import { isObject } from "../shared/read";
import { VERIFIED, refuse } from "../shared/signatures";
import { DEFAULT_EVENT_TYPE_FIELD, webhookConfigSchema, type WebhookConfig } from "./config";
import { webhookConfigHelp } from "./config-help";

/**
 * Any service that signs per Standard Webhooks (https://www.standardwebhooks.com): `webhook-id`,
 * `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`,
 * checked by the official library (constant-time, 5-minute timestamp tolerance). The library
 * takes the body as a string, so a body that is not UTF-8 is refused before decoding it.
 */
function verifyStandardWebhook(request: InboundRequest, secrets: Readonly<Record<string, string>>): Verification {
  const secret = secrets.signingSecret;
  if (!secret) return refuse("no signing secret is configured for this integration");
  const missing = ["webhook-id", "webhook-timestamp", "webhook-signature"].filter((name) => !header(request, name));
  if (missing.length > 0) return refuse(`the ${missing.join(", ")} header${missing.length > 1 ? "s are" : " is"} missing`);
  if (!isUtf8(request.rawBody)) return refuse("the body is not valid UTF-8");
  try {
    new Webhook(secret).verify(request.rawBody.toString("utf8"), request.headers, { jsonParse: false });
    return VERIFIED;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return refuse(`webhook-signature: ${reasonFor(error.message)}`);
    return refuse("the configured signing secret is not a valid whsec_ secret");
  }
}

function reasonFor(message: string): string {
  if (message === "No matching signature found") return "no signature matches the body signed with the configured secret";
  if (message === "Message timestamp too old") return "webhook-timestamp is more than 5 minutes old (a replay?)";
  if (message === "Message timestamp too new") return "webhook-timestamp is more than 5 minutes in the future";
  if (message === "Invalid Signature Headers") return "webhook-timestamp must be seconds since the epoch";
  return message;
}

function eventTypeField(config: StoredConfig | undefined): string {
  const field = config?.eventTypeField;
  return typeof field === "string" && field ? field : DEFAULT_EVENT_TYPE_FIELD;
}

/** `inbound.<name>`: "Billing events!" → `inbound.billing_events`. */
function inboundType(integration: { id: string; name: string }): string {
  return `inbound.${eventSlug(integration.name) || eventSlug(integration.id)}`;
}

export const webhook = {
  type: "WEBHOOK",
  label: "Webhook (Standard Webhooks)",
  configSchema: webhookConfigSchema,
  configHelp: webhookConfigHelp,
  secretFields: ["signingSecret"],
  inbound: {
    verify: verifyStandardWebhook,
    // `webhook-id` is signed and the same on every retry. The type comes from the configured
    // top-level field; a payload without it is still an event, of type "event".
    envelope(request, payload, config?) {
      const named = isObject(payload) ? payload[eventTypeField(config)] : undefined;
      return { eventType: typeof named === "string" && named ? named : "event", deliveryId: header(request, "webhook-id") ?? null };
    },
    validate: (_eventType, payload) => requireObject(payload) ?? { ok: true },
    map: ({ eventType, integration }) => ({ type: inboundType(integration), summary: { event_type: eventType } }),
    setupInstructions: (url) => [
      "In the sending service, add a webhook endpoint:",
      `URL: ${url}`,
      "Content type: application/json; the body must be a JSON object.",
      "Sign deliveries per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the signingSecret of this integration (whsec_…); any Standard Webhooks library does it.",
      'The event type is read from a top-level field of the payload ("type" unless eventTypeField says otherwise).',
      "Events arrive as inbound.<name of this integration>, with the payload.",
    ],
  },
} satisfies IntegrationProvider<WebhookConfig>;
