import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { decryptSecret } from "@/server/secrets/crypto";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, seedWebhook, tenantFor, type SeededDataspace } from "../factories";
import { apiAs } from "./api";

/** Outgoing webhooks, their deliveries and replays through /api/v1, as an admin's automation uses them. */
describe("REST webhooks", () => {
  let space: SeededDataspace;
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  const path = (url: string) => url.replace("http://api.test", "").replace("/api/v1", "");
  const stored = (id: string) => db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
  const count = () => db.webhookEndpoint.count({ where: { dataspaceId: space.id } });

  beforeAll(async () => {
    const owner = await seedUser();
    space = await seedDataspace({ owner, name: "Webhooks team" });
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["webhooks:admin"]));
  });

  describe("webhooks", () => {
    it("creates one with its secret in clear this once, masked in every later answer", async () => {
      const created = await api.post("/webhooks", {
        target_url: "https://hooks.example.test/in",
        description: "Ops bridge",
        event_types: ["request.*"],
        filter: 'data.priority == "Urgent"',
        extra_headers: { Authorization: "Bearer team-credential-123", "X-Team": "ops" },
        extra_payload: { source: "switchboard" },
      });
      expect(created.status).toBe(201);
      const uuid = created.body.uuid as string;
      expect(created.body).toEqual({
        api_url: `/api/v1/webhooks/${uuid}`,
        absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/webhooks/${uuid}$`)),
        uuid,
        target_url: "https://hooks.example.test/in",
        description: "Ops bridge",
        event_types: ["request.*"],
        filter: 'data.priority == "Urgent"',
        is_active: true,
        extra_payload: { source: "switchboard" },
        extra_headers: { authorization: "***", "x-team": "ops" },
        payload_template: "dejacode",
        custom_template: null,
        retry_client_errors: false,
        rate_limit_per_second: null,
        secret: expect.stringMatching(/^whsec_/),
        previous_secret_expiry_date: null,
        state: "active",
        state_reason: null,
        state_changed_date: null,
        consecutive_failures: 0,
        failing_since: null,
        paused_until: null,
        created_date: expect.any(String),
        last_modified_date: expect.any(String),
      });
      expect(created.headers.get("location")).toBe(`http://api.test/api/v1/webhooks/${uuid}`);
      // The secret handed out is the one that signs.
      const secret = created.body.secret as string;
      expect(decryptSecret((await stored(uuid)).secret)).toBe(secret);

      const read = await api.get(`/webhooks/${uuid}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ ...created.body, secret: `***${secret.slice(-4)}` });
      const listed = await api.get("/webhooks");
      expect(listed.body.results).toContainEqual(read.body);
      for (const answer of [created, read, listed]) expect(answer.text).not.toContain("team-credential-123");
      for (const answer of [read, listed]) expect(answer.text).not.toContain(secret);
    });

    it("refuses bad fields with their API names, creating nothing", async () => {
      const before = await count();
      const answers = [
        await api.post("/webhooks", { target_url: "ftp://hooks.example.test/in", event_types: ["*"] }),
        await api.post("/webhooks", { target_url: "https://hooks.example.test/in", event_types: [] }),
        await api.post("/webhooks", { target_url: "https://hooks.example.test/in", event_types: ["*"], filter: "data.priority ==" }),
        await api.post("/webhooks", { target_url: "https://hooks.example.test/in", event_types: ["*"], extra_payload: { hook: "mine" } }),
        await api.post("/webhooks", { target_url: "https://hooks.example.test/in", event_types: ["*"], payload_template: "custom" }),
        await api.post("/webhooks", { target_url: "https://hooks.example.test/in", event_types: ["*"], url: "https://other.example.test" }),
        await api.post("/webhooks", { event_types: ["*"], payload_template: "xml" }),
      ];
      expect(answers.map((a) => a.status)).toEqual(Array(7).fill(422));
      expect(answers.map((a) => a.headers.get("content-type"))).toEqual(Array(7).fill("application/problem+json"));
      expect(answers.map((a) => a.body.errors.map((e: { field: string }) => e.field).sort())).toEqual([
        ["target_url"],
        ["event_types"],
        ["filter"],
        ["extra_payload"],
        ["custom_template"],
        ["url"],
        ["payload_template", "target_url"],
      ]);
      expect(answers[0].body.errors[0].message).toMatch(/https/);
      expect(await count()).toBe(before);
    });

    it("updates with If-Match; a masked header sent back keeps its value; stale or empty changes are refused", async () => {
      const { endpoint } = await seedWebhook(ctx);
      const first = await api.patch(`/webhooks/${endpoint.id}`, { extra_headers: { "X-Api-Key": "key-0123456789", "X-Env": "prod" } });
      expect(first.status).toBe(200);
      expect(first.body.extra_headers).toEqual({ "x-api-key": "***", "x-env": "prod" });

      const edited = await api.patch(
        `/webhooks/${endpoint.id}`,
        { description: "Renamed", event_types: ["request.added", "request_comment.added"], extra_headers: { ...first.body.extra_headers, "x-env": "staging" } },
        { headers: { "if-match": first.headers.get("etag")! } },
      );
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ description: "Renamed", event_types: ["request.added", "request_comment.added"], extra_headers: { "x-api-key": "***", "x-env": "staging" } });
      // The credential is kept, encrypted at rest; the rest stays readable.
      const { "x-api-key": apiKey, ...readable } = (await stored(endpoint.id)).extraHeaders as Record<string, string>;
      expect(readable).toEqual({ "x-env": "staging" });
      expect(decryptSecret(apiKey)).toBe("key-0123456789");

      const stale = await api.patch(`/webhooks/${endpoint.id}`, { description: "Lost update" }, { headers: { "if-match": first.headers.get("etag")! } });
      expect(stale.status).toBe(412);
      expect(stale.headers.get("etag")).toBe(edited.headers.get("etag"));
      const invalid = await api.patch(`/webhooks/${endpoint.id}`, { target_url: "http://hooks.example.test/plain" });
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors).toEqual([{ field: "target_url", message: expect.stringMatching(/https/) }]);
      expect((await api.patch(`/webhooks/${endpoint.id}`, {})).status).toBe(422);
      expect((await api.get(`/webhooks/${endpoint.id}`)).body).toMatchObject({ description: "Renamed", target_url: endpoint.url });
      expect((await api.patch(`/webhooks/${crypto.randomUUID()}`, { description: "Nobody" })).status).toBe(404);
    });

    it("is_active: true resumes a webhook the circuit breaker disabled and sends what it held", async () => {
      const { endpoint } = await seedWebhook(ctx);
      await db.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { state: "DISABLED", consecutiveFailures: 20, failingSince: new Date(Date.now() - 86_400_000), stateReason: "Disabled after failing for 24 h" },
      });
      const held = await db.webhookDelivery.create({ data: { dataspaceId: space.id, endpointId: endpoint.id, eventType: "request.added", body: "{}", status: "HELD", queuedAt: null } });
      expect((await api.get(`/webhooks/${endpoint.id}`)).body).toMatchObject({ state: "disabled", is_active: true, consecutive_failures: 20 });

      const resumed = await api.patch(`/webhooks/${endpoint.id}`, { is_active: true });
      expect(resumed.status).toBe(200);
      expect(resumed.body).toMatchObject({ state: "active", is_active: true, consecutive_failures: 0, failing_since: null, state_reason: "Re-enabled (was disabled)" });
      const deliveries = await api.get(`/webhooks/${endpoint.id}/deliveries?status=pending`);
      expect(deliveries.body.results.map((d: { uuid: string }) => d.uuid)).toEqual([held.id]);

      const off = await api.patch(`/webhooks/${endpoint.id}`, { is_active: false });
      expect(off.body).toMatchObject({ is_active: false, state: "active" });
    });

    it("rotates the secret (the old one signs on for the grace period), sends a test event, and deletes", async () => {
      const { endpoint, secret } = await seedWebhook(ctx);
      const rotated = await api.post(`/webhooks/${endpoint.id}/rotate-secret`, {});
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(secret);
      const graceEnds = Date.parse(rotated.body.previous_secret_expiry_date);
      expect(graceEnds - Date.now()).toBeGreaterThan(23 * 3_600_000);
      expect(graceEnds - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
      expect(decryptSecret((await stored(endpoint.id)).secret)).toBe(rotated.body.secret);
      expect((await api.get(`/webhooks/${endpoint.id}`)).text).not.toContain(rotated.body.secret);

      const now = await api.post(`/webhooks/${endpoint.id}/rotate-secret`, { grace_hours: 0 });
      expect(now.body.previous_secret_expiry_date).toBeNull();
      const tooLong = await api.post(`/webhooks/${endpoint.id}/rotate-secret`, { grace_hours: 200 });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.errors).toEqual([{ field: "grace_hours", message: expect.stringContaining("168") }]);
      expect((await api.call("POST", `/webhooks/${endpoint.id}/rotate-secret`)).status).toBe(415);
      expect(decryptSecret((await stored(endpoint.id)).secret)).toBe(now.body.secret);

      const test = await api.post(`/webhooks/${endpoint.id}/test`, undefined);
      expect(test.status).toBe(201);
      expect(test.body).toMatchObject({ webhook: endpoint.id, event: null, event_type: "webhook.test", status: "pending", is_test: true, attempt_count: 0 });
      expect(test.headers.get("location")).toBe(`http://api.test/api/v1/webhook-deliveries/${test.body.uuid}`);
      const sent = await api.get(path(test.headers.get("location")!));
      expect(sent.status).toBe(200);
      expect(JSON.parse(sent.body.body)).toMatchObject({ hook: { uuid: endpoint.id, event: "webhook.test" }, data: { message: expect.stringContaining("test event") } });

      const deleted = await api.call("DELETE", `/webhooks/${endpoint.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe("");
      for (const gone of [`/webhooks/${endpoint.id}`, `/webhooks/${endpoint.id}/deliveries`, `/webhook-deliveries/${test.body.uuid}`]) {
        expect((await api.get(gone)).status, gone).toBe(404);
      }
      expect((await api.call("DELETE", `/webhooks/${endpoint.id}`)).status).toBe(404);
    });
  });

  describe("deliveries and replays", () => {
    it("lists a webhook's deliveries newest first by status, page by page, and shows one with its attempts, credentials masked", async () => {
      const { endpoint, deliveries } = await seedWebhook(ctx, { failed: 3 });
      const success = await db.webhookDelivery.create({
        data: { dataspaceId: space.id, endpointId: endpoint.id, eventType: "request.updated", body: '{"hook":{},"data":{"title":"Shipped"}}', status: "SUCCEEDED", queuedAt: null, attemptCount: 1, lastStatusCode: 200, completedAt: new Date() },
      });
      await db.webhookAttempt.create({
        data: {
          dataspaceId: space.id, deliveryId: success.id, number: 1, startedAt: new Date(), durationMs: 40, url: endpoint.url, succeeded: true, responseStatus: 200,
          requestHeaders: { authorization: "Bearer receiver-credential-42", "webhook-signature": "v1,abc=" }, responseHeaders: { "content-type": "text/plain" }, responseBody: "ok",
        },
      });

      const failed = await api.get(`/webhooks/${endpoint.id}/deliveries?status=failed&limit=2`);
      expect(failed.status).toBe(200);
      expect(failed.body.results.map((d: { uuid: string }) => d.uuid)).toEqual([deliveries[2].id, deliveries[1].id]);
      expect(failed.body.results[0]).toEqual({
        api_url: `/api/v1/webhook-deliveries/${deliveries[2].id}`,
        absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/webhooks/${endpoint.id}/deliveries/${deliveries[2].id}$`)),
        uuid: deliveries[2].id,
        webhook: endpoint.id,
        event: null,
        event_type: "request.added",
        status: "failed",
        attempt_count: 1,
        last_attempt_date: null,
        next_attempt_date: null,
        last_status_code: 500,
        last_error: "HTTP 500",
        completed_date: expect.any(String),
        replay: null,
        is_test: false,
        created_date: deliveries[2].createdAt.toISOString(),
      });
      const rest = await api.get(path(failed.body.next));
      expect(rest.body.results.map((d: { uuid: string }) => d.uuid)).toEqual([deliveries[0].id]);
      expect(rest.body.next).toBeNull();
      const all = await api.get(`/webhooks/${endpoint.id}/deliveries`);
      expect(all.body.results.map((d: { status: string }) => d.status)).toEqual(["succeeded", "failed", "failed", "failed"]);

      const one = await api.get(`/webhook-deliveries/${success.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ uuid: success.id, status: "succeeded", body: '{"hook":{},"data":{"title":"Shipped"}}' });
      expect(one.body.attempts).toEqual([
        {
          uuid: expect.any(String), number: 1, started_date: expect.any(String), duration_ms: 40, url: endpoint.url,
          request_headers: { authorization: "***", "webhook-signature": "v1,abc=" }, response_status: 200, response_headers: { "content-type": "text/plain" },
          response_body: "ok", error: null, succeeded: true, next_retry_date: null,
        },
      ]);
      expect(one.text).not.toContain("receiver-credential-42");

      const bad = await api.get(`/webhooks/${endpoint.id}/deliveries?status=done`);
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(["status"]);
      expect((await api.get(`/webhook-deliveries/${crypto.randomUUID()}`)).status).toBe(404);
      expect((await api.get(`/webhooks/${crypto.randomUUID()}/deliveries`)).status).toBe(404);
    });

    it("retries a finished delivery, but not one still being attempted", async () => {
      const { endpoint, deliveries } = await seedWebhook(ctx, { failed: 1 });
      const retried = await api.post(`/webhook-deliveries/${deliveries[0].id}/retry`, undefined);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ uuid: deliveries[0].id, webhook: endpoint.id, status: "pending", attempt_count: 1 });
      const again = await api.post(`/webhook-deliveries/${deliveries[0].id}/retry`, undefined);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe("urn:switchboard:problem:conflict");
      expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0].id } })).dispatch).toBe(deliveries[0].dispatch + 1);
    });

    it("replays the failed deliveries since a time and reports progress; nothing to replay is a field error on since", async () => {
      const { endpoint, deliveries } = await seedWebhook(ctx, { failed: 2 });
      const since = new Date(deliveries[0].createdAt.getTime() - 1000).toISOString();
      const started = await api.post(`/webhooks/${endpoint.id}/replays`, { since });
      expect(started.status).toBe(201);
      const uuid = started.body.uuid as string;
      expect(started.body).toEqual({
        api_url: `/api/v1/webhook-replays/${uuid}`,
        absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/webhooks/${endpoint.id}$`)),
        uuid,
        webhook: endpoint.id,
        since,
        total: 2,
        succeeded: 0,
        failed: 0,
        done: 0,
        held: 0,
        waiting: null,
        created_date: expect.any(String),
      });
      expect(started.headers.get("location")).toBe(`http://api.test/api/v1/webhook-replays/${uuid}`);
      const pending = await api.get(`/webhooks/${endpoint.id}/deliveries?status=pending`);
      expect(pending.body.results.map((d: { replay: string }) => d.replay)).toEqual([uuid, uuid]);

      await db.webhookDelivery.updateMany({ where: { id: deliveries[0].id }, data: { status: "SUCCEEDED" } });
      const progress = await api.get(`/webhook-replays/${uuid}`);
      expect(progress.body).toMatchObject({ total: 2, succeeded: 1, failed: 0, done: 1 });

      const nothing = await api.post(`/webhooks/${endpoint.id}/replays`, { since });
      expect(nothing.status).toBe(422);
      expect(nothing.body.errors).toEqual([{ field: "since", message: "No failed deliveries to replay since that time" }]);
      const notADate = await api.post(`/webhooks/${endpoint.id}/replays`, { since: "yesterday" });
      expect(notADate.status).toBe(422);
      expect(notADate.body.errors.map((e: { field: string }) => e.field)).toEqual(["since"]);
      expect(await db.webhookReplay.count({ where: { endpointId: endpoint.id } })).toBe(1);
      expect((await api.get(`/webhook-replays/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it("says what a replay started during a pause waits for, and that its deliveries are held", async () => {
      const { endpoint, deliveries } = await seedWebhook(ctx, { failed: 2 });
      const pausedUntil = new Date(Date.now() + 5 * 60_000);
      await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { state: "PAUSED", pausedUntil } });
      const since = new Date(deliveries[0].createdAt.getTime() - 1000).toISOString();
      const started = await api.post(`/webhooks/${endpoint.id}/replays`, { since });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ total: 2, done: 0, held: 2, waiting: { reason: "paused", until: pausedUntil.toISOString() } });
      const progress = await api.get(`/webhook-replays/${started.body.uuid}`);
      expect(progress.body).toMatchObject({ held: 2, waiting: { reason: "paused", until: pausedUntil.toISOString() } });
    });
  });

  it("refuses tokens without webhooks:admin, and tokens whose creator is not an admin", async () => {
    const { endpoint, deliveries } = await seedWebhook(ctx, { failed: 1 });
    for (const scopes of [["webhooks:read"], ["webhooks:write"], ["write"], ["integrations:admin"]]) {
      const client = apiAs(await seedApiToken(ctx, scopes));
      for (const answer of [await client.get(`/webhooks/${endpoint.id}`), await client.get(`/webhook-deliveries/${deliveries[0].id}`)]) {
        expect(answer.status, scopes.join()).toBe(403);
        expect(answer.body.type).toBe("urn:switchboard:problem:missing-scope");
        expect(answer.body.detail).toContain("webhooks:admin");
      }
    }
    const member = await seedUser();
    await addMember(space, member, "MEMBER");
    const asMember = apiAs(await seedApiToken(await tenantFor(member.id, space.slug), ["webhooks:admin"]));
    const before = await count();
    const secretBefore = (await stored(endpoint.id)).secret;
    const answers = [
      await asMember.get("/webhooks"),
      await asMember.post("/webhooks", { target_url: "https://sneaky.example.test/in", event_types: ["*"] }),
      await asMember.post(`/webhooks/${endpoint.id}/rotate-secret`, {}),
      await asMember.post(`/webhook-deliveries/${deliveries[0].id}/retry`, undefined),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe("urn:switchboard:problem:forbidden");
    }
    expect(await count()).toBe(before);
    expect((await stored(endpoint.id)).secret).toBe(secretBefore);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0].id } })).status).toBe("FAILED");
  });
});
