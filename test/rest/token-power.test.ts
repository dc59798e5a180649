import { beforeAll, describe, expect, it } from "vitest";
import { changeMemberRole, removeMember } from "@/server/dataspaces/members";
import { createInvitationInput } from "@/server/dataspaces/dataspace.schema";
import { acceptInvitation, createInvitation } from "@/server/dataspaces/invitations";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { seedApiToken } from "../api-token-fixtures";
import { addMember, seedDataspace, seedUser, tenantFor, type SeededDataspace } from "../factories";
import { apiAs } from "./api";

/**
 * A token's power follows its creator's membership at once (issue 12, item 7): a demotion applies
 * to the very next request (the token cache is evicted, not waited out), and a removal revokes the
 * member's tokens for good — inviting them back does not bring the tokens back.
 */
let space: SeededDataspace;
let ownerCtx: TenantContext;

beforeAll(async () => {
  const owner = await seedUser();
  space = await seedDataspace({ owner, name: "Token power" });
  ownerCtx = await tenantFor(owner.id, space.slug);
});

async function memberWithToken(role: "ADMIN" | "MEMBER") {
  const user = await seedUser();
  await addMember(space, user, role);
  const api = apiAs(await seedApiToken(await tenantFor(user.id, space.slug), ["admin"]));
  // The token is looked up and cached, as after any earlier use.
  expect((await api.get("/requests")).status).toBe(200);
  return { user, api };
}

describe("token power after a membership change", () => {
  it("a demoted admin's token loses the admin's power on the next request", async () => {
    const { user, api } = await memberWithToken("ADMIN");
    expect((await api.get("/webhooks")).status).toBe(200);
    await changeMemberRole(ownerCtx, { userId: user.id, role: "VIEWER" });
    expect((await api.get("/webhooks")).status).toBe(403);
    expect((await api.post("/requests", { title: "Made after the demotion" })).status).toBe(403);
    expect(await db.request.count({ where: { dataspaceId: space.id, title: "Made after the demotion" } })).toBe(0);
    // And a promotion applies at once too.
    await changeMemberRole(ownerCtx, { userId: user.id, role: "MEMBER" });
    expect((await api.post("/requests", { title: "Made after the promotion" })).status).toBe(201);
  });

  it("removing a member revokes their tokens, and inviting them back does not revive them", async () => {
    const { user, api } = await memberWithToken("MEMBER");
    await removeMember(ownerCtx, { userId: user.id });
    expect((await api.get("/requests")).status).toBe(401);
    const tokens = await db.apiToken.findMany({ where: { dataspaceId: space.id, createdById: user.id } });
    expect(tokens.map((token) => token.revokedAt)).toEqual([expect.any(Date)]);

    const { token } = await createInvitation(ownerCtx, createInvitationInput.parse({ email: user.email, role: "MEMBER" }));
    await acceptInvitation(user.id, token);
    expect(await db.membership.count({ where: { dataspaceId: space.id, userId: user.id } })).toBe(1);
    expect((await api.get("/requests")).status).toBe(401);
  });

  it("a token from an earlier membership stays dead even if it was never revoked", async () => {
    const { user, api } = await memberWithToken("MEMBER");
    // A removal from before tokens were revoked with it: the membership simply went away.
    await db.membership.deleteMany({ where: { dataspaceId: space.id, userId: user.id } });
    await addMember(space, user, "MEMBER");
    const { clearApiTokenCache } = await import("@/server/api-tokens/token-cache");
    clearApiTokenCache();
    expect((await api.get("/requests")).status).toBe(401);
  });
});
