import os from "node:os";
import path from "node:path";

/**
 * Where the e2e run puts everything, shared by playwright.config.ts, the test IdP and the specs.
 * The app runs on `localhost` and the IdP on `127.0.0.1`, so the browser keeps their cookies apart.
 */
export const APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const APP_URL = `http://localhost:${APP_PORT}`;

export const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3187);
export const IDP_ISSUER = `http://127.0.0.1:${IDP_PORT}`;
/** The test IdP accepts any email address with this password. */
export const IDP_PASSWORD = "idp-password";

/** The instance-wide OIDC client (OIDC_* env of the app): the "Test IdP" button on /signin. */
export const ENV_OIDC_CLIENT = { id: "switchboard-e2e", secret: "e2e-env-client-secret", name: "Test IdP" } as const;
/** A second client of the same IdP, for per-dataspace SSO connections made in Settings. */
export const SSO_CLIENT = { id: "switchboard-sso", secret: "e2e-sso-client-secret" } as const;

/**
 * A fresh data directory per run (embedded PostgreSQL, generated secrets), so the first-run
 * setup spec always meets an empty instance. Set once in the runner process; workers inherit it.
 */
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `switchboard-e2e-${process.pid}`);
export const DATA_DIR = process.env.E2E_DATA_DIR;

/** The instance owner created by the first-run setup spec; the other specs reuse its session. */
export const OWNER = { email: "owner@switchboard.test", name: "Olivia Owner", password: "correct horse battery staple" } as const;
export const OWNER_STATE = path.join(import.meta.dirname, "..", "..", "test-results", ".auth", "owner.json");

/**
 * The stateful Statuspage fake (src/server/integrations/statuspage/fake), started by
 * playwright.config.ts as a webServer; the app calls it as its STATUSPAGE_API_URL. Specs make a
 * page with `POST /_fake/pages` and watch it with `GET /_fake/pages/<id>`.
 */
export const STATUSPAGE_FAKE_PORT = Number(process.env.E2E_STATUSPAGE_PORT ?? 3188);
export const STATUSPAGE_FAKE_URL = `http://127.0.0.1:${STATUSPAGE_FAKE_PORT}`;
export const STATUSPAGE_API_URL = `${STATUSPAGE_FAKE_URL}/v1`;

/**
 * The stateful GitHub fake (src/server/integrations/github/fake), started by playwright.config.ts
 * as a webServer; a GitHub integration's config names it as `apiUrl`. Specs set it up and act on
 * it through `/_fake/` (users, repos, hooks, a person commenting; fake-github-control.ts).
 */
export const GITHUB_FAKE_PORT = Number(process.env.E2E_GITHUB_PORT ?? 3189);
export const GITHUB_FAKE_URL = `http://127.0.0.1:${GITHUB_FAKE_PORT}`;
