import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { scopedDb } from "@/server/db/scoped";
import { publishInboundEvent } from "@/server/events/publish-inbound-event";
import { hashInboundToken } from "@/server/integrations/inbound-token";
import { snapshotDataspace } from "../../../test/snapshot";
import { githubDelivery, githubExample, hookRequest, integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { failEvents, finishEvents, readEvents, recordEventError } from "./event-transitions";
import { findHookTarget } from "./find-hook-target";
import { receiveHook } from "./receive-hook";
import { storeWebhookEvent } from "./store-webhook-event";

/**
 * The inbound hot path writes with SQL the scoped client does not see (ARCHITECTURE.md says
 * where and why). Each statement names its dataspace; these calls aim them at another
 * dataspace's rows and prove nothing of that dataspace changes.
 */
describe("inbound SQL statements stay in their dataspace", () => {
  it("cannot store, claim, finish, fail or publish into another dataspace", async () => {
    const a = await integrationTenant("Alpha");
    const b = await integrationTenant("Bravo");
    const secret = "bravo-secret-0123456789";
    const hookB = await seedIntegration(b, { config: { repository: "bravo/app", webhookSecret: secret } });
    const hookA = await seedIntegration(a, { config: { repository: "alpha/app", webhookSecret: "alpha-secret-0123456789" } });
    const delivery = await githubDelivery(secret, "issues", githubExample("issues", "opened"));
    expect((await receiveHook(hookRequest(hookB.path, { body: delivery.body, headers: delivery.headers }))).status).toBe(202);
    const eventB = await db.webhookEvent.findFirstOrThrow({ where: { integrationId: hookB.id } });
    const before = await snapshotDataspace(b.dataspace.id);

    // A's integration found by its token, but made to claim B's dataspace: the composite key refuses the row.
    const targetA = (await findHookTarget(hashInboundToken(hookA.token)))!;
    const forged = { ...targetA, integration: { ...targetA.integration, dataspaceId: b.dataspace.id } };
    await expect(storeWebhookEvent(forged, { eventType: "push", deliveryId: "x", headers: {}, body: "{}", receivedAt: new Date() })).rejects.toThrow();

    // State changes named with A's dataspace touch none of B's rows.
    const tdbA = scopedDb(a.dataspace.id);
    const ref = { id: eventB.id, dispatch: eventB.dispatch, attempts: eventB.attempts };
    expect(await readEvents(tdbA, a.dataspace.id, [ref])).toEqual([]);
    expect(await tdbA.$transaction((tx) => finishEvents(tx, a.dataspace.id, [{ id: eventB.id, attempts: eventB.attempts + 1, dispatch: eventB.dispatch, type: null, message: "x" }], new Date()))).toBe(0);
    expect(await recordEventError(tdbA, a.dataspace.id, { id: eventB.id, attempts: eventB.attempts + 1, dispatch: eventB.dispatch }, "boom", new Date(), true)).toBe(0);
    expect(await failEvents(tdbA, a.dataspace.id, [ref], "boom", new Date())).toBe(0);

    // Publishing through A's transaction writes A's event, and cannot take its payload from B's received event.
    const envelope = { integration: { uuid: hookA.id, name: "A", type: "GITHUB" }, event_type: "issues.opened", delivery_id: null, summary: {} };
    await expect(tdbA.$transaction((tx) => publishInboundEvent(tx, a.dataspace.id, { type: "github.issues.opened", envelope, payloadFromId: eventB.id }))).rejects.toThrow();
    const eventA = await storeWebhookEvent(targetA, { eventType: "issues.opened", deliveryId: "a-1", headers: {}, body: "{}", receivedAt: new Date() });
    const { id } = await tdbA.$transaction((tx) => publishInboundEvent(tx, a.dataspace.id, { type: "github.issues.opened", envelope, payloadFromId: eventA.id }));
    expect((await db.event.findUniqueOrThrow({ where: { id } })).dataspaceId).toBe(a.dataspace.id);
    expect(await snapshotDataspace(b.dataspace.id)).toEqual(before);
  });
});
