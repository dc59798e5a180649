import type { InboundRequest, Verification } from "../provider";
import { header } from "./headers";
import { refuse, verifyHexHmac, verifySharedToken } from "./signatures";

export const GENERIC_SIGNATURE_HEADER = "X-Signature-256";

/**
 * Verification for senders with no signature scheme of their own (Datadog, New Relic,
 * Statuspage). They cannot compute a per-body HMAC; what they can do is send a fixed header, and
 * Statuspage not even that. So, in this order, the first present is the one checked (a bad
 * signature is not rescued by a token):
 * 1. `X-Signature-256: sha256=<hex HMAC-SHA256 of the body>` — a relay or proxy that signs;
 * 2. `Authorization: Bearer <webhookSecret>` — a custom header set in the product;
 * 3. with `allowQuery`, `?secret=<webhookSecret>` on the URL — for Statuspage, which only takes a
 *    URL. No stronger than the unguessable URL itself; it keeps "no secret, no entry" true and
 *    lets the secret be rotated apart from the URL.
 */
export function verifyGenericSecret(
  request: InboundRequest,
  secret: string | undefined,
  options: { allowQuery?: boolean } = {},
): Verification {
  if (!secret) return refuse("no webhook secret is configured for this integration");
  const signature = header(request, GENERIC_SIGNATURE_HEADER);
  if (signature !== undefined) {
    return verifyHexHmac({ signature, headerName: GENERIC_SIGNATURE_HEADER, prefix: "sha256=", secret, body: request.rawBody });
  }
  const authorization = header(request, "authorization");
  if (authorization !== undefined) {
    const bearer = /^Bearer (.+)$/i.exec(authorization)?.[1];
    if (!bearer) return refuse('Authorization must be "Bearer <webhookSecret>"');
    return verifySharedToken({ token: bearer, label: "the Authorization bearer token", secret });
  }
  if (options.allowQuery) {
    const fromQuery = querySecret(request.url);
    if (fromQuery !== undefined) return verifySharedToken({ token: fromQuery, label: "the secret query parameter", secret });
    return refuse(`neither ${GENERIC_SIGNATURE_HEADER}, an Authorization bearer token nor a ?secret= query parameter was sent`);
  }
  return refuse(`neither ${GENERIC_SIGNATURE_HEADER} nor an Authorization bearer token was sent`);
}

function querySecret(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, "http://receiver.invalid").searchParams.get("secret") || undefined;
  } catch {
    return undefined;
  }
}
