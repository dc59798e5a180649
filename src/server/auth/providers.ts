import type { OIDCConfig, Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import GitLab from "next-auth/providers/gitlab";
import { env } from "@/env";

/**
 * The external sign-in providers: the instance-wide ones configured by environment (OIDC,
 * GitHub, GitLab) and one OIDC provider per enabled per-dataspace SSO connection. Each appears
 * only when configured. `withFetch` lets the caller observe the provider's HTTP calls (used to
 * explain a misconfiguration, see sign-in-failure.ts).
 */

export type ProviderKind = "oidc" | "github" | "gitlab" | "sso";
export type SignInProviderInfo = { id: string; name: string; kind: ProviderKind };

const SSO_PREFIX = "sso-";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ssoProviderId = (connectionId: string) => `${SSO_PREFIX}${connectionId}`;

/** The connection id in a provider id like "sso-<uuid>", or null. */
export function ssoConnectionIdOf(providerId: string | null | undefined): string | null {
  if (!providerId?.startsWith(SSO_PREFIX)) return null;
  const id = providerId.slice(SSO_PREFIX.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** The instance-wide providers that are configured, for the sign-in page. */
export function envProviderInfos(): SignInProviderInfo[] {
  const e = env();
  const list: SignInProviderInfo[] = [];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) list.push({ id: "oidc", name: e.OIDC_NAME, kind: "oidc" });
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub", kind: "github" });
  if (e.AUTH_GITLAB_ID && e.AUTH_GITLAB_SECRET) list.push({ id: "gitlab", name: "GitLab", kind: "gitlab" });
  return list;
}

type FetchOption = { fetch?: typeof fetch; fetchSymbol?: symbol };

// Auth.js reads a custom fetch from a symbol-keyed option; symbols survive only under `options`.
function fetchOptions({ fetch: fetchImpl, fetchSymbol }: FetchOption): Record<symbol, typeof fetch> {
  return fetchImpl && fetchSymbol ? { [fetchSymbol]: fetchImpl } : {};
}

/**
 * An OpenID Connect provider with PKCE and state checks. The profile is read from the userinfo
 * endpoint (`idToken: false`; the ID token is still validated): many providers, oidc-provider
 * among them, put email claims only there for the authorization-code flow.
 */
function oidcProvider(input: { id: string; name: string; issuer: string; clientId: string; clientSecret: string }, f: FetchOption) {
  const provider: OIDCConfig<Record<string, unknown>> & { options: Record<symbol, typeof fetch> } = {
    id: input.id,
    name: input.name,
    type: "oidc",
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    checks: ["pkce", "state"],
    idToken: false,
    options: fetchOptions(f),
  };
  return provider as Provider;
}

export function envProviders(f: FetchOption = {}): Provider[] {
  const e = env();
  const list: Provider[] = [];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    list.push(
      oidcProvider({ id: "oidc", name: e.OIDC_NAME, issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }, f),
    );
  }
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET, ...fetchOptions(f) }));
  }
  if (e.AUTH_GITLAB_ID && e.AUTH_GITLAB_SECRET) {
    // GitLab's provider appends "oauth/authorize" to the base URL: it must end with a slash.
    const baseUrl = e.GITLAB_URL.endsWith("/") ? e.GITLAB_URL : `${e.GITLAB_URL}/`;
    list.push(
      GitLab({ clientId: e.AUTH_GITLAB_ID, clientSecret: e.AUTH_GITLAB_SECRET, baseUrl, ...fetchOptions(f) } as never),
    );
  }
  return list;
}

export type SsoConnectionForSignIn = { id: string; name: string; issuer: string; clientId: string; clientSecret: string };

export function ssoProvider(connection: SsoConnectionForSignIn, f: FetchOption = {}) {
  return oidcProvider({ ...connection, id: ssoProviderId(connection.id) }, f);
}
