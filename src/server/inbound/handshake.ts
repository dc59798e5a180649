import type { IntegrationType } from "@/generated/prisma/enums";

/**
 * Requests a sender makes to check the URL rather than to deliver an event, answered at once and
 * not stored. Slack's Events API sends a signed `url_verification` with a `challenge` when the
 * URL is configured and accepts it only if the challenge comes back in the response.
 *
 * Provider knowledge outside the provider folder; it belongs in the provider interface as an
 * optional `inbound.handshake(payload)` once the interface grows one.
 */
export function handshakeResponse(type: IntegrationType, payload: unknown): { challenge: string } | null {
  if (type !== "SLACK" || typeof payload !== "object" || payload === null) return null;
  const { type: kind, challenge } = payload as { type?: unknown; challenge?: unknown };
  return kind === "url_verification" && typeof challenge === "string" ? { challenge } : null;
}
