import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { envProviderInfos, envProviders, ssoConnectionIdOf, ssoProvider, ssoProviderId } from "./providers";

const KEYS = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME", "AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET", "AUTH_GITLAB_ID", "AUTH_GITLAB_SECRET", "GITLAB_URL"];
function withEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
  resetEnvCache();
}
afterEach(() => {
  for (const key of KEYS) delete process.env[key];
  resetEnvCache();
});

type Loose = { id: string; type: string; options?: Record<string | symbol, unknown>; authorization?: unknown; checks?: string[] };

describe("sign-in providers", () => {
  it("offers only what is configured", () => {
    expect(envProviderInfos()).toEqual([]);
    withEnv({ AUTH_GITHUB_ID: "gh", AUTH_GITHUB_SECRET: "ghs", OIDC_ISSUER: "https://login.corp.test", OIDC_CLIENT_ID: "sb" });
    // OIDC without its secret is not configured.
    expect(envProviderInfos()).toEqual([{ id: "github", name: "GitHub", kind: "github" }]);
    withEnv({ OIDC_CLIENT_SECRET: "s", OIDC_NAME: "Corp Login" });
    expect(envProviderInfos().map((p) => p.id)).toEqual(["oidc", "github"]);
  });

  it("builds the OIDC provider with PKCE and state checks", () => {
    withEnv({ OIDC_ISSUER: "http://127.0.0.1:4000", OIDC_CLIENT_ID: "sb", OIDC_CLIENT_SECRET: "s" });
    const [oidc] = envProviders() as unknown as Loose[];
    expect(oidc).toMatchObject({ id: "oidc", type: "oidc", issuer: "http://127.0.0.1:4000", clientId: "sb", checks: ["pkce", "state"] });
  });

  it("points GitLab at a self-managed instance under a path", () => {
    withEnv({ AUTH_GITLAB_ID: "gl", AUTH_GITLAB_SECRET: "gls", GITLAB_URL: "https://git.corp.test/gitlab" });
    const [gitlab] = envProviders() as unknown as (Loose & { authorization: string; token: string })[];
    expect(gitlab.authorization).toBe("https://git.corp.test/gitlab/oauth/authorize?scope=read_user");
    expect(gitlab.token).toBe("https://git.corp.test/gitlab/oauth/token");
  });

  it("names SSO providers after their connection and hands them the traced fetch", () => {
    const id = "0199aaaa-bbbb-7ccc-8ddd-eeeeffff0000";
    const traced: typeof fetch = async () => new Response();
    const symbol = Symbol("custom-fetch");
    const provider = ssoProvider({ id, name: "Acme", issuer: "https://idp.acme.test", clientId: "c", clientSecret: "s" }, { fetch: traced, fetchSymbol: symbol }) as unknown as Loose;
    expect(provider.id).toBe(`sso-${id}`);
    expect(provider.options?.[symbol]).toBe(traced);
    expect(ssoConnectionIdOf(ssoProviderId(id))).toBe(id);
    expect(ssoConnectionIdOf("sso-not-a-uuid")).toBeNull();
    expect(ssoConnectionIdOf("github")).toBeNull();
  });
});
