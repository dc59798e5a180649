import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An OpenID provider that only answers discovery, on 127.0.0.1: enough for code that checks an
 * issuer before saving an SSO connection. `<issuer>/broken` serves a discovery document missing
 * its endpoints. Full sign-in flows use oidc-provider in e2e tests.
 */
export async function startFakeIssuer(): Promise<{ issuer: string; close: () => Promise<void> }> {
  let issuer = "";
  const server = createServer((req, res) => {
    if (req.url === "/broken/.well-known/openid-configuration") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ issuer: `${issuer}/broken` }));
      return;
    }
    if (req.url !== "/.well-known/openid-configuration") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
