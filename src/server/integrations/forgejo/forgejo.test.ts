import { describe, expect, it } from "vitest";
import { configErrors, hexHmac, inboundRequest } from "../shared/test-requests";
import { forgejo } from "./index";

const secret = "forgejo-secret-0123456789";
const integration = { id: "i-1", name: "Codeberg" };

// Abridged from a Forgejo pull_request delivery (GitHub-like shape).
const pullRequest = {
  action: "opened",
  number: 7,
  pull_request: { id: 101, number: 7, title: "Fix the frobnicator", html_url: "https://codeberg.org/acme/widgets/pulls/7", state: "open" },
  repository: { id: 5, full_name: "acme/widgets", html_url: "https://codeberg.org/acme/widgets" },
  sender: { id: 2, login: "alice" },
};
const body = JSON.stringify(pullRequest);

function delivery(headers: Record<string, string>, rawBody = body) {
  return inboundRequest(rawBody, { "content-type": "application/json", ...headers });
}

describe("Forgejo / Gitea", () => {
  it("accepts X-Forgejo-Signature and Gitea's X-Gitea-Signature (hex HMAC-SHA256 of the body)", () => {
    const signature = hexHmac(secret, body);
    expect(forgejo.inbound.verify(delivery({ "x-forgejo-signature": signature }), { webhookSecret: secret })).toEqual({ ok: true });
    expect(forgejo.inbound.verify(delivery({ "x-gitea-signature": signature }), { webhookSecret: secret })).toEqual({ ok: true });
  });

  it("refuses a tampered body, a forged or missing signature, and a missing secret", () => {
    const signature = hexHmac(secret, body);
    const tampered = delivery({ "x-forgejo-signature": signature }, body.replace("opened", "closed"));
    expect(forgejo.inbound.verify(tampered, { webhookSecret: secret })).toEqual({
      ok: false,
      reason: "X-Forgejo-Signature does not match the body signed with the configured secret",
    });
    expect(forgejo.inbound.verify(delivery({ "x-forgejo-signature": hexHmac("guess", body) }), { webhookSecret: secret }).ok).toBe(false);
    expect(forgejo.inbound.verify(delivery({}), { webhookSecret: secret })).toEqual({ ok: false, reason: "the X-Forgejo-Signature header is missing" });
    expect(forgejo.inbound.verify(delivery({ "x-forgejo-signature": signature }), {}).ok).toBe(false);
  });

  it("does not let a good Gitea signature rescue a bad Forgejo one", () => {
    const request = delivery({ "x-forgejo-signature": hexHmac("guess", body), "x-gitea-signature": hexHmac(secret, body) });
    expect(forgejo.inbound.verify(request, { webhookSecret: secret }).ok).toBe(false);
  });

  it("types the event from X-Forgejo-Event (or X-Gitea-Event) and the action", () => {
    expect(forgejo.inbound.envelope(delivery({ "x-forgejo-event": "pull_request", "x-forgejo-delivery": "d-1" }), pullRequest)).toEqual({
      eventType: "pull_request.opened",
      deliveryId: "d-1",
    });
    expect(forgejo.inbound.envelope(delivery({ "x-gitea-event": "push", "x-gitea-delivery": "d-2" }), { ref: "refs/heads/main" })).toEqual({
      eventType: "push",
      deliveryId: "d-2",
    });
  });

  it("validates what it maps, naming the path, and maps pull requests", () => {
    expect(forgejo.inbound.validate("pull_request.opened", pullRequest)).toEqual({ ok: true });
    const check = forgejo.inbound.validate("pull_request.opened", { ...pullRequest, pull_request: { ...pullRequest.pull_request, number: "7" } });
    expect(!check.ok && check.errors[0]).toMatch(/^\/pull_request\/number: /);
    expect(forgejo.inbound.map({ eventType: "pull_request.opened", payload: pullRequest, integration })).toEqual({
      type: "forgejo.pull_request.opened",
      summary: { repository: "acme/widgets", actor: "alice", number: 7, title: "Fix the frobnicator", url: "https://codeberg.org/acme/widgets/pulls/7" },
    });
  });

  it("requires baseUrl, owner/name and a 16-character secret, naming each", () => {
    expect(configErrors(forgejo.configSchema.safeParse({ repository: "acme", webhookSecret: "short" }))).toEqual([
      "baseUrl: baseUrl is required",
      'repository: repository must be "owner/name", e.g. "forgejo/forgejo"',
      "webhookSecret: webhookSecret must be at least 16 characters",
    ]);
  });
});
