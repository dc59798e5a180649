import { db } from "@/server/db/client";
import { resolveTenantContext } from "@/server/dataspaces/tenant-context";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createRequest } from "@/server/records/requests/create-request";
import { createRequestInput } from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";

export const DEMO_SLUG = "demo";
const DEMO_BOT_EMAIL = "demo-bot@switchboard.invalid";

const SAMPLE_REQUESTS = [
  {
    title: "New vulnerability detected in payments-api",
    priority: "urgent",
    notes: "CVE reported by the nightly scan. Needs a patched release before Friday.",
    serializedData: { "Product Team Contact": "payments@example.com", "Need By Date": "" },
    productContext: "payments-api 4.2",
    comment: "Scanner output attached in the CI run; first look says the fix is a minor bump.",
  },
  { title: "Grant the data team read access to the events export", priority: "normal", notes: "" },
  { title: "Rotate the Slack webhook secret", priority: "high", notes: "The old one leaked in a screenshot.", status: "in_progress" },
  { title: "Document the on-call escalation path", priority: "low", notes: "", status: "closed" },
] as const;

/**
 * A demo dataspace for a fresh instance, filled through the same domain functions users go
 * through (so its events are real). Its sample author is a bot that cannot sign in; the
 * instance owner adopts the dataspace at first-run setup (`adoptOwnerlessDataspaces`).
 */
export async function seedDemoDataspace(): Promise<{ created: boolean }> {
  if (await db.dataspace.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } })) return { created: false };
  const bot = await db.user.upsert({
    where: { email: DEMO_BOT_EMAIL },
    create: { email: DEMO_BOT_EMAIL, name: "Switchboard demo" },
    update: {},
  });
  await db.dataspace.create({
    data: { slug: DEMO_SLUG, name: "Demo dataspace", memberships: { create: { userId: bot.id, role: "MEMBER" } } },
  });
  const ctx = await resolveTenantContext(bot.id, DEMO_SLUG);
  for (const sample of SAMPLE_REQUESTS) {
    const { comment, status, ...fields } = sample as typeof sample & { comment?: string; status?: "in_progress" | "closed" };
    const request = await createRequest(ctx, createRequestInput.parse(fields));
    if (status) await updateRequest(ctx, { id: request.id, patch: { status } });
    if (comment) await addRequestComment(ctx, { requestId: request.id, text: comment });
  }
  return { created: true };
}

/** Makes `userId` the owner of every dataspace that has no owner (the demo, at first setup). */
export async function adoptOwnerlessDataspaces(userId: string): Promise<number> {
  const orphans = await db.dataspace.findMany({
    where: { memberships: { none: { role: "OWNER" } } },
    select: { id: true },
  });
  for (const { id } of orphans) {
    await db.membership.upsert({
      where: { dataspaceId_userId: { dataspaceId: id, userId } },
      create: { dataspaceId: id, userId, role: "OWNER" },
      update: { role: "OWNER" },
    });
  }
  return orphans.length;
}
