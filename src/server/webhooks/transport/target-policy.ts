/**
 * # Which targets outgoing webhooks may reach
 *
 * Webhook URLs are chosen by dataspace members, so without a guard they could make the server
 * call its own internal network (server-side request forgery). The policy:
 *
 * - **Scheme**: `https` only, unless the dataspace allows plain `http`. No other schemes.
 * - **URL shape**: absolute, at most 2048 characters, no credentials (`user:pass@`), no
 *   fragment (`#…`, never sent over HTTP, so it is always a mistake).
 * - **Addresses refused**: loopback (127.0.0.0/8, ::1), private (10/8, 172.16/12, 192.168/16,
 *   IPv6 unique-local fc00::/7), link-local (169.254/16, fe80::/10), carrier-grade NAT
 *   (100.64.0.0/10), multicast, broadcast, unspecified (0.0.0.0/8, ::), reserved and
 *   documentation ranges, anything in IPv6 outside the global unicast space 2000::/3, cloud
 *   metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200), and IPv6 addresses
 *   that embed a refused IPv4 address (IPv4-mapped `::ffff:127.0.0.1`, NAT64 `64:ff9b::/96`,
 *   6to4 `2002::/16`, Teredo `2001::/32`).
 * - **Hostnames refused when saving**: `localhost`, `*.localhost`, `*.local`, `*.internal`
 *   (including `metadata.google.internal`).
 * - **When it is checked**: on save, the URL shape and any IP-literal host. On every connection,
 *   the address DNS actually returned: the first allowed address is used, and if all are
 *   refused the attempt fails. Because the check runs on the address the socket connects to,
 *   a hostname that resolves to a public address when saved and to 127.0.0.1 later (DNS
 *   rebinding) is still refused.
 * - **Allow-list** (for self-hosters with internal receivers): a comma-separated list of CIDRs
 *   (`10.0.0.0/8`, `::1/128`), single IPs, and hostnames (exact, case-insensitive; `*.corp.example`
 *   matches any subdomain). Addresses inside a listed CIDR are permitted; a listed hostname is
 *   permitted whatever it resolves to.
 */
import ipaddr from "ipaddr.js";
import { type AllowList, isAllowListedAddress, isAllowListedHost, normalizeHostname } from "./allow-list";

export { type AllowList, isAllowListedAddress, isAllowListedHost, parseAllowList } from "./allow-list";

export type AddressVerdict = { forbidden: true; reason: string } | { forbidden: false };

export type TargetCheck =
  | { ok: true; url: URL }
  | { ok: false; kind: "invalid_url" | "forbidden_address"; message: string };

export const MAX_TARGET_URL_LENGTH = 2048;

const METADATA: Record<string, string> = {
  "169.254.169.254": "cloud metadata address",
  "100.100.100.200": "cloud metadata address (Alibaba)",
  "fd00:ec2::254": "cloud metadata address (AWS IPv6)",
};

const V4_REFUSED: Record<string, string> = {
  unspecified: "unspecified address",
  broadcast: "broadcast address",
  multicast: "multicast address",
  linkLocal: "link-local address",
  loopback: "loopback address",
  carrierGradeNat: "carrier-grade NAT address",
  private: "private address",
  reserved: "reserved address",
  benchmarking: "benchmarking address",
};

const V6_REFUSED: Record<string, string> = {
  unspecified: "unspecified address",
  linkLocal: "link-local address",
  multicast: "multicast address",
  loopback: "loopback address",
  uniqueLocal: "private (unique-local) address",
  deprecatedSiteLocal: "site-local address",
  discard: "discard-only address",
  reserved: "reserved address",
  benchmarking: "benchmarking address",
  deprecatedOrchid: "non-routable ORCHID address",
  orchid2: "non-routable ORCHID address",
  droneRemoteIdProtocolEntityTags: "non-routable address",
  segmentRouting: "segment-routing address",
};

export function isForbiddenAddress(ip: string): AddressVerdict {
  if (!ipaddr.isValid(ip)) return { forbidden: true, reason: `not an IP address: ${ip}` };
  const address = ipaddr.parse(ip);
  const reason = address.kind() === "ipv4" ? refusedV4(address as ipaddr.IPv4) : refusedV6(address as ipaddr.IPv6, ip);
  return reason ? { forbidden: true, reason } : { forbidden: false };
}

function refusedV4(address: ipaddr.IPv4): string | null {
  const ip = address.toString();
  const label = METADATA[ip] ?? V4_REFUSED[address.range()];
  return label ? `${label} ${ip}` : null;
}

function refusedV6(address: ipaddr.IPv6, ip: string): string | null {
  const plain = new ipaddr.IPv6(address.parts); // without a zone id
  const metadata = METADATA[plain.toString()];
  if (metadata) return `${metadata} ${ip}`;
  const embedded = embeddedV4(plain);
  if (embedded) {
    const inner = refusedV4(embedded.address);
    return inner ? `${inner} (as ${embedded.via} ${ip})` : null;
  }
  const label = V6_REFUSED[plain.range()];
  if (label) return `${label} ${ip}`;
  // Only 2000::/3 is global unicast; the rest (IPv4-compatible ::a.b.c.d, 64:ff9b:1::/48 local
  // NAT64, unassigned space) is never a legitimate public target.
  if (!plain.match(ipaddr.IPv6.parse("2000::"), 3)) return `reserved address ${ip}`;
  return null;
}

/** IPv6 forms that carry an IPv4 address the traffic really goes to (or comes from). */
function embeddedV4(address: ipaddr.IPv6): { via: string; address: ipaddr.IPv4 } | null {
  const p = address.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  switch (address.range()) {
    case "ipv4Mapped":
      return { via: "IPv4-mapped address", address: address.toIPv4Address() };
    case "rfc6145":
      return { via: "IPv4-translated address", address: v4(p[6], p[7]) };
    case "6to4":
      return { via: "6to4 address", address: v4(p[1], p[2]) };
    case "teredo":
      // The client's address is stored inverted in the last 32 bits (RFC 4380).
      return { via: "Teredo address", address: v4(~p[6] & 0xffff, ~p[7] & 0xffff) };
  }
  if (address.match(ipaddr.IPv6.parse("64:ff9b::"), 96)) {
    return { via: "NAT64 address", address: v4(p[6], p[7]) };
  }
  return null;
}

const SPECIAL_HOSTS: [test: (host: string) => boolean, reason: string][] = [
  [(h) => h === "metadata.google.internal", "a cloud metadata hostname"],
  [(h) => h === "localhost" || h.endsWith(".localhost"), "a loopback hostname"],
  [(h) => h.endsWith(".local"), "a local-network (mDNS) hostname"],
  [(h) => h === "internal" || h.endsWith(".internal"), "an internal hostname"],
];

/**
 * Shape and scheme only: what must hold at send time too (the URL may have been saved before
 * the dataspace switched HTTP off).
 */
export function parseTargetUrl(input: string, options: { allowHttp: boolean }): TargetCheck {
  const invalid = (message: string): TargetCheck => ({ ok: false, kind: "invalid_url", message });
  if (input.length > MAX_TARGET_URL_LENGTH) {
    return invalid(`URL is ${input.length} characters long; the limit is ${MAX_TARGET_URL_LENGTH}`);
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return invalid(`"${input.slice(0, 100)}" is not a valid absolute URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return invalid(`URL scheme must be https (got ${url.protocol.replace(/:$/, "")})`);
  }
  if (url.protocol === "http:" && !options.allowHttp) {
    return invalid("URL must use https; plain http is not allowed in this dataspace");
  }
  if (url.username !== "" || url.password !== "") {
    return invalid("URL must not contain credentials (user:password@); use extra headers instead");
  }
  if (url.href.includes("#")) return invalid("URL must not contain a fragment (#…)");
  return { ok: true, url };
}

/** The host of a parsed URL as an IP address, without IPv6 brackets; null for a hostname. */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(host) && (host.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(host)) ? host : null;
}

/** Refuses a forbidden IP-literal host unless allow-listed. */
export function checkIpLiteral(ip: string, allowList: AllowList): AddressVerdict {
  return isAllowListedAddress(allowList, ip) ? { forbidden: false } : isForbiddenAddress(ip);
}

/** The save-time check. DNS is not resolved here; the connect-time check covers that. */
export function checkTargetUrl(input: string, options: { allowHttp: boolean; allowList: AllowList }): TargetCheck {
  const parsed = parseTargetUrl(input, options);
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  const ip = ipLiteralOf(url);
  if (ip !== null) {
    const verdict = checkIpLiteral(ip, options.allowList);
    if (verdict.forbidden) {
      return { ok: false, kind: "forbidden_address", message: `webhooks may not reach ${verdict.reason}` };
    }
    return parsed;
  }
  const host = normalizeHostname(url.hostname);
  if (isAllowListedHost(options.allowList, host)) return parsed;
  const special = SPECIAL_HOSTS.find(([test]) => test(host));
  if (special) {
    return { ok: false, kind: "forbidden_address", message: `webhooks may not reach ${host}: it is ${special[1]}` };
  }
  return parsed;
}
