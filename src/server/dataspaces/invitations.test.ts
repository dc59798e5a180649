import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../../../test/factories";
import { createInvitationInput } from "./dataspace.schema";
import { acceptInvitation, createInvitation, previewInvitation, revokeInvitation } from "./invitations";
import type { TenantContext } from "./tenant-context";

const membershipOf = (dataspaceId: string, userId: string) =>
  db.membership.findFirst({ where: { dataspaceId, userId }, select: { role: true } });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("invitations", () => {
  let admin: SeededUser;
  let space: SeededDataspace;
  let ctx: TenantContext;
  const invite = (input: Record<string, unknown> = {}) => createInvitation(ctx, createInvitationInput.parse(input));

  beforeAll(async () => {
    const owner = await seedUser();
    admin = await seedUser();
    space = await seedDataspace({ owner, name: "Ops" });
    await addMember(space, admin, "ADMIN");
    ctx = await tenantFor(admin.id, space.slug);
  });

  it("let a user join with the invited role, and show as used afterwards", async () => {
    const invitation = await invite({ role: "VIEWER" });
    const joiner = await seedUser();
    expect((await previewInvitation(invitation.token)).state).toBe("pending");
    await expect(acceptInvitation(joiner.id, invitation.token)).resolves.toMatchObject({ slug: space.slug, name: "Ops" });
    expect(await membershipOf(space.id, joiner.id)).toEqual({ role: "VIEWER" });
    expect((await previewInvitation(invitation.token)).state).toBe("used");
  });

  it("are single use, even when two people accept at the same moment", async () => {
    const invitation = await invite();
    const [first, second] = [await seedUser(), await seedUser()];
    const results = await Promise.all([codeOf(acceptInvitation(first.id, invitation.token)), codeOf(acceptInvitation(second.id, invitation.token))]);
    expect(results.sort()).toEqual(["GONE", "OK"]);
    const joined = await db.membership.count({ where: { dataspaceId: space.id, userId: { in: [first.id, second.id] } } });
    expect(joined).toBe(1);
    const late = await seedUser();
    await expect(acceptInvitation(late.id, invitation.token)).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/already been used/) });
  });

  it("are GONE once expired", async () => {
    const invitation = await invite();
    await db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const joiner = await seedUser();
    await expect(acceptInvitation(joiner.id, invitation.token)).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/expired/) });
    expect(await membershipOf(space.id, joiner.id)).toBeNull();
    expect((await previewInvitation(invitation.token)).state).toBe("expired");
  });

  it("are GONE once revoked", async () => {
    const invitation = await invite();
    await revokeInvitation(ctx, { id: invitation.id });
    const joiner = await seedUser();
    await expect(acceptInvitation(joiner.id, invitation.token)).rejects.toMatchObject({ code: "GONE", message: expect.stringMatching(/revoked/) });
    expect(await membershipOf(space.id, joiner.id)).toBeNull();
    await expect(revokeInvitation(ctx, { id: invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("restricted to an email are FORBIDDEN to anyone else, and still work for that email", async () => {
    const invited = await seedUser({ email: "Invited.Person@Example.test" });
    const invitation = await invite({ email: "invited.person@example.test", role: "ADMIN" });
    const stranger = await seedUser();
    await expect(acceptInvitation(stranger.id, invitation.token)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("invited.person@example.test"),
    });
    expect(await membershipOf(space.id, stranger.id)).toBeNull();
    await acceptInvitation(invited.id, invitation.token);
    expect(await membershipOf(space.id, invited.id)).toEqual({ role: "ADMIN" });
  });

  it("answer CONFLICT to someone already a member, without using the invitation up", async () => {
    const invitation = await invite();
    await expect(acceptInvitation(admin.id, invitation.token)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await membershipOf(space.id, admin.id)).toEqual({ role: "ADMIN" });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).usedAt).toBeNull();
    const newcomer = await seedUser();
    await acceptInvitation(newcomer.id, invitation.token);
    expect(await membershipOf(space.id, newcomer.id)).toEqual({ role: "MEMBER" });
  });

  it("are NOT_FOUND for an unknown token, and never store the token itself", async () => {
    const invitation = await invite();
    const joiner = await seedUser();
    await expect(acceptInvitation(joiner.id, `${invitation.token}x`)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(JSON.stringify(stored)).not.toContain(invitation.token);
    expect(invitation.url).toMatch(new RegExp(`/invite/${invitation.token}$`));
  });
});
