import { createDataspace } from "./support/dashboard";
import { expect, hydrated, test, unique } from "./support/fixtures";
import { APP_URL } from "./support/settings";
import { SLACK_API_URL, SLACK_FAKE_URL } from "./support/slack-settings";

/**
 * Notifications to Slack, from the dashboard: a Slack integration with a bot token, against the
 * Slack fake (playwright.config.ts runs it as a webServer); a rule for `alert.triggered` to #ops
 * made on the Notifications page (a malformed channel refused by the field); an alert raised
 * through the REST API lands in #ops on "Slack" with its title, and the rule's log shows it sent.
 * "Send test notification" posts a test message, logged as such.
 */

type FakeMessage = { text: string; blocks?: unknown[] };

async function fake(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${SLACK_FAKE_URL}/_fake/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  expect(response.status, `${method} /_fake/${path}: ${JSON.stringify(answer)}`).toBe(method === "POST" ? 201 : 200);
  return answer;
}

/** What was posted in #ops that mentions `text` (the fake keeps every run's channel; texts are unique per run). */
async function opsMessagesWith(text: string): Promise<FakeMessage[]> {
  const messages = (await fake("GET", "channels/ops/messages")) as FakeMessage[];
  return messages.filter((m) => JSON.stringify(m).includes(text));
}

test("an alert raised through the API reaches the Slack channel of a rule made in the dashboard, and its log shows it sent", async ({ ownerPage: page }) => {
  const id = unique();
  const botToken = `xoxb-e2e-${id}-switchboard`;
  await fake("POST", "bots", { token: botToken, scopes: ["chat:write", "chat:write.public"], name: "switchboard" });
  await fake("POST", "channels", { name: "ops", members: [botToken] });

  const ruleName = `Alerts to ops ${id}`;
  const slug = await createDataspace(page, `Notify ${id}`);

  // The Slack integration: a bot, whose Web API is the fake.
  await page.goto(`/d/${slug}/integrations/new`);
  const createIntegration = await hydrated(page.getByRole("button", { name: "Create integration" }));
  await page.getByRole("radio", { name: "Slack" }).check();
  await page.getByLabel("Name").fill("Ops Slack");
  await page.getByLabel("Config").fill(JSON.stringify({ botToken, apiUrl: SLACK_API_URL }, null, 2));
  await createIntegration.click();
  await expect(page.getByRole("heading", { level: 1, name: "Ops Slack" })).toBeVisible();

  // A token to raise alerts with, as a monitor would.
  await page.goto(`/d/${slug}/api-tokens`);
  const createToken = await hydrated(page.getByRole("button", { name: "Create token" }));
  await page.getByLabel("Name", { exact: true }).fill("Monitor");
  await page.getByLabel("Alerts: write").check();
  await createToken.click();
  const token = await page.getByLabel("API token", { exact: true }).inputValue();

  // The rule, from the Notifications page.
  await page.getByRole("navigation", { name: "Dataspace" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page).toHaveURL(`/d/${slug}/notifications`);
  await expect(page.getByText("No notification rules yet")).toBeVisible();
  await page.getByRole("link", { name: "New rule" }).first().click();
  const createRule = await hydrated(page.getByRole("button", { name: "Create rule" }));
  await page.getByLabel("Name", { exact: true }).fill(ruleName);
  await page.getByLabel("Events", { exact: true }).fill("alert.triggered");
  await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("slack");
  await page.getByLabel("Integration").selectOption({ label: "Ops Slack" });
  // A channel without its "#" is refused by the field, in words.
  await page.getByLabel("Slack channel").fill("ops");
  await createRule.click();
  await expect(page.getByLabel("Slack channel")).toHaveAccessibleDescription(/Channel must be "#name"/);
  await page.getByLabel("Slack channel").fill("#ops");
  await createRule.click();
  await expect(page).toHaveURL(new RegExp(`/d/${slug}/notifications/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: ruleName })).toBeVisible();
  await expect(page.getByText("Slack #ops via Ops Slack").first()).toBeVisible();
  const rulePath = new URL(page.url()).pathname;

  // An alert raised through the REST API: its message in #ops carries the alert's title.
  const title = `Checkout latency above 2 s ${id}`;
  const raised = await fetch(`${APP_URL}/api/v1/alerts`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title, severity: "critical" }),
  });
  expect(raised.status).toBe(201);
  await expect.poll(async () => (await opsMessagesWith(title)).length, { timeout: 15_000 }).toBe(1);

  // The rule's log shows it sent.
  const log = page.getByRole("table", { name: "Messages" });
  await expect(async () => {
    await page.goto(rulePath);
    await expect(log.getByRole("row").filter({ hasText: title })).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(log.getByRole("row").filter({ hasText: title })).toContainText("alert.triggered");

  // A test notification: posted to #ops, and in the log marked as a test, sent.
  await (await hydrated(page.getByRole("button", { name: "Send test notification" }))).click();
  await expect(page.getByText("Test notification queued")).toBeVisible();
  const testRow = log.getByRole("row").filter({ hasText: "Test notification from Switchboard" });
  await expect(testRow.getByText("Test", { exact: true })).toBeVisible();
  await expect(testRow).toContainText("Sent");
  expect(await opsMessagesWith(ruleName)).toHaveLength(1);

  // The list says where the rule sends, and that it is active.
  await page.getByRole("link", { name: "All notification rules" }).click();
  const row = page.getByRole("table", { name: "Notification rules" }).getByRole("row").filter({ hasText: ruleName });
  await expect(row).toContainText("Slack #ops via Ops Slack");
  await expect(row).toContainText("alert.triggered");
  await expect(row).toContainText("Active");
});
