import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { hashInboundToken } from "@/server/integrations/inbound-token";
import { receiveHook } from "@/server/inbound/receive-hook";
import { addMember, callerFor, seedDataspace, seedUser } from "../../../../test/factories";
import { githubDelivery, githubExample, hookRequest } from "../../../../test/integration-fixtures";

/**
 * Integration management through the API as the dashboard uses it: typed configs validated by
 * their provider, secrets moved to the encrypted store and never shown again, a rotatable
 * inbound URL, admins only.
 */
describe("integrations", () => {
  let owner: { id: string };
  let slug: string;
  const api = () => callerFor(owner.id).integration;
  const github = { repository: "octo-org/octo-app", webhookSecret: "a-very-long-webhook-secret", token: "ghp_secrettoken1234567890" };

  beforeAll(async () => {
    owner = await seedUser();
    slug = (await seedDataspace({ owner })).slug;
  });

  it("creates a GitHub integration with its secrets in the encrypted store, masked everywhere after", async () => {
    const created = await api().create({ dataspace: slug, type: "GITHUB", name: "Main repo", config: github });
    expect(created.config).toEqual({ repository: "octo-org/octo-app", webhookSecret: "***", token: "***" });
    expect(created.inboundUrl).toMatch(/\/api\/hooks\/sbh_[A-Za-z0-9_-]{43}$/);
    const listed = await api().list({ dataspace: slug });
    expect(JSON.stringify(listed)).not.toContain(github.webhookSecret);
    expect(JSON.stringify(listed)).not.toContain(github.token);

    const row = await db.integration.findUniqueOrThrow({ where: { id: created.id }, include: { secrets: true } });
    expect(JSON.stringify(row.config)).not.toContain(github.webhookSecret);
    expect(row.secrets.map((s) => s.name).sort()).toEqual(["token", "webhookSecret"]);
    for (const secret of row.secrets) expect(secret.value).toMatch(/^v1:[^:]+:/); // AES-GCM envelope with its key id
    const token = created.inboundUrl.split("/").at(-1)!;
    expect(row.inboundTokenHash).toBe(hashInboundToken(token));
  });

  it("names the config field that is wrong", async () => {
    const bad = api().create({ dataspace: slug, type: "GITHUB", name: "Bad", config: { ...github, repository: "not a repo" } });
    await expect(bad).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^config\.repository: /) });
    await expect(api().create({ dataspace: slug, type: "NOPE" as never, name: "x", config: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.integration.count({ where: { name: "Bad" } })).toBe(0);
  });

  it("keeps a secret sent back masked, replaces one sent anew, and rotates the inbound URL", async () => {
    const created = await api().create({ dataspace: slug, type: "GITHUB", name: "Edited", config: github });
    const renamed = await api().update({ dataspace: slug, id: created.id, patch: { name: "Renamed", config: { ...created.config } } });
    expect(renamed.name).toBe("Renamed");
    const secrets = () => db.integrationSecret.findMany({ where: { integrationId: created.id }, orderBy: { name: "asc" } });
    const before = await secrets();
    await api().update({ dataspace: slug, id: created.id, patch: { config: { ...created.config, token: "ghp_anothertoken0987654321" } } });
    const after = await secrets();
    expect(after.find((s) => s.name === "webhookSecret")!.value).toBe(before.find((s) => s.name === "webhookSecret")!.value);
    expect(after.find((s) => s.name === "token")!.value).not.toBe(before.find((s) => s.name === "token")!.value);

    // null removes an optional secret; a required one cannot be removed.
    const withoutToken = await api().update({ dataspace: slug, id: created.id, patch: { config: { ...created.config, token: null } } });
    expect(withoutToken.config).toEqual({ repository: "octo-org/octo-app", webhookSecret: "***" });
    expect((await secrets()).map((s) => s.name)).toEqual(["webhookSecret"]);
    const jira = await api().create({ dataspace: slug, type: "JIRA", name: "Jira", config: { baseUrl: "https://acme.atlassian.net", webhookSecret: "jira-webhook-secret-0123" } });
    const noSecret = api().update({ dataspace: slug, id: jira.id, patch: { config: { ...jira.config, webhookSecret: null } } });
    await expect(noSecret).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^config\.webhookSecret: /) });
    expect((await db.integrationSecret.findMany({ where: { integrationId: jira.id }, select: { name: true } })).map((s) => s.name)).toEqual(["webhookSecret"]);

    const rotated = await api().rotateInboundUrl({ dataspace: slug, id: created.id });
    expect(rotated.inboundUrl).not.toBe(created.inboundUrl);
    await api().delete({ dataspace: slug, id: created.id });
    expect(await db.integrationSecret.count({ where: { integrationId: created.id } })).toBe(0);
  });

  it("is for admins only", async () => {
    const member = await seedUser();
    const space = await seedDataspace({ owner });
    await addMember(space, member, "MEMBER");
    const asMember = callerFor(member.id).integration;
    await expect(asMember.list({ dataspace: space.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asMember.create({ dataspace: space.slug, type: "GITHUB", name: "x", config: github })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("stops accepting deliveries the moment it is deactivated, rotated or deleted", async () => {
    const created = await api().create({ dataspace: slug, type: "GITHUB", name: "Switched", config: github });
    const send = async (url: string) => {
      const delivery = await githubDelivery(github.webhookSecret, "ping", githubExample("ping"));
      return (await receiveHook(hookRequest(new URL(url).pathname, { body: delivery.body, headers: delivery.headers }))).status;
    };
    expect(await send(created.inboundUrl)).toBe(202);
    await api().update({ dataspace: slug, id: created.id, patch: { isActive: false } });
    expect(await send(created.inboundUrl)).toBe(404);
    await api().update({ dataspace: slug, id: created.id, patch: { isActive: true } });
    expect(await send(created.inboundUrl)).toBe(202);
    const rotated = await api().rotateInboundUrl({ dataspace: slug, id: created.id });
    expect(await send(created.inboundUrl)).toBe(404);
    expect(await send(rotated.inboundUrl)).toBe(202);
    await api().delete({ dataspace: slug, id: created.id });
    expect(await send(rotated.inboundUrl)).toBe(404);
  });
});

describe("deleting an integration", () => {
  it("always succeeds, copying every published payload into its event — also one PostgreSQL's jsonb cannot take as sent", async () => {
    const { integrationTenant, seedIntegration } = await import("../../../../test/integration-fixtures");
    const { processWebhookEvents } = await import("@/server/inbound/process-webhook-events");
    const { deleteIntegration } = await import("./manage-integrations");
    const ctx = await integrationTenant("Deleting team");
    const webhookSecret = "a-very-long-webhook-secret";
    const hook = await seedIntegration(ctx, { config: { repository: "octo-org/octo-app", webhookSecret } });
    const payload = () => {
      const p = githubExample("issues", "opened") as { repository: { full_name: string }; issue: { title: string } };
      p.repository.full_name = "octo-org/octo-app";
      return p;
    };
    const clean = payload();
    const nul = payload();
    nul.issue.title = "a\u0000b\ud800";
    // A number beyond PostgreSQL's numeric range: the one-statement cast fails, the careful way takes over.
    const huge = await githubDelivery(webhookSecret, "issues", null, { body: JSON.stringify(payload()).replace(/^\{/, '{"huge":1e1000000,') });
    const ids: string[] = [];
    for (const delivery of [await githubDelivery(webhookSecret, "issues", clean), await githubDelivery(webhookSecret, "issues", nul), huge]) {
      const response = await receiveHook(hookRequest(hook.path, delivery));
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as { id: string }).id);
    }
    await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: ids.map((id) => ({ id, dispatch: 0 })) });
    expect(await db.event.count({ where: { payloadFromId: { in: ids } } })).toBe(3);

    await expect(deleteIntegration(ctx, hook.id)).resolves.toEqual({ id: hook.id });
    const kept = await db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, data: { path: ["integration", "uuid"], equals: hook.id } }, orderBy: { createdAt: "asc" } });
    const payloads = kept.map((event) => (event.data as { payload: { issue: { title: string }; huge?: unknown } }).payload);
    expect(payloads.map((p) => p.issue.title).sort()).toEqual([clean.issue.title, "a\ufffdb\ufffd", clean.issue.title].sort());
    expect(payloads.find((p) => "huge" in p)?.huge).toBeNull();
    expect(kept.every((event) => event.payloadFromId === null)).toBe(true);
  });
});
