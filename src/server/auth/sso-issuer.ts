import { z } from "zod";

/**
 * The issuer of an OpenID Connect provider: what an admin types, and the check that it serves a
 * discovery document. The same URL rules apply to OIDC_ISSUER and to per-dataspace connections.
 */

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why an issuer URL is unacceptable, or null when it is fine. */
export function issuerUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the issuer as a full URL, e.g. https://login.example.com";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname))) {
    return "The issuer must use https:// (http:// is allowed only for localhost and 127.0.0.1)";
  }
  if (url.username || url.password) return "The issuer URL must not contain a user name or password";
  if (url.search || url.hash) return "The issuer URL must not have a query string or fragment";
  return null;
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

const discoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  userinfo_endpoint: z.string().url().optional(),
});
export type DiscoveryDocument = z.output<typeof discoveryDocument>;

export class IssuerCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IssuerCheckError";
  }
}

// Issuers compare as URLs: "https://idp.example" and "https://idp.example/" are the same.
const sameIssuer = (a: string, b: string) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
};

/**
 * Loads and checks the discovery document. Errors say what went wrong in words an admin can act
 * on; they never echo the response body (the URL may point anywhere).
 */
export async function fetchDiscovery(issuer: string, options: { timeoutMs?: number } = {}): Promise<DiscoveryDocument> {
  const url = discoveryUrl(issuer);
  const timeoutMs = options.timeoutMs ?? 5000;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new IssuerCheckError(
      timedOut ? `${url} did not answer within ${timeoutMs / 1000} s` : `Could not load ${url} (the server is unreachable)`,
    );
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new IssuerCheckError(`Could not load ${url} (HTTP ${response.status})`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new IssuerCheckError(`${url} is not a JSON document`);
  }
  const parsed = discoveryDocument.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new IssuerCheckError(`${url} is not a valid OpenID configuration (missing or invalid: ${fields})`);
  }
  if (!sameIssuer(parsed.data.issuer, issuer)) {
    throw new IssuerCheckError(`The provider calls itself "${parsed.data.issuer}"; enter exactly that as the issuer`);
  }
  return parsed.data;
}
