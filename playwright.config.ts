import { defineConfig } from "@playwright/test";
import { APP_PORT, APP_URL, DATA_DIR, ENV_OIDC_CLIENT, GITHUB_FAKE_URL, IDP_ISSUER, STATUSPAGE_API_URL, STATUSPAGE_FAKE_URL } from "./e2e/support/settings";
import { DATADOG_FAKE_URL } from "./e2e/support/datadog-settings";
import { SLACK_FAKE_URL } from "./e2e/support/slack-settings";

const CI = !!process.env.CI;

/**
 * End-to-end: real Chromium, the production build served by server.ts on a fresh embedded
 * PostgreSQL, and a real OpenID Provider (e2e/idp). Run with `npm run test:e2e`, which builds
 * first. The first-run spec must meet an empty instance, so it runs first as its own project.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // One server and one database for the whole run.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: APP_URL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    // A retry would meet an instance that is no longer empty: never retried.
    { name: "first-run", testMatch: "auth/first-run.spec.ts", retries: 0 },
    { name: "flows", testIgnore: "auth/first-run.spec.ts", dependencies: ["first-run"] },
  ],
  webServer: [
    {
      name: "idp",
      command: "node_modules/.bin/tsx e2e/idp/server.ts",
      url: `${IDP_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // The app reads STATUSPAGE_API_URL at start, so the fake runs for the whole run.
      name: "statuspage",
      command: "node_modules/.bin/tsx e2e/statuspage/server.ts",
      url: `${STATUSPAGE_FAKE_URL}/_fake/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // Issue sync's GitHub: integrations name it as their apiUrl (127.0.0.1 is allow-listed by start-app.ts).
      name: "github",
      command: "node_modules/.bin/tsx e2e/github/server.ts",
      url: `${GITHUB_FAKE_URL}/_fake/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // Notifications' Slack: integrations name it as their apiUrl (127.0.0.1 is allow-listed by start-app.ts).
      name: "slack",
      command: "node_modules/.bin/tsx e2e/support/slack-server.ts",
      url: `${SLACK_FAKE_URL}/_fake/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // Telemetry's Datadog: the app sends to it as its DATADOG_API_URL.
      name: "datadog",
      command: "node_modules/.bin/tsx e2e/support/datadog-server.ts",
      url: `${DATADOG_FAKE_URL}/_fake/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "app",
      command: "node_modules/.bin/tsx e2e/support/start-app.ts",
      url: APP_URL,
      reuseExistingServer: false,
      timeout: 120_000,
      // server.ts stops the embedded PostgreSQL on SIGTERM; start-app.ts then removes its data.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(APP_PORT),
        HOST: "localhost",
        AUTH_URL: APP_URL,
        SWITCHBOARD_DATA_DIR: DATA_DIR,
        SEED_DEMO: "true",
        OIDC_ISSUER: IDP_ISSUER,
        OIDC_CLIENT_ID: ENV_OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: ENV_OIDC_CLIENT.secret,
        OIDC_NAME: ENV_OIDC_CLIENT.name,
        // The Statuspage fake above: its host is then reachable, over plain http (docs/operations.md#statuspage).
        STATUSPAGE_API_URL,
        DATADOG_API_URL: DATADOG_FAKE_URL,
      },
    },
  ],
});
