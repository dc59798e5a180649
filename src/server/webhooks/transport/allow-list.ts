import ipaddr from "ipaddr.js";

/** The instance's allow-list of internal webhook targets (the policy is in target-policy.ts). */
type Address = ipaddr.IPv4 | ipaddr.IPv6;

export type AllowList = {
  readonly cidrs: readonly (readonly [Address, number])[];
  readonly hostnames: ReadonlySet<string>;
  /** For `*.corp.example`, the suffix `.corp.example`. */
  readonly hostSuffixes: readonly string[];
};

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function parseAllowList(spec: string | undefined): AllowList {
  const cidrs: [Address, number][] = [];
  const hostnames = new Set<string>();
  const hostSuffixes: string[] = [];
  for (const raw of (spec ?? "").split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const cidr = parseCidrEntry(entry);
    if (cidr) {
      cidrs.push(cidr);
      continue;
    }
    const host = normalizeHostname(entry);
    if (host.startsWith("*.") && isHostname(host.slice(2))) hostSuffixes.push(host.slice(1));
    else if (isHostname(host)) hostnames.add(host);
    else {
      throw new Error(
        `webhook allow-list entry "${entry}" is not a CIDR (10.0.0.0/8), an IP address or a hostname (hooks.example, *.corp.example)`,
      );
    }
  }
  return { cidrs, hostnames, hostSuffixes };
}

/** A DNS name; a numeric last label would make URLs read it as an IPv4 address ("10.1"). */
function isHostname(host: string): boolean {
  return HOSTNAME.test(host) && !/^(\d+|0x[0-9a-f]*)$/.test(host.slice(host.lastIndexOf(".") + 1));
}

function parseCidrEntry(entry: string): [Address, number] | null {
  const [ip, bits, ...rest] = entry.split("/");
  if (rest.length > 0) return null;
  // Four-part decimal only: ipaddr would also read "10.1" or "0x7f.1", which nobody means here.
  const isV4 = ipaddr.IPv4.isValidFourPartDecimal(ip);
  if (!isV4 && !(ipaddr.IPv6.isValid(ip) && !ip.includes("%"))) return null;
  const max = isV4 ? 32 : 128;
  if (bits === undefined) return [ipaddr.parse(ip), max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return null;
  return [ipaddr.parse(ip), Number(bits)];
}

/** Lowercase, without a trailing dot (`localhost.` is `localhost` to a resolver). */
export function normalizeHostname(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

/** IPv4-mapped IPv6 addresses compare as the IPv4 address they carry. */
function toComparable(ip: string): Address | null {
  return ipaddr.isValid(ip) ? ipaddr.process(ip) : null;
}

export function isAllowListedAddress(allowList: AllowList, ip: string): boolean {
  const address = toComparable(ip);
  if (!address) return false;
  return allowList.cidrs.some(
    ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
  );
}

export function isAllowListedHost(allowList: AllowList, hostname: string): boolean {
  const host = normalizeHostname(hostname);
  return allowList.hostnames.has(host) || allowList.hostSuffixes.some((suffix) => host.endsWith(suffix));
}

