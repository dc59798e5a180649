import { env } from "@/env";
import { db } from "@/server/db/client";
import { envProviderInfos, ssoConnectionIdOf } from "./providers";
import { discoveryUrl } from "./sso-issuer";

/**
 * Turning a failed external sign-in into a message that names the setting to fix. Auth.js only
 * tells the error page "Configuration"; we watch the provider's HTTP calls instead (a traced
 * fetch) and classify from what the identity provider actually answered. The sign-in page gets
 * only `provider` + `reason` in its URL and writes the message itself from stored settings, so a
 * crafted link cannot put arbitrary text on the page.
 */

export const SIGN_IN_FAILURE_REASONS = [
  "issuer_unreachable",
  "issuer_invalid",
  "client_rejected",
  "idp_denied",
  "expired",
  "domain_not_allowed",
  "email_unverified",
  "no_email",
  "account_conflict",
  "connection_unavailable",
  "secret_unreadable",
  "unknown",
] as const;
export type SignInFailureReason = (typeof SIGN_IN_FAILURE_REASONS)[number];

export const isSignInFailureReason = (value: unknown): value is SignInFailureReason =>
  typeof value === "string" && (SIGN_IN_FAILURE_REASONS as readonly string[]).includes(value);

export type FetchTrace = { url: string; discovery: boolean; status?: number; networkError?: boolean; validDiscovery?: boolean; oauthError?: string };
/** What one sign-in attempt did: the provider's HTTP calls, the error Auth.js logged, or a reason known up front. */
export type SignInTrace = { fetches: FetchTrace[]; error?: unknown; reason?: SignInFailureReason };

export const newSignInTrace = (): SignInTrace => ({ fetches: [] });

/** A fetch for providers that records what each call returned, with a timeout. */
export function tracingFetch(trace: SignInTrace, timeoutMs = 10_000): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const entry: FetchTrace = { url, discovery: url.includes("/.well-known/") };
    trace.fetches.push(entry);
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      entry.networkError = true;
      throw error;
    }
    entry.status = response.status;
    if (entry.discovery && response.status === 200) {
      const body = await response.clone().json().catch(() => null);
      entry.validDiscovery = typeof body?.issuer === "string" && typeof body?.authorization_endpoint === "string";
    } else if (response.status >= 400) {
      const body = await response.clone().json().catch(() => null);
      if (typeof body?.error === "string") entry.oauthError = body.error;
    }
    return response;
  };
}

const CLIENT_ERRORS = new Set(["invalid_client", "unauthorized_client", "invalid_request_uri", "unauthorized"]);

function oauthErrorCodeOf(error: unknown): string | undefined {
  // Auth.js wraps errors; the provider's `error=` code sits somewhere in the cause chain.
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const record = e as { error?: unknown; cause?: unknown; type?: string };
    if (typeof record.error === "string") return record.error;
    const cause = record.cause as { error?: unknown; err?: unknown } | undefined;
    if (typeof cause?.error === "string") return cause.error;
    e = cause?.err ?? record.cause;
  }
  return undefined;
}

export function classifySignInFailure(trace: SignInTrace): SignInFailureReason {
  if (trace.reason) return trace.reason;
  const discovery = trace.fetches.filter((f) => f.discovery);
  if (discovery.some((f) => f.networkError || f.status !== 200)) return "issuer_unreachable";
  if (discovery.some((f) => f.validDiscovery === false)) return "issuer_invalid";
  const rejected = trace.fetches.some((f) => (f.oauthError && CLIENT_ERRORS.has(f.oauthError)) || f.status === 401);
  if (rejected) return "client_rejected";
  const type = (trace.error as { type?: string } | undefined)?.type;
  if (type === "InvalidCheck") return "expired";
  if (type === "OAuthCallbackError") {
    const code = oauthErrorCodeOf(trace.error);
    return code && CLIENT_ERRORS.has(code) ? "client_rejected" : "idp_denied";
  }
  if (trace.fetches.some((f) => f.networkError)) return "issuer_unreachable";
  return "unknown";
}

/** The sign-in page path that shows a failure. */
export function signInFailurePath(providerId: string, reason: SignInFailureReason): string {
  return `/signin?${new URLSearchParams({ error: "SignInFailed", provider: providerId, reason })}`;
}

type Subject = { label: string; issuer?: string; issuerSetting: string; clientSetting: string; domains?: string[] };

async function subjectFor(providerId: string): Promise<Subject | null> {
  const connectionId = ssoConnectionIdOf(providerId);
  if (connectionId) {
    const c = await db.ssoConnection.findUnique({
      where: { id: connectionId },
      select: { name: true, issuer: true, allowedDomains: true },
    });
    if (!c) return null;
    return {
      label: `SSO connection '${c.name}'`,
      issuer: c.issuer,
      issuerSetting: "the Issuer URL",
      clientSetting: "the Client ID and Client secret",
      domains: c.allowedDomains,
    };
  }
  const info = envProviderInfos().find((p) => p.id === providerId);
  if (!info) return null;
  const e = env();
  if (info.kind === "oidc") {
    return { label: `Sign-in with '${info.name}'`, issuer: e.OIDC_ISSUER, issuerSetting: "OIDC_ISSUER", clientSetting: "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET" };
  }
  if (info.kind === "gitlab") {
    return { label: "Sign-in with GitLab", issuerSetting: "GITLAB_URL", clientSetting: "AUTH_GITLAB_ID and AUTH_GITLAB_SECRET" };
  }
  return { label: "Sign-in with GitHub", issuerSetting: "the network connection to github.com", clientSetting: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET" };
}

/** The message for a failed external sign-in, built only from stored settings. */
export async function describeSignInFailure(providerId: string, reason: SignInFailureReason): Promise<string> {
  if (reason === "account_conflict") {
    return "An account with this email address already exists. Sign in the way you did before.";
  }
  const subject = await subjectFor(providerId);
  if (!subject || reason === "connection_unavailable") {
    return "This sign-in option is no longer available. Choose another one or ask your admin.";
  }
  const { label } = subject;
  const where = subject.issuer ? discoveryUrl(subject.issuer) : "the provider";
  switch (reason) {
    case "issuer_unreachable":
      return `${label} failed: could not load ${where} — check ${subject.issuerSetting}`;
    case "issuer_invalid":
      return `${label} failed: ${where} is not a valid OpenID configuration for this issuer — check ${subject.issuerSetting}`;
    case "client_rejected":
      return `${label} failed: the identity provider rejected the client credentials — check ${subject.clientSetting}`;
    case "idp_denied":
      return `${label}: the identity provider did not complete the sign-in. Try again, or ask your admin.`;
    case "expired":
      return `${label}: the sign-in took too long or was started in another tab. Try again.`;
    case "domain_not_allowed":
      return `${label} only accepts email addresses at ${subject.domains?.join(", ") || "its allowed domains"}.`;
    case "email_unverified":
      return `${label}: your email address is not verified at the identity provider.`;
    case "secret_unreadable":
      return `${label} failed: its client secret cannot be decrypted with the current SECRETS_KEY — enter the Client secret again`;
    case "no_email":
      return `${label}: the identity provider did not share an email address.`;
    default:
      return `${label} failed. Try again; if it keeps failing, the server log says why.`;
  }
}
