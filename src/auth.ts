import NextAuth, { AuthError, CredentialsSignin, customFetch, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { credentialsInput } from "@/server/auth/auth.schema";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { INVALID_LOGIN_MESSAGE, login, tooManyAttemptsMessage, type SessionUser } from "@/server/auth/login";
import { envProviders, ssoConnectionIdOf, ssoProvider, type SsoConnectionForSignIn } from "@/server/auth/providers";
import { emailVerifiedClaim, resolveSignIn } from "@/server/auth/resolve-sign-in";
import {
  classifySignInFailure,
  describeSignInFailure,
  isSignInFailureReason,
  newSignInTrace,
  signInFailurePath,
  tracingFetch,
  type SignInTrace,
} from "@/server/auth/sign-in-failure";
import { loadEnabledSsoConnectionsForSignIn, loadSsoConnectionForSignIn } from "@/server/auth/sso-connections";
import { userOfSession } from "@/server/accounts/session-version";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { lastForwardedHop } from "@/server/http/client-address";
import { SecretDecryptionError } from "@/server/secrets/crypto";

/**
 * Auth.js (next-auth v5), initialized lazily per request so each dataspace's SSO connection is a
 * provider (`sso-<connection id>`) loaded from the database — but only on the requests that need
 * it (sign-in and callback for that provider), so `auth()` never queries for providers. The
 * mapping to our users lives in src/server/auth/resolve-sign-in.ts; this file is wiring.
 */

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
    /** The user's session version when this session was issued (see getSessionUser). */
    sessionVersion?: number;
  }
}

/** A refused local login; `code` is "invalid" or "rate_limited_<seconds>". */
class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/** The client address: the last X-Forwarded-For hop (added by our own proxy or by Next). */
export function clientIp(headers: Headers): string {
  return lastForwardedHop(headers.get("x-forwarded-for")) ?? headers.get("x-real-ip") ?? "unknown";
}

const credentials = Credentials({
  id: "credentials",
  credentials: { email: {}, password: {} },
  async authorize(input, request) {
    const parsed = credentialsInput.safeParse(input);
    if (!parsed.success) throw new LoginRefused("invalid");
    try {
      return await login({ ...parsed.data, ip: clientIp(request.headers) });
    } catch (error) {
      if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") throw new LoginRefused(`rate_limited_${error.retryAfterSeconds}`);
      if (error instanceof AppError && error.code === "UNAUTHORIZED") throw new LoginRefused("invalid");
      throw error;
    }
  },
});

function buildConfig(trace: SignInTrace, sso: SsoConnectionForSignIn[]): NextAuthConfig {
  const traced = { fetch: tracingFetch(trace), fetchSymbol: customFetch };
  return {
    trustHost: true, // self-hosted behind proxies; AUTH_URL stays optional
    session: { strategy: "jwt" }, // required by Credentials; signed with AUTH_SECRET
    pages: { signIn: "/signin", error: "/signin" },
    providers: [credentials, ...envProviders(traced), ...sso.map((c) => ssoProvider(c, traced))],
    logger: {
      error(error) {
        trace.error = error;
        if (error instanceof CredentialsSignin) return; // an expected outcome, not a fault
        // Auth.js messages are mostly a docs link; the type and the underlying cause say more.
        const type = (error as { type?: string }).type ?? error.name;
        const cause = (error.cause as { err?: Error } | undefined)?.err;
        const detail = cause ? `${cause.name}: ${cause.message}` : error.message.replace(/\.? ?Read more at \S+$/, "");
        console.error(`[auth] ${type}${detail ? `: ${detail}` : ""}`);
      },
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account) return false;
        const result = await resolveSignIn({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email ?? (typeof profile?.email === "string" ? profile.email : null),
          emailVerified: emailVerifiedClaim(profile?.email_verified),
          name: user.name,
          image: user.image,
        });
        if (!result.ok) return signInFailurePath(account.provider, result.reason);
        // Auth.js derives the token's `sub` from this object after the callback.
        user.id = result.userId;
        return true;
      },
      async jwt({ token, user, account }) {
        if (account && user?.id) {
          token.sub = user.id;
          const current = await db.user.findUnique({ where: { id: user.id }, select: { sessionVersion: true } });
          token.sv = current?.sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
        return session;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url)}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {}
        return baseUrl;
      },
    },
  };
}

const providerIdInPath = (pathname: string) => pathname.match(/\/(?:signin|callback)\/([^/]+)\/?$/)?.[1] ?? null;

/** The SSO providers a request needs: the one it names, or all of them for /providers. */
async function ssoConnectionsFor(providerId: string | null, trace: SignInTrace, all = false) {
  if (all) return loadEnabledSsoConnectionsForSignIn();
  const id = ssoConnectionIdOf(providerId);
  if (!id) return [];
  try {
    const connection = await loadSsoConnectionForSignIn(id);
    if (!connection) trace.reason = "connection_unavailable";
    return connection ? [connection] : [];
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    trace.reason = "secret_unreadable";
    return [];
  }
}

const traces = new WeakMap<object, SignInTrace>();
function traceFor(req: object): SignInTrace {
  let trace = traces.get(req);
  if (!trace) traces.set(req, (trace = newSignInTrace()));
  return trace;
}

const nextAuth = NextAuth(async (req) => {
  if (!req) return buildConfig(newSignInTrace(), []);
  const trace = traceFor(req);
  const { pathname } = new URL(req.url);
  return buildConfig(trace, await ssoConnectionsFor(providerIdInPath(pathname), trace, pathname.endsWith("/providers")));
});

export const { auth, signOut } = nextAuth;

/**
 * The /api/auth route. When an external sign-in fails, Auth.js sends the browser to
 * `/signin?error=Configuration`; we replace that with a reason the sign-in page can explain.
 */
async function handle(req: NextRequest): Promise<Response> {
  const response = await (req.method === "POST" ? nextAuth.handlers.POST : nextAuth.handlers.GET)(req);
  const trace = traces.get(req);
  const providerId = providerIdInPath(req.nextUrl.pathname);
  const location = response.headers.get("location");
  if (!trace || (!trace.error && !trace.reason) || !providerId || providerId === "credentials" || !location) return response;
  const target = new URL(location, req.url);
  if (target.pathname !== "/signin" || !target.searchParams.has("error") || target.searchParams.get("error") === "SignInFailed") {
    return response;
  }
  const reason = classifySignInFailure(trace);
  console.warn(`[auth] ${await describeSignInFailure(providerId, reason)}`);
  const headers = new Headers(response.headers);
  headers.set("location", new URL(signInFailurePath(providerId, reason), target.origin).toString());
  return new Response(null, { status: 302, headers });
}

export const handlers = { GET: handle, POST: handle };

export type StartSignInResult = { ok: true; url: string } | { ok: false; message: string };

function failureInUrl(url: string): { providerId: string | null; reason: string | null; error: string } | null {
  const parsed = new URL(url, "http://switchboard.invalid");
  const error = parsed.searchParams.get("error");
  if (parsed.pathname !== "/signin" || !error) return null;
  return { error, providerId: parsed.searchParams.get("provider"), reason: parsed.searchParams.get("reason") };
}

/**
 * Starts a sign-in from a server action: credentials sign in at once, external providers return
 * the identity provider's URL to redirect to. Failures come back as a message for the form.
 */
export async function startSignIn(
  providerId: string,
  options: { redirectTo: string; fields?: Record<string, string>; authorizationParams?: Record<string, string> },
): Promise<StartSignInResult> {
  const trace = newSignInTrace();
  const sso = await ssoConnectionsFor(providerId, trace);
  if (trace.reason) return { ok: false, message: await describeSignInFailure(providerId, trace.reason) };
  let url: string;
  try {
    url = await NextAuth(buildConfig(trace, sso)).signIn(providerId, {
      ...options.fields,
      redirectTo: safeCallbackPath(options.redirectTo),
      redirect: false,
    }, options.authorizationParams);
  } catch (error) {
    if (error instanceof LoginRefused) {
      const seconds = Number(error.code.match(/^rate_limited_(\d+)$/)?.[1]);
      return { ok: false, message: seconds ? tooManyAttemptsMessage(seconds) : INVALID_LOGIN_MESSAGE };
    }
    if (!(error instanceof AuthError)) throw error;
    trace.error ??= error;
    url = "/signin?error=Configuration";
  }
  const failure = failureInUrl(url);
  if (!failure) return { ok: true, url };
  const reason = failure.error === "SignInFailed" && isSignInFailureReason(failure.reason) ? failure.reason : classifySignInFailure(trace);
  const message = await describeSignInFailure(providerId, reason);
  if (providerId !== "credentials") console.warn(`[auth] ${message}`);
  return { ok: false, message };
}

/**
 * The signed-in user, checked against the database on every call (once per request in server
 * components): a session whose user was deleted stops working at once, and so does one issued
 * before the user's session version was raised (password change, reset, "sign out everywhere";
 * src/server/accounts/session-version.ts) — on the very next request, with no cache to expire.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => userOfSession(await auth()));

/** next-auth's `signIn` for server code, with the SSO connection providers (`sso-<id>`) too. */
export async function signIn(provider: string, options: { redirectTo?: string; redirect?: boolean } & Record<string, unknown> = {}) {
  const trace = newSignInTrace();
  return NextAuth(buildConfig(trace, await ssoConnectionsFor(provider, trace))).signIn(provider, options);
}
