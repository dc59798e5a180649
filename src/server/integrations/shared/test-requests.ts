import { createHmac } from "node:crypto";
import type { InboundRequest } from "../provider";

/** Test helper: an inbound request as the receiver builds it (lower-cased headers, raw bytes). */
export function inboundRequest(
  body: string | Buffer,
  headers: Record<string, string | undefined> = {},
  extra: { receivedAt?: Date; url?: string } = {},
): InboundRequest {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) lowered[name.toLowerCase()] = value;
  return { headers: lowered, rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body), receivedAt: extra.receivedAt ?? new Date(), url: extra.url };
}

/** Hex HMAC-SHA256, the way GitHub, Forgejo, Jira and the generic scheme sign. */
export function hexHmac(secret: string | Buffer, body: string | Buffer): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** The messages of a failed zod parse, for asserting that they name the field. */
export function configErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.map(String).join(".")}: ${issue.message}`);
}
