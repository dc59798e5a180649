import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { receiveHook } from "@/server/inbound/receive-hook";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedIntegration, seedUser, tenantFor, type SeededDataspace } from "../factories";
import { githubDelivery, githubExample, hookRequest } from "../integration-fixtures";
import { apiAs } from "./api";

/** Integrations and their inbound events through /api/v1, as an admin's automation uses them. */
describe("REST integrations and inbound events", () => {
  let space: SeededDataspace;
  let ctx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  const github = { repository: "octo-org/octo-app", webhookSecret: "a-very-long-webhook-secret", token: "ghp_secrettoken1234567890" };
  const secretsOf = (integrationId: string) => db.integrationSecret.findMany({ where: { integrationId }, orderBy: { name: "asc" } });
  const path = (apiUrl: string) => apiUrl.replace("/api/v1", "");
  const deliver = async (inboundUrl: string, secret = github.webhookSecret) => {
    const delivery = await githubDelivery(secret, "issues", githubExample("issues", "opened"));
    return receiveHook(hookRequest(new URL(inboundUrl).pathname, { body: delivery.body, headers: delivery.headers }));
  };

  beforeAll(async () => {
    const owner = await seedUser();
    space = await seedDataspace({ owner, name: "Integrations team" });
    ctx = await tenantFor(owner.id, space.slug);
    api = apiAs(await seedApiToken(ctx, ["integrations:admin"]));
  });

  it("lists the types with their config fields, for any token that reads integrations", async () => {
    const reader = apiAs(await seedApiToken(ctx, ["integrations:read"]));
    const types = await reader.get("/integration-types");
    expect(types.status).toBe(200);
    expect(types.body.next).toBeNull();
    const gh = types.body.results.find((t: { type: string }) => t.type === "github");
    expect(gh).toMatchObject({ label: "GitHub", example_config: { webhookSecret: "" } });
    expect(gh.fields).toContainEqual({ name: "webhookSecret", required: true, secret: true, help: expect.any(String), example: null });
    expect(gh.fields).toContainEqual(expect.objectContaining({ name: "token", required: false, secret: true }));
    expect(types.body.results.map((t: { type: string }) => t.type)).toContain("ms_teams");
  });

  it("creates an integration, its secrets masked in every answer, and reads it back", async () => {
    const created = await api.post("/integrations", { type: "github", name: "Main repo", config: github });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toEqual({
      api_url: `/api/v1/integrations/${uuid}`,
      absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/integrations/${uuid}$`)),
      uuid,
      type: "github",
      name: "Main repo",
      config: { repository: "octo-org/octo-app", webhookSecret: "***", token: "***" },
      is_active: true,
      inbound_url: expect.stringMatching(/\/api\/hooks\/sbh_[A-Za-z0-9_-]{43}$/),
      auth_failures: 0,
      last_auth_failure_date: null,
      last_event_date: null,
      created_date: expect.any(String),
      last_modified_date: expect.any(String),
    });
    expect(created.headers.get("location")).toBe(`http://api.test/api/v1/integrations/${uuid}`);
    const read = await api.get(`/integrations/${uuid}`);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get("etag")).toBe(created.headers.get("etag"));
    const listed = await api.get("/integrations");
    expect(listed.body.results.map((i: { uuid: string }) => i.uuid)).toContain(uuid);
    for (const answer of [created, read, listed]) {
      expect(answer.text).not.toContain(github.webhookSecret);
      expect(answer.text).not.toContain(github.token);
    }
    expect((await deliver(created.body.inbound_url)).status).toBe(202);
  });

  it("refuses a bad type, config or field with field names, creating nothing", async () => {
    const count = () => db.integration.count({ where: { dataspaceId: space.id } });
    const before = await count();
    const answers = [
      await api.post("/integrations", { type: "gitlub", name: "Typo", config: github }),
      await api.post("/integrations", { type: "github", name: "Bad repo", config: { ...github, repository: "not a repo" } }),
      await api.post("/integrations", { type: "github", name: "Extra", config: github, active: true }),
      await api.post("/integrations", { type: "github", name: "", config: { ...github, webhook_secret: "x" } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422]);
    expect(answers.map((a) => a.headers.get("content-type"))).toEqual(Array(4).fill("application/problem+json"));
    expect(answers.map((a) => a.body.errors.map((e: { field: string }) => e.field).sort())).toEqual([["type"], ["config.repository"], ["active"], ["name"]]);
    expect(answers[1].body.errors[0].message).toContain("owner/name");
    expect(await count()).toBe(before);
  });

  it("updates with If-Match: *** keeps a secret, a new value replaces it, null removes an optional one", async () => {
    const { id } = await seedIntegration(ctx, { config: github, name: "Edited" });
    const read = await api.get(`/integrations/${id}`);
    const before = await secretsOf(id);

    const renamed = await api.patch(`/integrations/${id}`, { name: "Renamed", config: read.body.config }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed", config: { repository: "octo-org/octo-app", webhookSecret: "***", token: "***" } });
    expect(await secretsOf(id)).toEqual(before);

    // The ETag read before the rename is stale now: refused, nothing written.
    const stale = await api.patch(`/integrations/${id}`, { name: "Lost update" }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe(renamed.headers.get("etag"));
    expect((await api.get(`/integrations/${id}`)).body.name).toBe("Renamed");

    const newToken = await api.patch(`/integrations/${id}`, { config: { ...read.body.config, token: "ghp_anothertoken0987654321" } });
    expect(newToken.status).toBe(200);
    const after = await secretsOf(id);
    expect(after.find((s) => s.name === "webhookSecret")!.value).toBe(before.find((s) => s.name === "webhookSecret")!.value);
    expect(after.find((s) => s.name === "token")!.value).not.toBe(before.find((s) => s.name === "token")!.value);

    const withoutToken = await api.patch(`/integrations/${id}`, { config: { ...read.body.config, token: null }, is_active: false });
    expect(withoutToken.body).toMatchObject({ config: { repository: "octo-org/octo-app", webhookSecret: "***" }, is_active: false });
    expect((await secretsOf(id)).map((s) => s.name)).toEqual(["webhookSecret"]);

    const required = await api.patch(`/integrations/${id}`, { config: { ...read.body.config, webhookSecret: null } });
    expect(required.status).toBe(422);
    expect(required.body.errors).toEqual([{ field: "config.webhookSecret", message: expect.any(String) }]);
    expect((await api.patch(`/integrations/${id}`, {})).status).toBe(422);
    expect((await secretsOf(id)).map((s) => s.name)).toEqual(["webhookSecret"]);
  });

  it("rotates the inbound URL (the old one stops working) and deletes", async () => {
    const { integration } = await seedIntegration(ctx, { config: github });
    const rotated = await api.post(`/integrations/${integration.id}/rotate-inbound-url`, undefined);
    expect(rotated.status).toBe(200);
    expect(rotated.body.inbound_url).not.toBe(integration.inboundUrl);
    expect((await deliver(integration.inboundUrl)).status).toBe(404);
    expect((await deliver(rotated.body.inbound_url)).status).toBe(202);

    const deleted = await api.call("DELETE", `/integrations/${integration.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await api.get(`/integrations/${integration.id}`)).status).toBe(404);
    expect((await api.call("DELETE", `/integrations/${integration.id}`)).status).toBe(404);
    expect((await deliver(rotated.body.inbound_url)).status).toBe(404);
  });

  it("pages through integrations with next links", async () => {
    const other = await seedDataspace({ owner: { id: ctx.actor.userId } });
    const octx = await tenantFor(ctx.actor.userId, other.slug);
    const names = ["First", "Second", "Third"];
    for (const name of names) await seedIntegration(octx, { name });
    const client = apiAs(await seedApiToken(octx, ["admin"]));
    const seen: string[] = [];
    let next: string | null = "/integrations?limit=2";
    while (next) {
      const page = await client.get(next);
      seen.push(...page.body.results.map((i: { name: string }) => i.name));
      next = page.body.next ? page.body.next.replace("http://api.test/api/v1", "") : null;
    }
    expect(seen).toEqual(names);
  });

  it("refuses tokens without integrations:admin, and tokens whose creator is not an admin", async () => {
    const { id } = await seedIntegration(ctx, { config: github });
    for (const scopes of [["integrations:read"], ["write"], ["requests:admin"]]) {
      const answer = await apiAs(await seedApiToken(ctx, scopes)).get(`/integrations/${id}`);
      expect(answer.status, scopes.join()).toBe(403);
      expect(answer.body.type).toBe("urn:switchboard:problem:missing-scope");
      expect(answer.body.detail).toContain("integrations:admin");
    }
    const member = await seedUser();
    await addMember(space, member, "MEMBER");
    const asMember = apiAs(await seedApiToken(await tenantFor(member.id, space.slug), ["integrations:admin"]));
    const count = await db.integration.count({ where: { dataspaceId: space.id } });
    for (const answer of [await asMember.get("/integrations"), await asMember.post("/integrations", { type: "github", name: "Sneaky", config: github })]) {
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe("urn:switchboard:problem:forbidden");
    }
    expect(await db.integration.count({ where: { dataspaceId: space.id } })).toBe(count);
  });

  describe("inbound events", () => {
    it("lists an integration's events by status, shows one with masked headers, body and log, and replays it", async () => {
      const { integration } = await seedIntegration(ctx, { config: github });
      expect((await deliver(integration.inboundUrl)).status).toBe(202);
      expect((await deliver(integration.inboundUrl)).status).toBe(202);
      const [first, second] = await db.webhookEvent.findMany({ where: { integrationId: integration.id }, orderBy: { receivedAt: "asc" } });
      await db.webhookEvent.update({ where: { id: first.id }, data: { status: "FAILED", error: "Jira said 500", queuedAt: null } });

      const all = await api.get(`/integrations/${integration.id}/inbound-events`);
      expect(all.status).toBe(200);
      expect(all.body.results.map((e: { uuid: string }) => e.uuid)).toEqual([second.id, first.id]);
      const failed = await api.get(`/integrations/${integration.id}/inbound-events?status=failed`);
      expect(failed.body.results).toEqual([
        {
          api_url: `/api/v1/inbound-events/${first.id}`,
          absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/integrations/${integration.id}$`)),
          uuid: first.id,
          integration: integration.id,
          status: "failed",
          event_type: "issues.opened",
          delivery_id: first.providerDeliveryId,
          attempts: 0,
          error: "Jira said 500",
          domain_event_type: null,
          received_date: first.receivedAt.toISOString(),
          processed_date: null,
        },
      ]);

      const one = await api.get(path(failed.body.results[0].api_url));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ ...failed.body.results[0], body: first.body, log: first.log });
      expect(one.body.headers).toMatchObject({ "x-github-event": "issues", "x-hub-signature-256": "***" });
      expect(one.text).not.toContain("sha256=");

      const replayed = await api.post(`/inbound-events/${first.id}/replay`, undefined);
      expect(replayed.status).toBe(200);
      expect(replayed.body).toMatchObject({ uuid: first.id, status: "received", error: null });
      const after = await api.get(`/inbound-events/${first.id}`);
      expect(after.body.log).toEqual([...(first.log as unknown[]), { at: expect.any(String), message: expect.stringMatching(/^Replayed by /) }]);
    });

    it("refuses a replay while processing, a bad status filter, and unknown events", async () => {
      const { integration } = await seedIntegration(ctx, { config: github });
      await deliver(integration.inboundUrl);
      const event = await db.webhookEvent.findFirstOrThrow({ where: { integrationId: integration.id } });
      await db.webhookEvent.update({ where: { id: event.id }, data: { status: "PROCESSING", queuedAt: null } });
      const busy = await api.post(`/inbound-events/${event.id}/replay`, undefined);
      expect(busy.status).toBe(409);
      expect(busy.body.type).toBe("urn:switchboard:problem:conflict");
      expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).status).toBe("PROCESSING");

      const bad = await api.get(`/integrations/${integration.id}/inbound-events?status=done`);
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(["status"]);
      expect((await api.get(`/inbound-events/${crypto.randomUUID()}`)).status).toBe(404);
      expect((await api.get(`/integrations/${crypto.randomUUID()}/inbound-events`)).status).toBe(404);
      expect((await apiAs(await seedApiToken(ctx, ["integrations:write"])).get(`/inbound-events/${event.id}`)).status).toBe(403);
    });
  });
});
