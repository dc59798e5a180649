import type { WebhookEndpoint } from "@/generated/prisma/client";
import { decryptSecret } from "@/server/secrets/crypto";
import { openHeaders } from "@/server/webhooks/endpoints/header-secrets";
import { signatureHeaders } from "@/server/webhooks/rules";

/**
 * The headers of one attempt: the endpoint's extra headers, then ours, then the Standard Webhooks
 * signature of exactly the stored body, by the current secret and (during a rotation's grace
 * period) the previous one.
 */
export function signedRequestHeaders(
  endpoint: Pick<WebhookEndpoint, "extraHeaders" | "secret" | "previousSecret" | "previousSecretExpiresAt">,
  delivery: { id: string; eventId: string | null; eventType: string; body: string },
  now: Date,
): Record<string, string> {
  const secrets = [decryptSecret(endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(endpoint.previousSecret));
  }
  return {
    ...openHeaders(endpoint.extraHeaders),
    "content-type": "application/json",
    // webhook-id is the event's id: the same on every retry and replay, so receivers can dedupe.
    ...signatureHeaders({ messageId: delivery.eventId ?? delivery.id, timestamp: now, body: delivery.body, secrets }),
    "switchboard-delivery-id": delivery.id,
    "switchboard-event-type": delivery.eventType,
  };
}
