/**
 * The e2e run's Datadog: the stateful fake (src/server/integrations/datadog/fake) started by
 * playwright.config.ts from datadog-server.ts; the app sends to it as its DATADOG_API_URL. Specs
 * accept an API key and read what was sent through its `/_fake/` control surface.
 */
export const DATADOG_FAKE_PORT = Number(process.env.E2E_DATADOG_PORT ?? 3191);
export const DATADOG_FAKE_URL = `http://127.0.0.1:${DATADOG_FAKE_PORT}`;
