import type { WebhookEndpoint } from "@/generated/prisma/client";
import { decryptSecret, maskSecret } from "@/server/secrets/crypto";
import { MASKED, maskHeaders } from "@/server/secrets/mask";

/** An endpoint as every surface shows it: the signing secret and credential-like headers masked. */
export function serializeEndpoint(row: WebhookEndpoint, now = new Date()) {
  const headers = (row.extraHeaders ?? {}) as Record<string, string>;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    filter: row.filter,
    isActive: row.isActive,
    extraPayload: (row.extraPayload ?? null) as Record<string, unknown> | null,
    extraHeaders: maskHeaderValues(headers),
    payloadTemplate: row.payloadTemplate,
    customTemplate: row.customTemplate,
    retryClientErrors: row.retryClientErrors,
    rateLimitPerSecond: row.rateLimitPerSecond,
    secret: maskSecret(decryptSecret(row.secret)),
    previousSecretExpiresAt: row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
    state: row.state,
    consecutiveFailures: row.consecutiveFailures,
    failingSince: row.failingSince,
    pausedUntil: row.pausedUntil,
    stateReason: row.stateReason,
    stateChangedAt: row.stateChangedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type SerializedEndpoint = ReturnType<typeof serializeEndpoint>;

/** Attempt and extra headers as shown: credentials masked; our own signature headers stay readable. */
export function maskHeaderValues(headers: unknown): Record<string, string> {
  return maskHeaders(headers, (name) => name.startsWith("webhook-"));
}

/** On update, a masked header value sent back means "keep what is stored". */
export function unmaskHeaders(next: Record<string, string>, stored: unknown): Record<string, string> {
  const previous = (stored ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(next).map(([name, value]) => {
      const kept = Object.entries(previous).find(([old]) => old.toLowerCase() === name.toLowerCase());
      return [name, value === MASKED && kept ? kept[1] : value];
    }),
  );
}
