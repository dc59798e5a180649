import { describe, expect, it } from "vitest";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { slack } from "./index";

const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";
const integration = { id: "i-1", name: "Slack" };
const now = new Date("2026-11-23T12:00:00Z");
const seconds = Math.floor(now.getTime() / 1000);

// An Events API delivery, as documented.
const message = {
  token: "XXYYZZ",
  team_id: "T123ABC456",
  api_app_id: "A123ABC456",
  event: { type: "message", channel: "C123ABC456", user: "U123ABC456", text: "Deploy done?", ts: "1763899200.000200", channel_type: "channel" },
  type: "event_callback",
  event_id: "Ev123ABC456",
  event_time: seconds,
};
const body = JSON.stringify(message);

/** Signed as Slack signs: v0= hex HMAC of "v0:<timestamp>:<body>". */
function delivery(options: { timestamp?: number; rawBody?: string; secret?: string; receivedAt?: Date } = {}) {
  const timestamp = String(options.timestamp ?? seconds);
  const signature = `v0=${hexHmac(options.secret ?? signingSecret, `v0:${timestamp}:${body}`)}`;
  return inboundRequest(options.rawBody ?? body, { "x-slack-request-timestamp": timestamp, "x-slack-signature": signature }, { receivedAt: options.receivedAt ?? now });
}

describe("Slack", () => {
  it("verifies X-Slack-Signature over v0:<timestamp>:<body>", () => {
    expect(slack.inbound.verify(delivery(), { signingSecret })).toEqual({ ok: true });
    // Within the 5-minute tolerance either way.
    expect(slack.inbound.verify(delivery({ timestamp: seconds - 299 }), { signingSecret }).ok).toBe(true);
  });

  it("refuses a stale or future timestamp, even correctly signed (a replay)", () => {
    expect(slack.inbound.verify(delivery({ timestamp: seconds - 301 }), { signingSecret })).toEqual({
      ok: false,
      reason: "X-Slack-Request-Timestamp is 301 s away from the time received; more than 300 s is refused as a replay",
    });
    expect(slack.inbound.verify(delivery({ timestamp: seconds + 3600 }), { signingSecret }).ok).toBe(false);
  });

  it("refuses a tampered body, a forged signature, missing headers and a missing secret", () => {
    expect(slack.inbound.verify(delivery({ rawBody: body.replace("Deploy", "Delete") }), { signingSecret }).ok).toBe(false);
    expect(slack.inbound.verify(delivery({ secret: "another-secret-entirely" }), { signingSecret })).toEqual({
      ok: false,
      reason: "X-Slack-Signature does not match the body signed with the configured secret",
    });
    expect(slack.inbound.verify(inboundRequest(body, {}, { receivedAt: now }), { signingSecret })).toEqual({
      ok: false,
      reason: "the X-Slack-Request-Timestamp header is missing",
    });
    expect(slack.inbound.verify(delivery(), {}).ok).toBe(false);
  });

  it("types event_callback by the inner event, url_verification as such, and dedupes by event_id", () => {
    expect(slack.inbound.envelope(delivery(), message)).toEqual({ eventType: "message", deliveryId: "Ev123ABC456" });
    expect(slack.inbound.envelope(delivery(), { type: "url_verification", challenge: "abc", token: "t" })).toEqual({ eventType: "url_verification", deliveryId: null });
  });

  it("validates the wrapper, naming the path, and maps messages", () => {
    expect(slack.inbound.validate("message", message)).toEqual({ ok: true });
    expect(slack.inbound.validate("url_verification", { type: "url_verification", challenge: "3eZbrw1aB" })).toEqual({ ok: true });
    const check = slack.inbound.validate("message", { ...message, event: { text: "no type" } });
    expect(!check.ok && check.errors[0]).toMatch(/^\/event\/type: /);
    expect(slack.inbound.map({ eventType: "message", payload: message, integration })).toEqual({
      type: "slack.message",
      summary: { team: "T123ABC456", channel: "C123ABC456", actor: "U123ABC456", text: "Deploy done?", ts: "1763899200.000200" },
    });
    expect(slack.inbound.map({ eventType: "url_verification", payload: { type: "url_verification" }, integration })).toBeNull();
  });

  it("names bad config fields", () => {
    expect(
      configErrors(slack.configSchema.safeParse({ signingSecret, webhookUrl: "https://hooks.example.com/services/x", channel: "alerts" })),
    ).toEqual([
      'channel: channel must be "#name" (lower-case) or a channel id like "C0123456789"',
      "webhookUrl: webhookUrl must be a URL like https://hooks.slack.com/services/T…/B…/…",
    ]);
    expect(slack.configSchema.parse({ signingSecret, channel: "#deploys" })).toEqual({ signingSecret, channel: "#deploys" });
    expect(configErrors(slack.configSchema.safeParse({ channel: "#deploys" }))).toEqual([
      "webhookUrl: webhookUrl (an incoming webhook), botToken (a bot) or signingSecret (events from Slack) is required",
    ]);
    expect(configErrors(slack.configSchema.safeParse({ botToken: "xoxp-user-token-0123456789" }))).toEqual([
      "botToken: botToken must be a bot token, xoxb-… (OAuth & Permissions → Bot User OAuth Token)",
    ]);
  });

  it("takes Provenant's {webhook_url, channel, username} as written, a bot token, and GovSlack", () => {
    const provenant = { webhook_url: "https://hooks.slack.com/services/T000/B000/XXXX", channel: "#agent-alerts", username: "Provenant Bot" };
    expect(slack.configSchema.parse(provenant)).toEqual(provenant);
    expect(configErrors(slack.configSchema.safeParse({ ...provenant, webhookUrl: "https://hooks.slack.com/services/T000/B000/YYYY" }))).toEqual([
      "webhook_url: webhook_url and webhookUrl are different URLs: keep one of them",
    ]);
    const gov = { botToken: "xoxb-1234-5678-abcdefghij", apiUrl: "https://slack-gov.com/api/", webhookUrl: "https://hooks.slack-gov.com/services/T1/B1/Z" };
    expect(slack.configSchema.parse(gov)).toEqual({ ...gov, apiUrl: "https://slack-gov.com/api" });
    // A webhook elsewhere only on the apiUrl's own origin (a private Slack, or the tests' fake).
    expect(slack.configSchema.safeParse({ apiUrl: "http://127.0.0.1:4000/api", webhook_url: "http://127.0.0.1:4000/services/T1/B1/Z" }).success).toBe(true);
    expect(configErrors(slack.configSchema.safeParse({ apiUrl: "http://127.0.0.1:4000/api", webhook_url: "http://127.0.0.1:5000/services/T1/B1/Z" }))).toEqual([
      "webhook_url: webhook_url must be a URL like https://hooks.slack.com/services/T…/B…/… (or on http://127.0.0.1:4000, the apiUrl's host)",
    ]);
    expect(slack.secretFields).toEqual(["signingSecret", "botToken", "webhookUrl", "webhook_url"]);
  });

  it("takes Slack's form posts: slash commands and interactions, typed, validated and mapped", () => {
    const slash = new URLSearchParams({ command: "/deploy", text: "api to production", team_id: "T1", channel_id: "C1", user_id: "U1", trigger_id: "13345224609.738474920.8088930838d88f008e0", response_url: "https://hooks.slack.com/commands/1234/5678" }).toString();
    const command = slack.inbound.decodeForm!(slash);
    expect(slack.inbound.envelope(delivery(), command)).toEqual({ eventType: "slash_command", deliveryId: "13345224609.738474920.8088930838d88f008e0" });
    expect(slack.inbound.validate("slash_command", command)).toEqual({ ok: true });
    expect(slack.inbound.map({ eventType: "slash_command", payload: command, integration })).toEqual({
      type: "slack.slash_command",
      summary: { team: "T1", channel: "C1", actor: "U1", command: "/deploy", text: "api to production" },
    });

    const click = { type: "block_actions", team: { id: "T1" }, user: { id: "U2" }, trigger_id: "trig-2", channel: { id: "C2" }, actions: [{ action_id: "approve" }] };
    const interaction = slack.inbound.decodeForm!(new URLSearchParams({ payload: JSON.stringify(click) }).toString());
    expect(slack.inbound.envelope(delivery(), interaction)).toEqual({ eventType: "block_actions", deliveryId: "trig-2" });
    expect(slack.inbound.map({ eventType: "block_actions", payload: interaction, integration })).toEqual({
      type: "slack.interaction.block_actions",
      summary: { team: "T1", channel: "C2", actor: "U2", actions: ["approve"] },
    });
    const noUser = slack.inbound.validate("block_actions", { type: "block_actions" });
    expect(!noUser.ok && noUser.errors[0]).toMatch(/^\/user: /);
    const badCommand = slack.inbound.validate("slash_command", { ...(command as object), command: "deploy" });
    expect(!badCommand.ok && badCommand.errors[0]).toMatch(/^\/command: a slash command starts with \//);
    expect(() => slack.inbound.decodeForm!("text=hello")).toThrow(/either a `payload` field .* or a `command`/);
    expect(() => slack.inbound.decodeForm!("payload=%7Bnot-json")).toThrow();
    // The Events API's other JSON types are still stored as sent.
    expect(slack.inbound.validate("app_rate_limited", { type: "app_rate_limited", team_id: "T1", minute_rate_limited: 1 })).toEqual({ ok: true });
  });
});
