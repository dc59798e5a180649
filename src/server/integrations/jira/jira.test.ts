import { describe, expect, it } from "vitest";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { jira } from "./index";

const secret = "jira-admin-webhook-secret";
const integration = { id: "i-1", name: "Jira" };

// Abridged from Atlassian's documented jira:issue_updated payload.
const issueUpdated = {
  timestamp: 1763900000000,
  webhookEvent: "jira:issue_updated",
  issue_event_type_name: "issue_generic",
  user: { accountId: "5b10a2844c20165700ede21g", displayName: "Mia Krystof" },
  issue: {
    id: "10002",
    self: "https://acme.atlassian.net/rest/api/2/issue/10002",
    key: "OPS-42",
    fields: { summary: "Checkout is slow", project: { key: "OPS", name: "Operations" }, status: { name: "In Progress" } },
  },
  changelog: { id: "10105", items: [{ field: "status", fromString: "To Do", toString: "In Progress" }] },
};
const body = JSON.stringify(issueUpdated);

function delivery(signature: string | undefined, rawBody = body) {
  return inboundRequest(rawBody, { "x-hub-signature": signature, "x-atlassian-webhook-identifier": "3d5c5a0b-1b6e" });
}

describe("Jira", () => {
  it("verifies X-Hub-Signature: sha256=<hex HMAC> of the body (WebSub)", () => {
    expect(jira.inbound.verify(delivery(`sha256=${hexHmac(secret, body)}`), { webhookSecret: secret })).toEqual({ ok: true });
  });

  it("refuses a tampered body, another algorithm, a missing signature and a missing secret", () => {
    const signature = `sha256=${hexHmac(secret, body)}`;
    expect(jira.inbound.verify(delivery(signature, body.replace("OPS-42", "OPS-43")), { webhookSecret: secret }).ok).toBe(false);
    expect(jira.inbound.verify(delivery(`sha1=${hexHmac(secret, body)}`), { webhookSecret: secret })).toEqual({
      ok: false,
      reason: 'X-Hub-Signature must look like "sha256=<hex HMAC-SHA256>"',
    });
    expect(jira.inbound.verify(delivery(undefined), { webhookSecret: secret })).toEqual({ ok: false, reason: "the X-Hub-Signature header is missing" });
    expect(jira.inbound.verify(delivery(signature), { webhookSecret: "" }).ok).toBe(false);
  });

  it("types by webhookEvent and dedupes by X-Atlassian-Webhook-Identifier", () => {
    expect(jira.inbound.envelope(delivery(undefined), issueUpdated)).toEqual({ eventType: "jira:issue_updated", deliveryId: "3d5c5a0b-1b6e" });
  });

  it("validates issue events, naming the path, and maps them to jira.issue_updated", () => {
    expect(jira.inbound.validate("jira:issue_updated", issueUpdated)).toEqual({ ok: true });
    const check = jira.inbound.validate("jira:issue_updated", { ...issueUpdated, issue: { id: "10002" } });
    expect(check).toEqual({ ok: false, errors: [expect.stringMatching(/^\/issue\/key: /)] });
    expect(jira.inbound.validate("", {})).toEqual({ ok: false, errors: [expect.stringContaining("webhookEvent")] });
    expect(jira.inbound.map({ eventType: "jira:issue_updated", payload: issueUpdated, integration })).toEqual({
      type: "jira.issue_updated",
      summary: {
        issue: "OPS-42",
        project: "OPS",
        title: "Checkout is slow",
        url: "https://acme.atlassian.net/browse/OPS-42",
        actor: "Mia Krystof",
        change: "issue_generic",
      },
    });
  });

  it("names bad config fields", () => {
    expect(configErrors(jira.configSchema.safeParse({ baseUrl: "acme.atlassian.net", webhookSecret: "x".repeat(16), projectKey: "ops" }))).toEqual([
      "baseUrl: baseUrl must be an http(s) URL like https://your-site.atlassian.net, without query string",
      'projectKey: projectKey must be a Jira project key: capital letters, digits and _, starting with a letter (e.g. "OPS")',
    ]);
  });
});
