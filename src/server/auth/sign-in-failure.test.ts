import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { encryptSecret } from "@/server/secrets/crypto";
import { classifySignInFailure, describeSignInFailure, newSignInTrace, tracingFetch } from "./sign-in-failure";

// An identity provider with one good and a few broken behaviours, chosen by path.
let idp: Server;
let base: string;
beforeAll(async () => {
  process.env.SECRETS_KEY = `test:${randomBytes(32).toString("base64")}`;
  resetEnvCache();
  idp = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/good/.well-known/openid-configuration") {
      res.end(JSON.stringify({ issuer: `${base}/good`, authorization_endpoint: `${base}/good/auth` }));
    } else if (req.url === "/html/.well-known/openid-configuration") {
      res.setHeader("content-type", "text/html");
      res.end("<html>login portal</html>");
    } else if (req.url === "/good/token") {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: "invalid_client", error_description: "client authentication failed" }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => idp.close(resolve)));

async function traced(...urls: [string, RequestInit?][]) {
  const trace = newSignInTrace();
  const f = tracingFetch(trace, 2000);
  for (const [url, init] of urls) await f(url, init).catch(() => undefined);
  return trace;
}

describe("classifySignInFailure", () => {
  it("blames the issuer when discovery is unreachable or missing", async () => {
    expect(classifySignInFailure(await traced(["http://127.0.0.1:9/.well-known/openid-configuration"]))).toBe("issuer_unreachable");
    expect(classifySignInFailure(await traced([`${base}/nope/.well-known/openid-configuration`]))).toBe("issuer_unreachable");
  });

  it("blames the issuer when discovery answers with something else than a configuration", async () => {
    expect(classifySignInFailure(await traced([`${base}/html/.well-known/openid-configuration`]))).toBe("issuer_invalid");
  });

  it("blames the client credentials when the token endpoint rejects them", async () => {
    const trace = await traced([`${base}/good/.well-known/openid-configuration`], [`${base}/good/token`, { method: "POST" }]);
    expect(classifySignInFailure(trace)).toBe("client_rejected");
  });

  it("tells an identity provider's refusal from a configuration problem", () => {
    const denied = { fetches: [], error: { type: "OAuthCallbackError", cause: { error: "access_denied" } } };
    const badClient = { fetches: [], error: { type: "OAuthCallbackError", cause: { error: "unauthorized_client" } } };
    expect(classifySignInFailure(denied)).toBe("idp_denied");
    expect(classifySignInFailure(badClient)).toBe("client_rejected");
    expect(classifySignInFailure({ fetches: [], error: { type: "InvalidCheck" } })).toBe("expired");
  });
});

describe("describeSignInFailure", () => {
  it("names the SSO connection, the URL it tried and the setting to fix", async () => {
    const dataspace = await db.dataspace.create({ data: { slug: "acme", name: "Acme" } });
    const connection = await db.ssoConnection.create({
      data: {
        dataspaceId: dataspace.id,
        name: "Acme",
        issuer: "https://issuer.acme.test",
        clientId: "sb",
        clientSecretEncrypted: encryptSecret("secret"),
        allowedDomains: ["acme.test"],
      },
    });
    const provider = `sso-${connection.id}`;
    expect(await describeSignInFailure(provider, "issuer_unreachable")).toBe(
      "SSO connection 'Acme' failed: could not load https://issuer.acme.test/.well-known/openid-configuration — check the Issuer URL",
    );
    expect(await describeSignInFailure(provider, "client_rejected")).toMatch(/^SSO connection 'Acme' failed: .*check the Client ID and Client secret$/);
    expect(await describeSignInFailure(provider, "domain_not_allowed")).toBe("SSO connection 'Acme' only accepts email addresses at acme.test.");
    expect(await describeSignInFailure(`sso-${randomUUID()}`, "issuer_unreachable")).toMatch(
      /no longer available/,
    );
  });

  it("names the environment variables for the instance-wide OIDC provider", async () => {
    Object.assign(process.env, { OIDC_ISSUER: "https://login.corp.test", OIDC_CLIENT_ID: "sb", OIDC_CLIENT_SECRET: "x", OIDC_NAME: "Corp Login" });
    resetEnvCache();
    try {
      expect(await describeSignInFailure("oidc", "issuer_invalid")).toBe(
        "Sign-in with 'Corp Login' failed: https://login.corp.test/.well-known/openid-configuration is not a valid OpenID configuration for this issuer — check OIDC_ISSUER",
      );
      expect(await describeSignInFailure("oidc", "client_rejected")).toMatch(/check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET$/);
    } finally {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"]) delete process.env[key];
      resetEnvCache();
    }
  });
});
