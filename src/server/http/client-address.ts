/**
 * The last hop of an X-Forwarded-For header: the address our own proxy (or server.ts, which sets
 * the header from the socket unless TRUST_PROXY) saw the request come from. Earlier hops are the
 * client's word and are never trusted. One reading for sign-in limits and the inbound receiver.
 */
export function lastForwardedHop(header: string | string[] | null | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(",") : header;
  return value?.split(",").map((hop) => hop.trim()).filter(Boolean).at(-1);
}
