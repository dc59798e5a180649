import { Resolver } from "node:dns/promises";
import { env } from "@/env";

/**
 * The DNS half of proving an email domain: the claim's owner publishes
 * `_switchboard-challenge.<domain>  TXT  "switchboard-verify=<token>"`, and we look it up.
 * The resolver is a parameter so tests (and operators with split-horizon DNS) can name servers.
 */

export type TxtResolver = Pick<Resolver, "resolveTxt">;

export const challengeRecordName = (domain: string) => `_switchboard-challenge.${domain}`;
export const challengeRecordValue = (token: string) => `switchboard-verify=${token}`;

const DNS_TIMEOUT_MS = 3000;

/**
 * The resolver "Check now" uses: DOMAIN_PROOF_DNS_SERVERS when set, else the system's; with a
 * timeout and one retry so a check never hangs a request.
 */
export function systemTxtResolver(): TxtResolver {
  const servers = env().DOMAIN_PROOF_DNS_SERVERS?.split(",").map((s) => s.trim()).filter(Boolean);
  if (servers?.length) return txtResolverFor(servers);
  return new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });
}

/** A resolver that asks only these servers ("127.0.0.1:5353", "[::1]:53", "10.0.0.2"). */
export function txtResolverFor(servers: string[]): TxtResolver {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });
  resolver.setServers(servers);
  return resolver;
}

export type TxtCheck = { proven: true } | { proven: false; problem: string };

const NOT_FOUND_CODES = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

/** Whether the domain publishes the claim's TXT record; otherwise, what an admin should fix. */
export async function checkChallengeRecord(domain: string, token: string, resolver: TxtResolver): Promise<TxtCheck> {
  const name = challengeRecordName(domain);
  const expected = challengeRecordValue(token);
  let records: string[][];
  try {
    records = await resolver.resolveTxt(name);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (NOT_FOUND_CODES.has(code)) return { proven: false, problem: `No TXT record found at ${name}` };
    return { proven: false, problem: `The DNS lookup of ${name} failed (${code || "no answer"}); try again later` };
  }
  // A TXT record may arrive split into 255-byte strings; its value is their concatenation.
  const values = records.map((chunks) => chunks.join(""));
  if (values.some((value) => value.trim() === expected)) return { proven: true };
  return {
    proven: false,
    problem: values.some((v) => v.startsWith("switchboard-verify="))
      ? `The TXT record at ${name} has a different token; it must be exactly ${expected}`
      : `No TXT record at ${name} reads ${expected}`,
  };
}
