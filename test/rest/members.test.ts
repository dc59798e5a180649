import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../factories";
import { apiAs } from "./api";

/** Members through /api/v1: anyone with members:read lists them; admins' tokens change them, never owners. */
describe("REST members", () => {
  let owner: SeededUser;
  let admin: SeededUser;
  let space: SeededDataspace;
  let ownerCtx: TenantContext;
  let api: ReturnType<typeof apiAs>;
  const roleOf = async (userId: string) => (await db.membership.findFirst({ where: { dataspaceId: space.id, userId }, select: { role: true } }))?.role ?? null;
  const newMember = async (role: Role, name = "Someone") => {
    const user = await seedUser({ name });
    await addMember(space, user, role);
    return user;
  };

  beforeAll(async () => {
    owner = await seedUser({ name: "Olivia Owner" });
    space = await seedDataspace({ owner, name: "People team" });
    admin = await newMember("ADMIN", "Ada Admin");
    ownerCtx = await tenantFor(owner.id, space.slug);
    // The owner's own token: it still acts as an admin at most.
    api = apiAs(await seedApiToken(ownerCtx, ["members:admin"]));
  });

  it("lists members with their role in the order they joined, page by page, and reads one", async () => {
    const viewer = await newMember("VIEWER", "Vic Viewer");
    const reader = apiAs(await seedApiToken(await tenantFor(viewer.id, space.slug), ["members:read"]));
    const first = await reader.get("/members?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      {
        api_url: `/api/v1/members/${owner.id}`,
        absolute_url: expect.stringMatching(new RegExp(`/d/${space.slug}/members$`)),
        uuid: owner.id,
        email: owner.email,
        name: "Olivia Owner",
        role: "owner",
        joined_date: expect.any(String),
      },
      expect.objectContaining({ uuid: admin.id, role: "admin", name: "Ada Admin" }),
    ]);
    expect(first.headers.get("link")).toBe(`<${first.body.next}>; rel="next"`);
    const rest = await reader.get(first.body.next.replace("http://api.test/api/v1", ""));
    expect(rest.body.results.map((m: { uuid: string }) => m.uuid)).toContain(viewer.id);

    const one = await reader.get(`/members/${admin.id}`);
    expect(one.body).toEqual(first.body.results[1]);
    expect((await reader.get(`/members/${crypto.randomUUID()}`)).status).toBe(404);
    const outsider = await seedUser();
    expect((await reader.get(`/members/${outsider.id}`)).status).toBe(404);
  });

  it("changes a role, with If-Match refusing a stale change", async () => {
    const member = await newMember("MEMBER");
    const read = await api.get(`/members/${member.id}`);
    const changed = await api.patch(`/members/${member.id}`, { role: "viewer" }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ...read.body, role: "viewer" });
    expect(await roleOf(member.id)).toBe("VIEWER");

    const stale = await api.patch(`/members/${member.id}`, { role: "admin" }, { headers: { "if-match": read.headers.get("etag")! } });
    expect(stale.status).toBe(412);
    expect(await roleOf(member.id)).toBe("VIEWER");
  });

  it("removes a member, who then is gone", async () => {
    const leaving = await newMember("MEMBER");
    const removed = await api.call("DELETE", `/members/${leaving.id}`);
    expect(removed.status).toBe(204);
    expect(await roleOf(leaving.id)).toBeNull();
    expect((await api.get(`/members/${leaving.id}`)).status).toBe(404);
    expect((await api.call("DELETE", `/members/${leaving.id}`)).status).toBe(404);
  });

  it("never acts as an owner, even with an owner's token: owners are granted, demoted and removed in the dashboard", async () => {
    const member = await newMember("MEMBER");
    const attempts = [
      await api.patch(`/members/${member.id}`, { role: "owner" }),
      await api.patch(`/members/${owner.id}`, { role: "admin" }),
      await api.call("DELETE", `/members/${owner.id}`),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe("urn:switchboard:problem:forbidden");
      expect(answer.body.detail).toMatch(/owner/);
    }
    expect([await roleOf(member.id), await roleOf(owner.id)]).toEqual(["MEMBER", "OWNER"]);
  });

  it("refuses bad input with field names", async () => {
    const member = await newMember("MEMBER");
    const answers = [await api.patch(`/members/${member.id}`, { role: "superuser" }), await api.patch(`/members/${member.id}`, { role: "viewer", email: "x@y.z" })];
    expect(answers.map((a) => a.status)).toEqual([422, 422]);
    expect(answers.map((a) => a.body.errors.map((e: { field: string }) => e.field))).toEqual([["role"], ["email"]]);
    expect(answers[0].body.errors[0].message).toContain("viewer");
    expect(await roleOf(member.id)).toBe("MEMBER");
  });

  it("changes take members:admin, and a creator who is an admin", async () => {
    const member = await newMember("MEMBER");
    const readOnly = await apiAs(await seedApiToken(ownerCtx, ["members:read"])).patch(`/members/${member.id}`, { role: "viewer" });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.type).toBe("urn:switchboard:problem:missing-scope");
    expect(readOnly.body.detail).toContain("members:admin");
    expect((await apiAs(await seedApiToken(ownerCtx, ["requests:admin"])).get("/members")).status).toBe(403);

    const byMember = apiAs(await seedApiToken(await tenantFor(member.id, space.slug), ["members:admin"]));
    const victim = await newMember("VIEWER");
    for (const answer of [await byMember.patch(`/members/${victim.id}`, { role: "admin" }), await byMember.call("DELETE", `/members/${victim.id}`)]) {
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe("urn:switchboard:problem:forbidden");
    }
    expect(await roleOf(victim.id)).toBe("VIEWER");
    expect((await byMember.get("/members")).status).toBe(200);

    // An admin's token manages members below owner.
    const byAdmin = apiAs(await seedApiToken(await tenantFor(admin.id, space.slug), ["admin"]));
    expect((await byAdmin.patch(`/members/${victim.id}`, { role: "member" })).status).toBe(200);
    expect(await roleOf(victim.id)).toBe("MEMBER");
  });
});
