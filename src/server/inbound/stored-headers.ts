import { maskHeaders } from "@/server/secrets/mask";
import { jsonbSafe } from "./jsonb-safe";

/**
 * The request headers kept with a stored event, for the dashboard and debugging: lower-cased,
 * with the values of anything that authenticates the sender (Authorization, cookies, signature
 * and token headers such as X-Hub-Signature-256 or X-Gitlab-Token) replaced by "***". The
 * signature was checked on arrival; kept, it would only be something to leak. Stored as `jsonb`,
 * so by jsonb-safe.ts's rule.
 */
export function headersToStore(headers: Readonly<Record<string, string>>): Record<string, string> {
  return jsonbSafe(maskHeaders(headers));
}
