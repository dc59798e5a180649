import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configErrors, inboundRequest } from "../shared/test-requests";
import { SRHT_PUBLIC_KEY } from "./config";
import { sourcehut } from "./index";

// A stand-in for a self-hosted sr.ht instance's webhook key (sr.ht's own private key is, rightly, not public).
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const instanceKey = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64");
const config = { baseUrl: "https://git.example.org", repository: "~alice/widgets", publicKey: instanceKey };
const integration = { id: "i-1", name: "sr.ht" };

// A GraphQL-native delivery: the result of the webhook's registered query.
const payload = {
  data: {
    webhook: {
      uuid: "2f7e4c1a-7c1b-4b0e-9a8e-1d2a3b4c5d6e",
      event: "GIT_POST_RECEIVE",
      date: "2026-11-23T10:00:00Z",
      repository: { name: "widgets", owner: { canonicalName: "~alice" } },
      pusher: { canonicalName: "~alice" },
    },
  },
};
const body = JSON.stringify(payload);

/** Signed the way sr.ht signs: Ed25519 over the body followed by the nonce. */
function delivery(rawBody = body, nonce = "8a1f4e2b9c3d7e6f") {
  const signature = sign(null, Buffer.concat([Buffer.from(body), Buffer.from(nonce, "ascii")]), privateKey).toString("base64");
  return inboundRequest(rawBody, { "x-payload-signature": signature, "x-payload-nonce": nonce });
}

describe("SourceHut", () => {
  it("verifies the Ed25519 signature over body + nonce with the configured public key", () => {
    expect(sourcehut.inbound.verify(delivery(), {}, config)).toEqual({ ok: true });
  });

  it("refuses a tampered body, a changed nonce, missing headers and another instance's key", () => {
    expect(sourcehut.inbound.verify(delivery(body.replace("widgets", "gadgets")), {}, config).ok).toBe(false);
    const request = delivery();
    expect(sourcehut.inbound.verify({ ...request, headers: { ...request.headers, "x-payload-nonce": "0000000000000000" } }, {}, config).ok).toBe(false);
    expect(sourcehut.inbound.verify(inboundRequest(body, {}), {}, config)).toEqual({ ok: false, reason: "the X-Payload-Signature header is missing" });
    // Without a configured key, sr.ht's published key is used, and says so when it fails.
    expect(sourcehut.inbound.verify(request, {}, {})).toEqual({ ok: false, reason: expect.stringContaining("sr.ht's published key") });
  });

  it("types GraphQL deliveries from the payload and legacy ones from X-Webhook-Event", () => {
    expect(sourcehut.inbound.envelope(delivery(), payload)).toEqual({ eventType: "git_post_receive", deliveryId: "2f7e4c1a-7c1b-4b0e-9a8e-1d2a3b4c5d6e" });
    const legacy = inboundRequest("{}", { "x-webhook-event": "repo:post-update", "x-webhook-delivery": "u-1" });
    expect(sourcehut.inbound.envelope(legacy, {})).toEqual({ eventType: "repo:post-update", deliveryId: "u-1" });
  });

  it("validates and maps", () => {
    expect(sourcehut.inbound.validate("git_post_receive", payload)).toEqual({ ok: true });
    const check = sourcehut.inbound.validate("git_post_receive", { data: { webhook: { event: "GIT_POST_RECEIVE" } } });
    expect(!check.ok && check.errors[0]).toMatch(/^\/webhook\/uuid: /);
    expect(sourcehut.inbound.map({ eventType: "git_post_receive", payload, integration })).toEqual({
      type: "sourcehut.git_post_receive",
      summary: { repository: "~alice/widgets", actor: "~alice", date: "2026-11-23T10:00:00Z" },
    });
    expect(sourcehut.inbound.map({ eventType: "repo:post-update", payload: {}, integration })?.type).toBe("sourcehut.repo_post_update");
  });

  it("types tracker deliveries the same from the payload or X-Webhook-Event, and maps tickets", () => {
    const ticket = { id: 12, ref: "~alice/widgets#12", subject: "Checkout fails", submitter: { canonicalName: "~bob" } };
    const created = { data: { webhook: { uuid: "u-2", event: "TICKET_CREATED", date: "2026-12-07T10:00:00Z", ticket } } };
    expect(sourcehut.inbound.envelope(inboundRequest("{}", { "x-webhook-event": "TICKET_CREATED" }), created)).toEqual({ eventType: "ticket_created", deliveryId: "u-2" });
    const withoutEvent = { data: { webhook: { uuid: "u-3", date: "2026-12-07T10:00:00Z", ticket } } };
    expect(sourcehut.inbound.envelope(inboundRequest("{}", { "x-webhook-event": "TICKET_UPDATE", "x-webhook-delivery": "u-3" }), withoutEvent).eventType).toBe("ticket_update");
    expect(sourcehut.inbound.map({ eventType: "ticket_created", payload: created, integration })).toEqual({
      type: "sourcehut.ticket_created",
      summary: { repository: null, ticket: "~alice/widgets#12", title: "Checkout fails", actor: "~bob", date: "2026-12-07T10:00:00Z" },
    });
  });

  it("takes a tracker, todoUrl and issueSync, a tracker being needed for issueSync and either it or a repository", () => {
    expect(sourcehut.configSchema.parse({ tracker: "~alice/widgets", todoUrl: "https://todo.example.org/", issueSync: {} })).toMatchObject({
      tracker: "~alice/widgets",
      todoUrl: "https://todo.example.org",
      issueSync: { direction: "both", labels: ["switchboard"] },
    });
    expect(configErrors(sourcehut.configSchema.safeParse({}))).toEqual(['repository: repository is required (or tracker, for a todo.sr.ht tracker): "~owner/name"']);
    expect(configErrors(sourcehut.configSchema.safeParse({ repository: "~alice/widgets", issueSync: {} }))).toEqual([
      'tracker: tracker is required for issueSync: the todo.sr.ht tracker to sync with, "~owner/tracker-name"',
    ]);
    expect(configErrors(sourcehut.configSchema.safeParse({ tracker: "alice/widgets", todoUrl: "todo.sr.ht" }))).toEqual([
      "todoUrl: todoUrl must be an http(s) URL like https://todo.sr.ht, without query string",
      'tracker: tracker must be "~owner/tracker-name", e.g. "~sircmpwn/hare"',
    ]);
  });

  it("has a tracker only with a token and a tracker", () => {
    const issueSync = sourcehut.issueSync;
    expect(issueSync.tracker({ tracker: "~alice/widgets" }, {})).toEqual({ unavailable: expect.stringContaining("no token is configured") });
    expect(issueSync.tracker({ repository: "~alice/widgets" }, { token: "t".repeat(40) })).toEqual({ unavailable: expect.stringContaining("no tracker is configured") });
    expect(issueSync.tracker({ tracker: "~alice/widgets" }, { token: "t".repeat(40) })).toMatchObject({ target: "~alice/widgets on SourceHut" });
    expect(issueSync.tracker({ tracker: "~alice/widgets", todoUrl: "https://todo.example.org" }, { token: "t".repeat(40) })).toMatchObject({ target: "~alice/widgets on todo.example.org" });
  });

  it("defaults to git.sr.ht and sr.ht's published key, and names bad fields", () => {
    expect(sourcehut.configSchema.parse({ repository: "~alice/widgets" })).toEqual({
      baseUrl: "https://git.sr.ht",
      repository: "~alice/widgets",
      publicKey: SRHT_PUBLIC_KEY,
    });
    expect(configErrors(sourcehut.configSchema.safeParse({ repository: "alice/widgets", publicKey: "abc" }))).toEqual([
      'repository: repository must be "~owner/name", e.g. "~sircmpwn/hare"',
      "publicKey: publicKey must be the instance's Ed25519 public key in base64 (44 characters ending in =)",
    ]);
  });
});
