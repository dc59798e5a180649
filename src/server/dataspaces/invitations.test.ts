import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { closeMail } from "@/server/mail/transport";
import { addMember, seedDataspace, seedSsoConnection, seedUser, tenantFor, type SeededDataspace, type SeededUser } from "../../../test/factories";
import { startMailCatcher, type MailCatcher } from "../../../test/mail-catcher";
import { createInvitationInput } from "./dataspace.schema";
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from "./invitations";
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

  it("addressed to an email are FORBIDDEN to an account only an unproven SSO connection vouches for; a link invitation still works", async () => {
    // A squatter's IdP (in another dataspace, domain not proven) created this account for the address.
    const squatter = await seedUser();
    const squatterSpace = await seedDataspace({ owner: squatter });
    const connection = await seedSsoConnection(squatterSpace, { allowedDomains: ["victim-corp.test"] });
    const planted = await db.user.create({
      data: { email: "cfo@victim-corp.test", name: "Planted", unprovenSsoConnectionId: connection.id },
      select: { id: true },
    });
    const addressed = await invite({ email: "cfo@victim-corp.test", role: "ADMIN" });
    await expect(acceptInvitation(planted.id, addressed.token)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/not proven/) });
    expect(await membershipOf(space.id, planted.id)).toBeNull();
    expect((await db.invitation.findUniqueOrThrow({ where: { id: addressed.id } })).usedAt).toBeNull();
    const link = await invite({ role: "VIEWER" });
    await acceptInvitation(planted.id, link.token);
    expect(await membershipOf(space.id, planted.id)).toEqual({ role: "VIEWER" });
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

  it("of another dataspace cannot be revoked or listed through this one", async () => {
    const elsewhere = await seedDataspace({ owner: admin, name: "Elsewhere" });
    const foreign = await createInvitation(await tenantFor(admin.id, elsewhere.slug), createInvitationInput.parse({}));
    await expect(revokeInvitation(ctx, { id: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await previewInvitation(foreign.token)).state).toBe("pending");
    expect((await listInvitations(ctx)).map((i) => i.id)).not.toContain(foreign.id);
  });
});

describe("invitations by email", () => {
  let mail: MailCatcher;
  let ctx: TenantContext;
  beforeAll(async () => {
    mail = await startMailCatcher();
    process.env.SMTP_URL = mail.url;
    resetEnvCache();
    const owner = await seedUser({ name: "Olga Owner" });
    const space = await seedDataspace({ owner, name: "Mail Team" });
    ctx = await tenantFor(owner.id, space.slug);
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    closeMail();
    await mail.close();
  });

  it("are mailed to the address when SMTP is set, and the link is still handed to the admin", async () => {
    const invitation = await createInvitation(ctx, createInvitationInput.parse({ email: "pia@example.test", role: "VIEWER" }));
    expect(invitation).toMatchObject({ emailed: true, url: expect.stringContaining(invitation.token) });
    const message = await mail.next("pia@example.test");
    expect(message.subject).toBe("You are invited to Mail Team on Switchboard");
    expect(message.text).toContain(invitation.url);
    expect(message.text).toContain("Olga Owner invited you to join Mail Team on Switchboard as a viewer.");
  });

  it("without an address are not mailed", async () => {
    const before = mail.received.length;
    await expect(createInvitation(ctx, createInvitationInput.parse({}))).resolves.toMatchObject({ emailed: false });
    expect(mail.received.length).toBe(before);
  });

  it("still work when the mail server is unreachable", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvCache();
    try {
      const invitation = await createInvitation(ctx, createInvitationInput.parse({ email: "quinn@example.test" }));
      expect(invitation).toMatchObject({ emailed: false });
      expect((await previewInvitation(invitation.token)).state).toBe("pending");
    } finally {
      process.env.SMTP_URL = mail.url;
      resetEnvCache();
    }
  });
});
