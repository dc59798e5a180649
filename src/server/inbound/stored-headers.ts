import { maskHeaders } from "@/server/secrets/mask";

/**
 * The request headers kept with a stored event, for the dashboard and debugging: lower-cased,
 * with the values of anything that authenticates the sender (Authorization, cookies, signature
 * and token headers such as X-Hub-Signature-256 or X-Gitlab-Token) replaced by "***". The
 * signature was checked on arrival; kept, it would only be something to leak.
 */
export function headersToStore(headers: Readonly<Record<string, string>>): Record<string, string> {
  return maskHeaders(headers);
}
