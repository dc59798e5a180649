import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configErrors, inboundRequest } from "../shared/test-requests";
import { msTeams } from "./index";

const hmacSecret = randomBytes(32).toString("base64"); // what Teams shows as the security token
const integration = { id: "i-1", name: "Teams" };

// The activity an outgoing webhook receives when @mentioned (abridged from Microsoft's docs).
const activity = {
  type: "message",
  id: "1485983408511",
  timestamp: "2026-11-23T21:10:08.873Z",
  serviceUrl: "https://smba.trafficmanager.net/amer-client-ss.msg/",
  channelId: "msteams",
  from: { id: "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", name: "Tim Jones" },
  conversation: { id: "19:253b1f341670408fb6fe51050b6e5ceb@thread.skype;messageid=1485983194839" },
  text: "<at>Switchboard</at> is checkout down?",
  channelData: { teamsChannelId: "19:253b1f341670408fb6fe51050b6e5ceb@thread.skype", teamsTeamId: "19:712c61d0ef384e5fa681ba90ca943398@thread.skype", channel: { id: "19:253b1f341670408fb6fe51050b6e5ceb@thread.skype" }, team: { id: "19:712c61d0ef384e5fa681ba90ca943398@thread.skype" } },
};
const body = JSON.stringify(activity);

/** Signed as Teams signs: HMAC-SHA256 of the body keyed by the base64-decoded token, in base64. */
function delivery(rawBody = body, key = hmacSecret) {
  const signature = createHmac("sha256", Buffer.from(key, "base64")).update(body).digest("base64");
  return inboundRequest(rawBody, { authorization: `HMAC ${signature}` });
}

describe("Microsoft Teams", () => {
  it("verifies Authorization: HMAC <base64> of the body", () => {
    expect(msTeams.inbound.verify(delivery(), { hmacSecret })).toEqual({ ok: true });
  });

  it("refuses a tampered body, another token, a missing or malformed header and a missing secret", () => {
    expect(msTeams.inbound.verify(delivery(body.replace("down", "up")), { hmacSecret }).ok).toBe(false);
    expect(msTeams.inbound.verify(delivery(body, randomBytes(32).toString("base64")), { hmacSecret })).toEqual({
      ok: false,
      reason: "the Authorization HMAC does not match the body signed with the configured security token",
    });
    expect(msTeams.inbound.verify(inboundRequest(body, {}), { hmacSecret })).toEqual({ ok: false, reason: "the Authorization header is missing" });
    expect(msTeams.inbound.verify(inboundRequest(body, { authorization: "Bearer abc" }), { hmacSecret }).ok).toBe(false);
    expect(msTeams.inbound.verify(delivery(), {}).ok).toBe(false);
  });

  it("types by the activity type, dedupes by its id, validates and maps", () => {
    expect(msTeams.inbound.envelope(delivery(), activity)).toEqual({ eventType: "message", deliveryId: "1485983408511" });
    expect(msTeams.inbound.validate("message", activity)).toEqual({ ok: true });
    const check = msTeams.inbound.validate("message", { ...activity, from: { name: "No id" } });
    expect(!check.ok && check.errors[0]).toMatch(/^\/from\/id: /);
    expect(msTeams.inbound.map({ eventType: "message", payload: activity, integration })).toEqual({
      type: "ms_teams.message",
      summary: {
        team: "19:712c61d0ef384e5fa681ba90ca943398@thread.skype",
        channel: "19:253b1f341670408fb6fe51050b6e5ceb@thread.skype",
        actor: "Tim Jones",
        text: "<at>Switchboard</at> is checkout down?",
      },
    });
  });

  it("names bad config fields", () => {
    expect(configErrors(msTeams.configSchema.safeParse({ hmacSecret: "not base64 at all!!", webhookUrl: "ftp://x" }))).toEqual([
      "webhookUrl: webhookUrl must be a URL like https://…/workflows/…/triggers/manual/paths/invoke?… (a Teams Workflows webhook URL)",
      "hmacSecret: hmacSecret must be the security token Teams shows when the outgoing webhook is created (base64)",
    ]);
  });

  it("takes a notification-only config (no hmacSecret), still checks a token when one is given, and refuses an empty one", () => {
    const webhookUrl = "https://prod-01.westeurope.logic.azure.com/workflows/0123/triggers/manual/paths/invoke?api-version=2016-06-01&sig=abc";
    expect(msTeams.configSchema.safeParse({ webhookUrl }).success).toBe(true);
    expect(msTeams.configSchema.safeParse({ hmacSecret }).success).toBe(true);
    expect(configErrors(msTeams.configSchema.safeParse({ webhookUrl, hmacSecret: "c2hvcnQ=padding-padding" }))).toEqual([
      "hmacSecret: hmacSecret must be the security token Teams shows when the outgoing webhook is created (base64)",
    ]);
    expect(configErrors(msTeams.configSchema.safeParse({}))).toEqual([
      "webhookUrl: webhookUrl is required to post notifications (or give hmacSecret, for an outgoing webhook that only sends to Switchboard)",
    ]);
    // Notification-only: nothing inbound verifies.
    expect(msTeams.inbound.verify(delivery(), { webhookUrl })).toEqual({ ok: false, reason: "no HMAC security token is configured for this integration" });
  });

  it("tells the admin to use a Workflows URL: Office 365 connectors are retired", () => {
    const steps = msTeams.inbound.setupInstructions("https://switchboard.example/api/hooks/hk_1").join("\n");
    expect(steps).toContain('Workflows → "Post to a channel when a webhook request is received"');
    expect(steps).toMatch(/Office 365 connectors .* are retired/);
    expect(msTeams.configHelp.webhookUrl.help).toMatch(/Workflows webhook URL.*Office 365 connector URLs .* are retired/s);
  });
});
