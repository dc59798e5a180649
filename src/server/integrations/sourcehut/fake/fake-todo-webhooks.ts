import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { createHookSender, type HookDelivery } from "../../shared/fake/hook-sender";
import type { FakeHook } from "./fake-todo-state";

/**
 * The tracker webhooks the fake sends, as sr.ht's core-go sends them (webhooks/queue.go,
 * crypto/crypto.go): one POST per payload and subscription, its body the subscription's query
 * result; headers `Content-Type: application/json`, `X-Webhook-Event` (the event), `X-Webhook-
 * Delivery` (the payload's uuid, the same for every subscription), `X-Payload-Nonce` (8 random
 * bytes, hex) and `X-Payload-Signature` — base64 of the Ed25519 signature, with the instance's
 * key, of the body followed by the nonce. The fake has its own key pair; an integration verifies
 * with its public half (`publicKey`).
 *
 * Deliveries go out after the change, one at a time per hook, in order; `settled()` waits for all
 * (including those queued meanwhile, when the receiver calls the API back). sr.ht retries a
 * delivery that failed to connect or got 502, 503 or 504; the fake records it and does not.
 */
export type WebhookDelivery = HookDelivery & {
  /** X-Webhook-Delivery */
  uuid: string;
  event: string;
};

export function createWebhookSender() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const { enqueue, ...queue } = createHookSender<WebhookDelivery>({ closedMessage: "the fake todo.sr.ht closed" });
  return {
    ...queue,
    /** The instance key's public half, base64 (what sr.ht publishes and an integration's `publicKey` holds). */
    publicKey: Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64"),
    /** Queues one delivery; returns at once (the delivery is recorded already, its status comes later). */
    send(hook: FakeHook, uuid: string, event: string, body: string): WebhookDelivery {
      const headers = signedHeaders(privateKey, body, { event, uuid });
      const delivery: WebhookDelivery = { uuid, hookId: hook.id, url: hook.url, event, status: null, error: null, body, headers };
      enqueue(delivery);
      return delivery;
    },
  };
}

/** sr.ht's headers for one delivery, signed over `body` ‖ nonce. */
export function signedHeaders(privateKey: KeyObject, body: string, delivery: { event: string; uuid: string }): Record<string, string> {
  const nonce = randomBytes(8).toString("hex");
  const signature = sign(null, Buffer.concat([Buffer.from(body), Buffer.from(nonce)]), privateKey).toString("base64");
  return {
    "content-type": "application/json",
    "user-agent": "Go-http-client/1.1",
    "x-webhook-event": delivery.event,
    "x-webhook-delivery": delivery.uuid,
    "x-payload-nonce": nonce,
    "x-payload-signature": signature,
  };
}
