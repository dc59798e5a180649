import { createHmac } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, isWebhookSecret, signatureHeaders } from "./signing";

const body = '{"hook":{"uuid":"u1","event":"request.added","target":"https://t.example/"},"data":{"title":"Café ☕"}}';

describe("generateWebhookSecret", () => {
  it("makes whsec_ secrets of 32 random bytes, different each time", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(isWebhookSecret(a)).toBe(true);
  });
});

describe("isWebhookSecret", () => {
  it.each([
    ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true], // 24 bytes, the spec's example length
    [`whsec_${Buffer.alloc(64, 7).toString("base64")}`, true],
    [`whsec_${Buffer.alloc(65, 7).toString("base64")}`, false],
    [`whsec_${Buffer.alloc(16, 7).toString("base64")}`, false],
    ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false],
    ["whsec_not base64 at all!!!!!!!!!!!!!!", false],
    ["whsec_", false],
    ["", false],
  ])("%s → %s", (value, expected) => {
    expect(isWebhookSecret(value)).toBe(expected);
  });
});

describe("signatureHeaders", () => {
  const now = new Date();

  it("signs id.timestamp.body as the spec says", () => {
    const secret = generateWebhookSecret();
    const headers = signatureHeaders({ messageId: "msg_1", timestamp: now, body, secrets: [secret] });
    const seconds = Math.floor(now.getTime() / 1000);
    expect(headers["webhook-id"]).toBe("msg_1");
    expect(headers["webhook-timestamp"]).toBe(String(seconds));
    const expected = createHmac("sha256", Buffer.from(secret.slice(6), "base64"))
      .update(`msg_1.${seconds}.${body}`)
      .digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("carries both signatures during rotation, so either secret alone verifies", () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const headers = signatureHeaders({ messageId: "msg_2", timestamp: now, body, secrets: [current, previous] });
    const signatures = headers["webhook-signature"].split(" ");
    expect(signatures).toHaveLength(2);
    expect(signatures[0]).toBe(new Webhook(current).sign("msg_2", now, body));
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it("is rejected for a tampered body, another secret, id or timestamp", () => {
    const secret = generateWebhookSecret();
    const headers = signatureHeaders({ messageId: "msg_3", timestamp: now, body, secrets: [secret] });
    const receiver = new Webhook(secret);
    expect(() => receiver.verify(body.replace("Café", "Cafe"), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    expect(() => receiver.verify(body, { ...headers, "webhook-id": "msg_4" })).toThrow(WebhookVerificationError);
    const shifted = String(Number(headers["webhook-timestamp"]) - 1);
    expect(() => receiver.verify(body, { ...headers, "webhook-timestamp": shifted })).toThrow(WebhookVerificationError);
  });

  it("refuses to sign without a usable secret", () => {
    expect(() => signatureHeaders({ messageId: "m", timestamp: now, body, secrets: [] })).toThrow(/at least one secret/);
    expect(() => signatureHeaders({ messageId: "m", timestamp: now, body, secrets: ["hunter2"] })).toThrow(/not a whsec_/);
  });
});
