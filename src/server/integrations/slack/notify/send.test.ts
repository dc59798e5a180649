import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { isNotificationSendError, type NotificationContent, type NotificationSendError } from "@/server/notifications/channel";
import { slackConfigSchema } from "../config";
import { startFakeSlack, type FakeSlack } from "../fake/fake-slack";
import type { FakeChannel } from "../fake/state";
import { sendSlackEphemeral, slackUserEmail } from "./people";
import { sendSlackNotification, type SlackSendInput } from "./send";

/**
 * The Slack channel against the fake Slack over real HTTP, with the real @slack/web-api and
 * @slack/webhook going through the guarded platformFetch (the fake's 127.0.0.1 allow-listed, as
 * an operator would with WEBHOOK_ALLOWED_TARGETS): what lands in the channel, threads and
 * updates, the webhook mode with Provenant's config, and each failure as the rule will show it.
 */

const BOT_TOKEN = "xoxb-1111-2222-fakebottoken";
const alert: NotificationContent = {
  eventType: "alert.triggered",
  title: "Alert triggered: CPU above 90 % on api",
  text: "p95 latency is 2.4 s <!channel> & rising",
  facts: [
    { name: "Severity", value: "critical" },
    { name: "Service", value: "api" },
  ],
  url: "https://switchboard.example/acme/alerts/7",
  tone: "critical",
  subject: { kind: "alert", id: "7", state: "triggered" },
};

async function failure(call: Promise<unknown>): Promise<NotificationSendError> {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!isNotificationSendError(error)) throw new Error(`expected a NotificationSendError, got ${String(error)}`);
  return error;
}

describe("sending Slack notifications", () => {
  let fake: FakeSlack;
  let alerts: FakeChannel;
  const previous = process.env.WEBHOOK_ALLOWED_TARGETS;
  const asBot = (input: Partial<SlackSendInput> = {}): SlackSendInput => ({
    config: { channel: "#alerts", apiUrl: fake.apiUrl },
    secrets: { botToken: BOT_TOKEN },
    content: alert,
    ...input,
  });

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
    resetEnvCache();
    fake = await startFakeSlack();
    fake.addBot({ token: BOT_TOKEN, scopes: ["chat:write", "users:read", "users:read.email"] });
    fake.addBot({ token: "xoxb-3333-4444-noscopetoken", scopes: ["users:read"] });
    alerts = fake.addChannel({ name: "alerts", members: [BOT_TOKEN] });
    fake.addChannel({ name: "random" });
    fake.addChannel({ name: "old-alerts", archived: true, members: [BOT_TOKEN] });
  });
  afterEach(() => {
    fake.fault(null);
    expect(fake.violations.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
    process.env.WEBHOOK_ALLOWED_TARGETS = previous;
    resetEnvCache();
  });

  it("posts as the bot into the channel, with the title, escaped text, facts and the link button", async () => {
    const outcome = await sendSlackNotification(asBot());
    const [message] = fake.messages("alerts");
    expect(outcome).toEqual({ providerMessageId: message.ts, conversationId: alerts.id, answer: "ok" });
    expect(message.via).toBe("api");
    expect(message.text).toBe("Alert triggered: CPU above 90 % on api\np95 latency is 2.4 s &lt;!channel&gt; &amp; rising\nSeverity: critical\nService: api");
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: ":rotating_light: Alert triggered: CPU above 90 % on api", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: "p95 latency is 2.4 s &lt;!channel&gt; &amp; rising" } },
      { type: "section", fields: [{ type: "mrkdwn", text: "*Severity*\ncritical" }, { type: "mrkdwn", text: "*Service*\napi" }] },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in Switchboard", emoji: true }, action_id: "open_in_switchboard", url: "https://switchboard.example/acme/alerts/7" }] },
      { type: "context", elements: [{ type: "mrkdwn", text: "Switchboard · `alert.triggered` · triggered" }] },
    ]);
  });

  it("replies in the thread of the first message, then updates the first message", async () => {
    const first = await sendSlackNotification(asBot());
    const acknowledged = { ...alert, title: "Alert acknowledged: CPU above 90 % on api", tone: "warning" as const, subject: { kind: "alert" as const, id: "7", state: "acknowledged" } };
    const reply = await sendSlackNotification(asBot({ content: acknowledged, threadTs: first.providerMessageId!, channel: first.conversationId! }));
    expect(fake.replies("alerts", first.providerMessageId!).map((m) => m.ts)).toEqual([reply.providerMessageId]);
    expect(fake.messages("alerts").map((m) => m.ts)).not.toContain(reply.providerMessageId);

    const buttons = [{ actionId: "alert_acknowledge", text: "Acknowledge", value: "alert:7", style: "primary" as const }];
    const updated = await sendSlackNotification(asBot({ content: acknowledged, updateTs: first.providerMessageId!, channel: first.conversationId!, buttons }));
    expect(updated).toEqual({ providerMessageId: first.providerMessageId, conversationId: alerts.id, answer: "ok (updated)" });
    const edited = fake.messages("alerts").find((m) => m.ts === first.providerMessageId)!;
    expect(edited.edits).toHaveLength(1);
    expect(edited.edits[0].text).toMatch(/^Alert triggered/);
    expect(edited.text).toMatch(/^Alert acknowledged/);
    expect(JSON.stringify(edited.blocks)).toContain('"action_id":"alert_acknowledge"');
  });

  it("posts under the configured username", async () => {
    await sendSlackNotification(asBot({ config: { channel: "#alerts", apiUrl: fake.apiUrl, username: "Provenant Bot" } }));
    expect(fake.messages("alerts").at(-1)!.username).toBe("Provenant Bot");
  });

  it("sends by incoming webhook with Provenant's {webhook_url, channel, username} config", async () => {
    const hook = fake.addWebhook(fake.addChannel({ name: "agent-alerts" }));
    const config = slackConfigSchema.parse({ webhook_url: hook.url, channel: "#agent-alerts", username: "Provenant Bot", apiUrl: fake.url });
    expect(config).toMatchObject({ webhook_url: hook.url, channel: "#agent-alerts", username: "Provenant Bot" });
    const outcome = await sendSlackNotification({ config, secrets: { webhook_url: hook.url }, content: alert });
    expect(outcome).toEqual({ providerMessageId: null, conversationId: null, answer: "200 ok" });
    const [message] = fake.messages("agent-alerts");
    expect(message).toMatchObject({ via: "webhook", username: "Provenant Bot", text: expect.stringMatching(/^Alert triggered: CPU above 90 % on api\n/) });
    expect((message.blocks as { type: string }[]).map((b) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    // No thread or update by webhook: refused before anything is sent.
    const calls = fake.calls.length;
    expect(await failure(sendSlackNotification({ config, secrets: { webhook_url: hook.url }, content: alert, threadTs: message.ts }))).toMatchObject({
      permanent: true,
      message: "An incoming webhook cannot reply in a thread or update a message: give the integration a botToken",
    });
    expect(fake.calls.length).toBe(calls);
  });

  it("sends text that Slack's form encoding cannot take (lone surrogates, NUL) as well-formed text", async () => {
    const outcome = await sendSlackNotification(asBot({ content: { ...alert, title: "broken \uD800 title\u0000", text: "tail \uDC00" } }));
    const message = fake.messages("alerts").find((m) => m.ts === outcome.providerMessageId)!;
    expect(message.text.split("\n").slice(0, 2)).toEqual(["broken \uFFFD title", "tail \uFFFD"]);
  });

  it("makes channel_not_found, not_in_channel, is_archived, invalid_auth and missing_scope permanent, in Slack's words", async () => {
    expect(await failure(sendSlackNotification(asBot({ channel: "#nowhere" })))).toMatchObject({
      permanent: true,
      retryAfterMs: null,
      message: "Slack refused the message: channel_not_found (the channel does not exist or the app cannot see it)",
    });
    expect((await failure(sendSlackNotification(asBot({ channel: "#random" })))).message).toBe(
      "Slack refused the message: not_in_channel (the app is not in the channel: invite it, or grant the chat:write.public scope)",
    );
    expect((await failure(sendSlackNotification(asBot({ channel: "#old-alerts" })))).message).toBe("Slack refused the message: is_archived (the channel is archived)");
    expect(await failure(sendSlackNotification(asBot({ secrets: { botToken: "xoxb-9999-0000-revokedtoken" } })))).toMatchObject({
      permanent: true,
      message: "Slack refused the message: invalid_auth (the bot token is not valid)",
    });
    expect(await failure(sendSlackNotification(asBot({ secrets: { botToken: "xoxb-3333-4444-noscopetoken" } })))).toMatchObject({
      permanent: true,
      message: "Slack refused the message: missing_scope (the bot token lacks a scope this needs)",
    });
    expect(fake.messages("random")).toEqual([]);
  });

  it("makes a 429 retryable after Retry-After, and a 5xx or a hang retryable", async () => {
    fake.fault({ status: 429, retryAfter: 7 });
    expect(await failure(sendSlackNotification(asBot()))).toMatchObject({ permanent: false, retryAfterMs: 7_000, message: "Slack is rate limiting the app: retry after 7 s" });
    fake.fault({ status: 503 });
    expect(await failure(sendSlackNotification(asBot()))).toMatchObject({ permanent: false, retryAfterMs: null, message: "Slack answered HTTP 503" });
    // The library's retries are off: each failure above was one call, and the next goes through.
    const before = fake.messages("alerts").length;
    await sendSlackNotification(asBot());
    expect(fake.messages("alerts").length).toBe(before + 1);
  });

  it("gives up on a hanging Slack with a retryable error", async () => {
    process.env.ISSUE_SYNC_TIMEOUT_MS = "500";
    resetEnvCache();
    try {
      fake.fault({ hang: true });
      expect(await failure(sendSlackNotification(asBot()))).toMatchObject({ permanent: false, message: expect.stringMatching(/^Slack did not answer: /) });
    } finally {
      delete process.env.ISSUE_SYNC_TIMEOUT_MS;
      resetEnvCache();
    }
  });

  it("maps the webhook's answers: revoked and archived permanent, 429 and 5xx retryable", async () => {
    const channel = fake.addChannel({ name: "hooked" });
    const hook = fake.addWebhook(channel);
    const byHook = () => sendSlackNotification({ config: {}, secrets: { webhookUrl: hook.url }, content: alert });
    fake.fault({ status: 429, retryAfter: 3, match: (call) => call.kind === "webhook" });
    expect(await failure(byHook())).toMatchObject({ permanent: false, retryAfterMs: 3_000 });
    fake.fault({ status: 500 });
    expect(await failure(byHook())).toMatchObject({ permanent: false, message: "Slack answered HTTP 500" });
    channel.archived = true;
    expect(await failure(byHook())).toMatchObject({ permanent: true, message: "Slack refused the message: channel_is_archived (the channel is archived)" });
    channel.archived = false;
    hook.revoked = true;
    expect(await failure(byHook())).toMatchObject({ permanent: true, message: "Slack refused the message: no_service (the webhook was removed or disabled)" });
    expect(fake.messages("hooked")).toEqual([]);
  });

  it("refuses an apiUrl or webhook URL on a private address unless the operator allow-listed it", async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS = "";
    resetEnvCache();
    try {
      const calls = fake.calls.length;
      const refused = await failure(sendSlackNotification(asBot()));
      expect(refused).toMatchObject({ permanent: true, message: "The Slack API URL is not allowed: URL must use https; plain http is not allowed in this dataspace" });
      // https does not help: the address itself is loopback.
      const loopback = await failure(sendSlackNotification(asBot({ config: { channel: "#alerts", apiUrl: fake.apiUrl.replace("http:", "https:") } })));
      expect(loopback.permanent).toBe(true);
      expect(loopback.message).toMatch(/^The Slack API URL is not allowed: .*127\.0\.0\.1.*which webhooks may not reach$/);
      const hook = fake.addWebhook(alerts);
      expect((await failure(sendSlackNotification({ config: {}, secrets: { webhookUrl: hook.url }, content: alert }))).message).toMatch(/^The webhook URL is not allowed: /);
      expect(fake.calls.length).toBe(calls);
    } finally {
      process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
      resetEnvCache();
    }
  });

  it("finds who clicked by their email, and tells them alone when they may not", async () => {
    const ada = fake.addUser({ email: "ada@acme.test", name: "ada" });
    const config = { apiUrl: fake.apiUrl };
    expect(await slackUserEmail({ config, botToken: BOT_TOKEN, userId: ada.id })).toBe("ada@acme.test");
    // Without users:read.email Slack shows no email; without users:read, nothing at all.
    const noEmail = fake.addBot({ token: "xoxb-5555-6666-noemailtoken", scopes: ["users:read"] });
    expect(await slackUserEmail({ config, botToken: noEmail.token, userId: ada.id })).toBeNull();
    const postOnly = fake.addBot({ token: "xoxb-7777-8888-postonlytoken", scopes: ["chat:write"] });
    expect(await failure(slackUserEmail({ config, botToken: postOnly.token, userId: ada.id }))).toMatchObject({
      permanent: true,
      message: "Slack refused the message: missing_scope (the bot token lacks a scope this needs)",
    });

    const explanation = { config, botToken: BOT_TOKEN, channel: alerts.id, userId: ada.id, text: "Viewers cannot acknowledge alerts: ask an admin." };
    expect(await failure(sendSlackEphemeral(explanation))).toMatchObject({ permanent: true, message: "Slack refused the message: user_not_in_channel (the person is not in the channel)" });
    alerts.members.add(ada.id);
    await sendSlackEphemeral(explanation);
    expect(fake.ephemeral(ada.id).map((m) => [m.channel, m.text])).toEqual([[alerts.id, "Viewers cannot acknowledge alerts: ask an admin."]]);
  });

  it("says what is missing when there is nothing to send with or nowhere to post", async () => {
    expect((await failure(sendSlackNotification({ config: {}, secrets: {}, content: alert }))).message).toBe("The Slack integration has neither a botToken nor a webhookUrl to send with");
    expect((await failure(sendSlackNotification(asBot({ config: { apiUrl: fake.apiUrl } })))).message).toBe(
      "No Slack channel to post in: set channel in the integration's config or the rule's destination",
    );
  });
});
