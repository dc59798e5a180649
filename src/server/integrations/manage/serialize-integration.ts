import type { Integration } from "@/generated/prisma/client";
import { appUrl } from "@/env";
import { decryptSecret } from "@/server/secrets/crypto";
import { isCredentialName, MASKED } from "@/server/secrets/mask";
import { isSecretRef } from "./secrets-store";

/** A config as every surface shows it: secrets (and anything named like one) as "***", at any depth. */
export function maskConfig(value: unknown, key = ""): unknown {
  if (isSecretRef(value) || (key && isCredentialName(key) && value !== null && value !== "")) return MASKED;
  if (Array.isArray(value)) return value.map((item) => maskConfig(item));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskConfig(v, k)]));
  }
  return value;
}

export function inboundUrl(token: string): string {
  return `${appUrl()}/api/hooks/${token}`;
}

export function serializeIntegration(row: Integration) {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    config: maskConfig(row.config) as Record<string, unknown>,
    isActive: row.isActive,
    inboundUrl: inboundUrl(decryptSecret(row.inboundToken)),
    authFailures: row.authFailures,
    lastAuthFailureAt: row.lastAuthFailureAt,
    lastEventAt: row.lastEventAt,
    /** An outbound call failed in a way only a person can fix: the provider's message, and since when. */
    attention: row.attentionMessage ? { message: row.attentionMessage, since: row.attentionAt } : null,
    /** The last scheduled reconcile (Statuspage): when it started and ended, its result and report. */
    reconcile: row.reconcileStartedAt
      ? { startedAt: row.reconcileStartedAt, finishedAt: row.reconcileFinishedAt, result: row.reconcileResult, report: row.reconcileReport as Record<string, unknown> | null }
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type SerializedIntegration = ReturnType<typeof serializeIntegration>;
