/**
 * The e2e suite's OpenID Provider: a real, certified one (`oidc-provider`) on 127.0.0.1, with a
 * minimal login + consent UI built on its interaction API. Any email address signs in with
 * IDP_PASSWORD and is reported with `email_verified: true`, so each spec can invent its users.
 *
 * Started by playwright.config.ts as a webServer; `npx tsx e2e/idp/server.ts` runs it alone.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider, { type InteractionDetails } from "oidc-provider";
import { APP_URL, ENV_OIDC_CLIENT, IDP_ISSUER, IDP_PASSWORD, IDP_PORT, SSO_CLIENT } from "../support/settings";

// Auth.js names callbacks after the provider id ("oidc", "sso-<connection id>"); SSO connection
// ids are generated, so this test IdP accepts any callback of the app under test.
const CALLBACK_PREFIX = `${APP_URL}/api/auth/callback/`;

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "e2e-idp", alg: "RS256", use: "sig" };

const client = (id: string, secret: string, name: string) => ({
  client_id: id,
  client_secret: secret,
  client_name: name,
  redirect_uris: [`${CALLBACK_PREFIX}oidc`],
  post_logout_redirect_uris: [APP_URL],
  grant_types: ["authorization_code"],
  response_types: ["code"],
});

const provider = new Provider(IDP_ISSUER, {
  clients: [
    client(ENV_OIDC_CLIENT.id, ENV_OIDC_CLIENT.secret, "Switchboard (instance sign-in)"),
    client(SSO_CLIENT.id, SSO_CLIENT.secret, "Switchboard (dataspace SSO)"),
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ["e2e-idp-cookie-key-not-secret"] },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Put email and name in the ID token too: Auth.js reads the profile from it.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx: unknown, sub: string) => ({
    accountId: sub,
    claims: () => ({ sub, email: sub, email_verified: true, name: displayName(sub) }),
  }),
});

const allowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function (uri: string) {
  return allowed.call(this, uri) || (uri.startsWith(CALLBACK_PREFIX) && !uri.slice(CALLBACK_PREFIX.length).includes("/"));
};

for (const event of ["server_error", "authorization.error", "grant.error", "userinfo.error"]) {
  provider.on(event, (...args: unknown[]) => console.error(`[idp] ${event}:`, ...args.slice(1)));
}

/** "bob.smith@acme.test" → "Bob Smith": a readable name for any invented user. */
function displayName(email: string): string {
  return email
    .split("@")[0]
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(" ");
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const [, , uid, action] = url.pathname.split("/");
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page("Error", "<p>This sign-in session has expired.</p>"));

  if (req.method === "GET" && !action) {
    if (details.prompt.name === "login") return send(res, 200, loginPage(details));
    return send(res, 200, consentPage(details));
  }
  if (req.method === "GET" && action === "abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "The user cancelled" }, { mergeWithLastSubmission: false });
  }
  if (req.method === "POST" && action === "login") {
    const form = new URLSearchParams(await readBody(req));
    const email = (form.get("email") ?? "").trim().toLowerCase();
    if (!EMAIL.test(email) || form.get("password") !== IDP_PASSWORD) {
      return send(res, 200, loginPage(details, email, "Wrong email or password."));
    }
    return provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
  }
  if (req.method === "POST" && action === "consent") {
    const { prompt, params, session } = details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session!.accountId, clientId: params.client_id });
    if (!grant) return send(res, 400, page("Error", "<p>Unknown grant.</p>"));
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  send(res, 404, page("Not found", "<p>Not found.</p>"));
}

function loginPage(details: InteractionDetails, email = String(details.params.login_hint ?? ""), error = ""): string {
  return page(
    "Sign in to Test IdP",
    `${error ? `<p role="alert">${escape(error)}</p>` : ""}
    <form method="post" action="/interaction/${details.uid}/login">
      <label>Email <input type="email" name="email" value="${escape(email)}" required autofocus></label>
      <label>Password <input type="password" name="password" required></label>
      <button type="submit">Sign in</button>
    </form>
    <p><a href="/interaction/${details.uid}/abort">Cancel</a></p>`,
  );
}

function consentPage(details: InteractionDetails): string {
  return page(
    "Authorize Switchboard",
    `<p>${escape(details.params.client_id)} asks for: ${escape(String(details.params.scope ?? "openid"))}</p>
    <form method="post" action="/interaction/${details.uid}/consent"><button type="submit">Allow</button></form>
    <p><a href="/interaction/${details.uid}/abort">Deny</a></p>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const oidc = provider.callback();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", IDP_ISSUER);
  if (!url.pathname.startsWith("/interaction/")) return oidc(req, res);
  handleInteraction(req, res, url).catch((error: unknown) => {
    console.error("[idp] interaction failed:", error);
    if (!res.headersSent) send(res, 400, page("Error", `<p>${escape(error instanceof Error ? error.message : String(error))}</p>`));
  });
});

server.listen(IDP_PORT, "127.0.0.1", () => console.log(`[idp] OpenID Provider ready at ${IDP_ISSUER}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
