import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { deliverBatch } from "@/server/webhooks/deliveries/deliver-batch";
import { deliveryRow } from "@/server/webhooks/deliveries/fan-out";
import { getWebhookDelivery } from "@/server/webhooks/deliveries/read-deliveries";
import type { SendResult } from "@/server/webhooks/transport/send";
import { createEndpoint, endpointRow, webhookTenant } from "../../../../test/webhook-fixtures";
import { getWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "./manage-endpoints";
import { sealLegacyHeaderSecrets } from "./seal-legacy-headers";

/**
 * What an endpoint keeps secret at rest: its credential headers (and each attempt's copy of
 * them) are encrypted, never in clear in the database, masked on every read, sent in clear;
 * and the secret rotation's grace period keeps to its bound whoever calls.
 */
describe("webhook endpoint secrets", () => {
  const CREDENTIAL = "Bearer receiver-credential-7f3a9c";
  const API_KEY = "key-0123456789abcdef";
  const ok: SendResult = { ok: true, status: 200, headers: {}, body: "ok", bodyTruncated: false, durationMs: 5, error: null, remoteAddress: "127.0.0.1" };

  /** Sends one delivery of `endpointId` through the real attempt path, to a receiver that says 200; returns what was sent. */
  async function sendOne(endpointId: string) {
    const endpoint = await endpointRow(endpointId);
    const event = { id: crypto.randomUUID(), type: "request.added", data: { title: "t" }, dataspaceId: endpoint.dataspaceId, createdAt: new Date() };
    const delivery = await db.webhookDelivery.create({ data: deliveryRow(endpoint, event) });
    const sent: Record<string, string>[] = [];
    await deliverBatch(
      { dataspaceId: endpoint.dataspaceId, deliveries: [{ id: delivery.id, dispatch: delivery.dispatch }] },
      { send: async (request) => (sent.push(request.headers), ok) },
    );
    return { delivery, sent };
  }

  /** Every text the database holds for this endpoint, its deliveries and their attempts. */
  async function storedText(endpointId: string): Promise<string> {
    const rows = await db.$queryRaw<{ text: string }[]>`
      SELECT row_to_json(e)::text AS text FROM "WebhookEndpoint" e WHERE e.id = ${endpointId}::uuid
      UNION ALL SELECT row_to_json(d)::text FROM "WebhookDelivery" d WHERE d."endpointId" = ${endpointId}::uuid
      UNION ALL SELECT row_to_json(a)::text FROM "WebhookAttempt" a JOIN "WebhookDelivery" d ON d.id = a."deliveryId" WHERE d."endpointId" = ${endpointId}::uuid`;
    return rows.map((row) => row.text).join("\n");
  }

  it("stores credential headers encrypted, in the endpoint and in every attempt, and sends them in clear", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, {
      url: "https://hooks.example.com/in",
      extraHeaders: { Authorization: CREDENTIAL, "X-Api-Key": API_KEY, "X-Team": "ops" },
    });
    const { delivery, sent } = await sendOne(endpoint.id);

    expect(sent[0]).toMatchObject({ authorization: CREDENTIAL, "x-api-key": API_KEY, "x-team": "ops" });
    const text = await storedText(endpoint.id);
    expect(text).toContain("x-team");
    expect(text).toContain("ops");
    expect(text).not.toContain("receiver-credential");
    expect(text).not.toContain(API_KEY);
    expect((await endpointRow(endpoint.id)).extraHeaders).toMatchObject({ authorization: expect.stringMatching(/^v1:/), "x-team": "ops" });

    // Masked on every read, as before.
    expect((await getWebhookEndpoint(ctx, endpoint.id)).extraHeaders).toEqual({ authorization: "***", "x-api-key": "***", "x-team": "ops" });
    const shown = await getWebhookDelivery(ctx, delivery.id);
    expect(shown.attempts[0].requestHeaders).toMatchObject({ authorization: "***", "x-api-key": "***", "x-team": "ops", "webhook-id": expect.any(String) });
    expect(shown.attempts[0].requestHeaders["webhook-signature"]).toMatch(/^v1,/);
  });

  it("keeps an encrypted value when the mask is sent back, and encrypts a changed one", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: "https://hooks.example.com/in", extraHeaders: { Authorization: CREDENTIAL } });
    await updateWebhookEndpoint(ctx, { id: endpoint.id, patch: { extraHeaders: { authorization: "***", "x-token": "tok-secret-value-1" } } });
    const { sent } = await sendOne(endpoint.id);
    expect(sent[0]).toMatchObject({ authorization: CREDENTIAL, "x-token": "tok-secret-value-1" });
    const text = await storedText(endpoint.id);
    expect(text).not.toContain("receiver-credential");
    expect(text).not.toContain("tok-secret-value-1");
  });

  it("reads a credential stored in clear before encryption, and encrypts it at the next save", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: "https://hooks.example.com/in" });
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { extraHeaders: { authorization: CREDENTIAL, "x-team": "ops" } } });

    expect((await getWebhookEndpoint(ctx, endpoint.id)).extraHeaders).toEqual({ authorization: "***", "x-team": "ops" });
    expect((await sendOne(endpoint.id)).sent[0]).toMatchObject({ authorization: CREDENTIAL });
    await updateWebhookEndpoint(ctx, { id: endpoint.id, patch: { extraHeaders: { authorization: "***", "x-team": "ops" } } });
    expect((await endpointRow(endpoint.id)).extraHeaders).toMatchObject({ authorization: expect.stringMatching(/^v1:/) });
    expect((await sendOne(endpoint.id)).sent[0]).toMatchObject({ authorization: CREDENTIAL });
  });

  it("encrypts at start the credential headers endpoints saved in clear before encryption, without changing the endpoint", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: "https://hooks.example.com/in" });
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { extraHeaders: { authorization: CREDENTIAL, "x-team": "ops" } } });
    const before = await endpointRow(endpoint.id);
    expect(await storedText(endpoint.id)).toContain("receiver-credential");

    expect(await sealLegacyHeaderSecrets()).toBeGreaterThanOrEqual(1);
    const after = await endpointRow(endpoint.id);
    expect(after.extraHeaders).toMatchObject({ authorization: expect.stringMatching(/^v1:/), "x-team": "ops" });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await storedText(endpoint.id)).not.toContain("receiver-credential");
    expect((await sendOne(endpoint.id)).sent[0]).toMatchObject({ authorization: CREDENTIAL });
    expect(await sealLegacyHeaderSecrets()).toBe(0); // nothing left in clear
  });

  it("masks the credentials an attempt stored in clear before encryption (the migration), keeping the rest", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: "https://hooks.example.com/in", extraHeaders: { Authorization: CREDENTIAL } });
    const { delivery } = await sendOne(endpoint.id);
    const sealed = (await db.webhookAttempt.findFirstOrThrow({ where: { deliveryId: delivery.id } })).requestHeaders as Record<string, string>;
    const legacy = await db.webhookAttempt.create({
      data: {
        dataspaceId: ctx.dataspace.id, deliveryId: delivery.id, number: 2, startedAt: new Date(), durationMs: 3, url: endpoint.url, succeeded: true, responseStatus: 200,
        requestHeaders: { authorization: CREDENTIAL, "x-api-key": API_KEY, "x-team": "ops", "webhook-signature": "v1,abc=", "webhook-id": "evt" },
      },
    });
    const migration = readFileSync(path.join(process.cwd(), "prisma/migrations/20261206140000_webhook_header_secrets/migration.sql"), "utf8");
    await db.$executeRawUnsafe(migration.slice(migration.indexOf(`UPDATE "WebhookAttempt"`))); // its data step, run again

    expect((await db.webhookAttempt.findUniqueOrThrow({ where: { id: legacy.id } })).requestHeaders).toEqual({
      authorization: "***", "x-api-key": "***", "x-team": "ops", "webhook-signature": "v1,abc=", "webhook-id": "evt",
    });
    // An attempt written encrypted is left as it is.
    expect((await db.webhookAttempt.findFirstOrThrow({ where: { deliveryId: delivery.id, number: 1 } })).requestHeaders).toEqual(sealed);
    expect(await storedText(endpoint.id)).not.toContain("receiver-credential");
  });

  it("refuses a grace period outside 0 to 168 whole hours in the domain function itself", async () => {
    const ctx = await webhookTenant();
    const { endpoint } = await createEndpoint(ctx, { url: "https://hooks.example.com/in" });
    const before = (await endpointRow(endpoint.id)).secret;
    for (const graceHours of [169, 10_000, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const refused = await rotateWebhookSecret(ctx, { id: endpoint.id, graceHours }).catch((error: unknown) => error);
      expect(refused, String(graceHours)).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { graceHours: [expect.stringContaining("168")] } });
    }
    expect((await endpointRow(endpoint.id)).secret).toBe(before);
    const week = await rotateWebhookSecret(ctx, { id: endpoint.id, graceHours: 168 });
    expect(week.endpoint.previousSecretExpiresAt!.getTime() - Date.now()).toBeGreaterThan(167 * 3_600_000);
  });
});
