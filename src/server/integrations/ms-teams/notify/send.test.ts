import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { isNotificationSendError, type NotificationContent, type NotificationSendError } from "@/server/notifications/channel";
import { startFakeTeams, type FakeTeams } from "../fake/fake-teams";
import { sendTeamsNotification } from "./send";

/**
 * Teams notifications over real HTTP to the fake Teams, through the guarded transport as in
 * production (the fake's 127.0.0.1 is allow-listed, as WEBHOOK_ALLOWED_TARGETS does for tests):
 * what lands in the channel, and how each answer becomes a retry or a failing rule.
 */

const alert: NotificationContent = {
  eventType: "alert.raised",
  title: "Alert raised: CPU above 90 % on api",
  text: "p95 load 97 % for 5 minutes.",
  facts: [
    { name: "Severity", value: "critical" },
    { name: "Service", value: "api" },
  ],
  url: "https://switchboard.test/acme/alerts/0b6f",
  tone: "critical",
  subject: { kind: "alert", id: "0b6f", state: "open" },
};

async function failure(call: Promise<unknown>): Promise<NotificationSendError> {
  const error = await call.then(() => null, (e: unknown) => e);
  if (!isNotificationSendError(error)) throw new Error(`expected a NotificationSendError, got ${String(error)}`);
  return error;
}
type Block = { type: string; text?: string; color?: string; facts?: { title: string; value: string }[] };

describe("sending a notification to Teams", () => {
  let fake: FakeTeams;
  let webhookUrl: string;
  const previous = { targets: process.env.WEBHOOK_ALLOWED_TARGETS, timeout: process.env.ISSUE_SYNC_TIMEOUT_MS };

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
    resetEnvCache();
    fake = await startFakeTeams();
    webhookUrl = fake.addWorkflow({ team: "Operations", channel: "alerts" });
  });
  afterEach(() => fake.fault(null));
  afterAll(async () => {
    await fake.close();
    process.env.WEBHOOK_ALLOWED_TARGETS = previous.targets;
    process.env.ISSUE_SYNC_TIMEOUT_MS = previous.timeout;
    if (previous.timeout === undefined) delete process.env.ISSUE_SYNC_TIMEOUT_MS;
    if (previous.targets === undefined) delete process.env.WEBHOOK_ALLOWED_TARGETS;
    resetEnvCache();
  });

  it("lands in the channel with its title, facts and link; Workflows gives no message id to update or thread", async () => {
    expect(await sendTeamsNotification({ webhookUrl, content: alert })).toEqual({ providerMessageId: null, conversationId: null, answer: "202 Accepted" });
    const [message] = fake.messages("alerts");
    expect(message).toMatchObject({ team: "Operations", channel: "alerts" });
    const body = message.card.body as Block[];
    expect(body[0]).toMatchObject({ text: "Alert raised: CPU above 90 % on api", color: "attention", weight: "bolder" });
    expect(body.find((block) => block.type === "FactSet")?.facts).toEqual([
      { title: "Severity", value: "critical" },
      { title: "Service", value: "api" },
    ]);
    expect(message.card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open in Switchboard", url: "https://switchboard.test/acme/alerts/0b6f" }]);
    expect(fake.messages("elsewhere")).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it("renders a digest of a throttled storm", async () => {
    const digest = { count: 37, eventTypes: ["alert.raised"], since: "2026-12-07T13:00:00Z", until: "2026-12-07T13:01:00Z" };
    await sendTeamsNotification({ webhookUrl, content: { ...alert, eventType: "digest", title: "37 alerts on api", text: "", facts: [], digest } });
    const texts = (fake.messages("alerts").at(-1)!.card.body as Block[]).map((block) => block.text);
    expect(texts).toEqual([
      "37 alerts on api",
      "37 events folded by the rule's throttle between 2026-12-07 13:00:00 UTC and 2026-12-07 13:01:00 UTC.",
      "Event types: alert.raised",
    ]);
    expect(fake.violations).toEqual([]);
  });

  it("retries a throttled (429, after Retry-After) or failing (5xx, no answer) Teams", async () => {
    fake.fault({ status: 429, retryAfter: "7" });
    expect(await failure(sendTeamsNotification({ webhookUrl, content: alert }))).toMatchObject({
      permanent: false,
      retryAfterMs: 7_000,
      message: expect.stringMatching(/^Teams is throttling this webhook \(429: The workflow trigger is throttled/),
    });
    fake.fault({ status: 503 });
    expect(await failure(sendTeamsNotification({ webhookUrl, content: alert }))).toMatchObject({
      permanent: false,
      retryAfterMs: null,
      message: "Teams failed (503: The service is temporarily unavailable. Please try again later); retrying later",
    });
    fake.fault({ hang: true });
    process.env.ISSUE_SYNC_TIMEOUT_MS = "300";
    resetEnvCache();
    try {
      expect(await failure(sendTeamsNotification({ webhookUrl, content: alert }))).toMatchObject({ permanent: false, message: expect.stringMatching(/^Teams could not be reached: /) });
    } finally {
      delete process.env.ISSUE_SYNC_TIMEOUT_MS;
      resetEnvCache();
    }
    expect(fake.violations).toEqual([]);
  });

  it("stops on a revoked or wrong URL, saying to make a new Workflows URL", async () => {
    const revoked = fake.addWorkflow({ team: "Operations", channel: "old" });
    fake.revoke(revoked);
    const gone = await failure(sendTeamsNotification({ webhookUrl: revoked, content: alert }));
    expect(gone.permanent).toBe(true);
    expect(gone.message).toMatch(/^the Workflows URL was revoked or is wrong: 404: The workflow '[0-9a-f]{32}' could not be found\. Create a new one in Teams/);
    const wrongSig = await failure(sendTeamsNotification({ webhookUrl: webhookUrl.replace(/sig=.*$/, "sig=forged"), content: alert }));
    expect(wrongSig).toMatchObject({ permanent: true, message: expect.stringContaining("401: The provided authorization signature is not valid") });
    expect(fake.messages("old")).toEqual([]);
  });

  it("stops on a card Teams refuses (400), with Teams' message", async () => {
    // Our cards always pass the schema (card.test.ts), so the refusal is Teams' own, from the fault switch.
    fake.fault({ status: 400, message: "Property 'body' has too many items for this channel." });
    expect(await failure(sendTeamsNotification({ webhookUrl, content: alert }))).toMatchObject({
      permanent: true,
      message: "Teams refused the card (400: Property 'body' has too many items for this channel)",
    });
    expect(fake.violations).toEqual([]);
  });

  it("refuses a URL on a private address unless the operator allow-listed it", async () => {
    process.env.WEBHOOK_ALLOWED_TARGETS = "";
    resetEnvCache();
    try {
      const blocked = await failure(sendTeamsNotification({ webhookUrl, content: alert }));
      expect(blocked.permanent).toBe(true);
      expect(blocked.message).toBe("Teams could not be called: URL must use https; plain http is not allowed in this dataspace");
      const https = await failure(sendTeamsNotification({ webhookUrl: webhookUrl.replace(/^http:/, "https:"), content: alert }));
      expect(https.permanent).toBe(true);
      expect(https.message).toMatch(/^Teams could not be called: .*127\.0\.0\.1.*which webhooks may not reach$/);
    } finally {
      process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";
      resetEnvCache();
    }
    const before = fake.messages("alerts").length;
    await sendTeamsNotification({ webhookUrl, content: alert });
    expect(fake.messages("alerts")).toHaveLength(before + 1);
  });
});
