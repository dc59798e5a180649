/**
 * The e2e run's Slack: the stateful fake (src/server/integrations/slack/fake) started by
 * playwright.config.ts from slack-server.ts. A Slack integration's config names `SLACK_API_URL`
 * as its `apiUrl` (the app reaches 127.0.0.1 because start-app.ts allow-lists it); specs add bots
 * and channels and read what was posted through its `/_fake/` control surface (fake/control.ts).
 */
export const SLACK_FAKE_PORT = Number(process.env.E2E_SLACK_PORT ?? 3190);
export const SLACK_FAKE_URL = `http://127.0.0.1:${SLACK_FAKE_PORT}`;
export const SLACK_API_URL = `${SLACK_FAKE_URL}/api/`;
