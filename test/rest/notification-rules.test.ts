import { beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedIntegration, seedUser, tenantFor, type SeededDataspace } from "../factories";
import { apiAs } from "./api";

/** Notification rules through /api/v1, as an admin's automation manages them. */
describe("REST notification rules", () => {
  let space: SeededDataspace;
  let ctx: TenantContext;
  let admin: ReturnType<typeof apiAs>;
  let reader: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    const owner = await seedUser();
    space = await seedDataspace({ owner, name: "Rules team" });
    ctx = await tenantFor(owner.id, space.slug);
    admin = apiAs(await seedApiToken(ctx, ["notifications:admin"]));
    const member = await seedUser();
    await addMember(space, member, "MEMBER");
    reader = apiAs(await seedApiToken(await tenantFor(member.id, space.slug), ["notifications:read"]));
  });

  it("creates, reads, changes with If-Match, lists and deletes a rule", async () => {
    const created = await admin.post("/notification-rules", {
      name: "Pager for critical alerts",
      channel: "email",
      events: ["alert.triggered", "incident.*"],
      filter: 'data.severity == "critical"',
      destination: { to: ["oncall@ops.test"], roles: ["ADMIN"] },
      quiet_hours: { start: "22:00", end: "07:00", time_zone: "Europe/Paris" },
      throttle_per_minute: 5,
    });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid as string;
    expect(created.body).toMatchObject({
      api_url: `/api/v1/notification-rules/${uuid}`,
      name: "Pager for critical alerts",
      is_active: true,
      events: ["alert.triggered", "incident.*"],
      channel: "email",
      integration: null,
      destination: { to: ["oncall@ops.test"], roles: ["ADMIN"] },
      template: null,
      quiet_hours: { start: "22:00", end: "07:00", time_zone: "Europe/Paris" },
      throttle_per_minute: 5,
      state: "active",
      last_error: null,
    });

    const read = await reader.get(`/notification-rules/${uuid}`);
    expect(read.status).toBe(200);
    const stale = await admin.patch(`/notification-rules/${uuid}`, { name: "Renamed" }, { headers: { "if-match": '"not-the-etag"' } });
    expect(stale.status).toBe(412);
    const renamed = await admin.patch(`/notification-rules/${uuid}`, { name: "Renamed", throttle_per_minute: null, template: { title: "[{{ data.severity }}] {{ data.title }}" } }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed", throttle_per_minute: null, template: { title: "[{{ data.severity }}] {{ data.title }}" }, events: ["alert.triggered", "incident.*"] });

    const list = await reader.get("/notification-rules");
    expect(list.body.results.map((r: { uuid: string }) => r.uuid)).toContain(uuid);
    expect((await reader.get(`/notification-rules/${uuid}/messages`)).body.results).toEqual([]);

    expect((await admin.call("DELETE", `/notification-rules/${uuid}`)).status).toBe(204);
    expect((await admin.get(`/notification-rules/${uuid}`)).status).toBe(404);
  });

  it("answers 422 naming the API's field for what cannot work", async () => {
    const base = { name: "Bad", channel: "email", events: ["alert.*"], destination: { to: ["a@ops.test"] } };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ events: ["alrt.*"] }, "events", /no event type matches/],
      [{ filter: "data.severity ==" }, "filter", /./],
      [{ template: { title: "{{ secrets.x }}" } }, "template", /./],
      [{ quiet_hours: { start: "25:00", end: "07:00", time_zone: "UTC" } }, "quiet_hours", /time like/],
      [{ quiet_hours: { start: "22:00", end: "07:00", time_zone: "Moon/Base" } }, "quiet_hours", /IANA/],
      [{ throttle_per_minute: 0 }, "throttle_per_minute", /at least 1/],
      [{ destination: {} }, "destination", /recipients/],
      [{ destination: { to: ["not-an-address"] } }, "destination", /email address/],
      [{ channel: "slack", destination: {} }, "integration", /needs the integration/],
    ];
    for (const [change, field, message] of cases) {
      const answer = await admin.post("/notification-rules", { ...base, ...change });
      expect(answer.status, JSON.stringify(change)).toBe(422);
      expect(answer.body.errors?.map((e: { field: string }) => e.field), JSON.stringify(change)).toContain(field);
      expect(answer.body.detail ?? answer.body.title, JSON.stringify(change)).toMatch(message);
    }
    const unknown = await admin.post("/notification-rules", { ...base, webhook: "x" });
    expect(unknown.status).toBe(422);
    expect(await db.notificationRule.count({ where: { dataspaceId: space.id, name: "Bad" } })).toBe(0);
  });

  it("refuses an integration of another kind, and rule changes to a read-only token", async () => {
    const github = await seedIntegration(ctx, { name: "Code host" });
    const wrongKind = await admin.post("/notification-rules", { name: "Via GitHub", channel: "slack", events: ["alert.*"], integration: github.id });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.detail).toMatch(/not a Slack integration/);
    const denied = await reader.post("/notification-rules", { name: "Mine", channel: "email", events: ["alert.*"], destination: { to: ["a@ops.test"] } });
    expect(denied.status).toBe(403);
  });
});
