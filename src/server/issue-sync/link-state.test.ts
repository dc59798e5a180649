import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { seedDataspace, seedIntegration, seedRequest, seedUser, tenantFor } from "../../../test/factories";
import { giveUpWaitingLinks, recordFailure } from "./link-state";

describe("issue link failures", () => {
  async function setup() {
    const owner = await seedUser();
    const space = await seedDataspace({ owner });
    const ctx = await tenantFor(owner.id, space.slug);
    const github = await seedIntegration(ctx, { name: "GitHub octo/app" });
    const request = await seedRequest(ctx, { title: "Retried all night" });
    const link = await db.issueLink.create({ data: { dataspaceId: space.id, integrationId: github.id, requestId: request.id } });
    const ref = { dataspaceId: space.id, integrationId: github.id, linkId: link.id };
    const failedEvents = () => db.event.findMany({ where: { dataspaceId: space.id, type: "issue_sync.failed" }, orderBy: { seq: "asc" } });
    return { ctx, request, link, ref, failedEvents };
  }

  it("a link still waiting on a retry when the retries run out fails for good, once, with the last words it got", async () => {
    const { request, link, ref, failedEvents, ctx } = await setup();
    await recordFailure(ref, new Error("GitHub did not answer (a new issue in octo/app): 502 Bad Gateway"), false);
    expect(await db.issueLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ state: "PENDING", lastError: "GitHub did not answer (a new issue in octo/app): 502 Bad Gateway (will retry)" });
    expect(await failedEvents()).toHaveLength(0);

    await giveUpWaitingLinks({ dataspaceId: ref.dataspaceId, requestId: request.id }, "the run's last error");
    const failed = await db.issueLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(failed).toMatchObject({ state: "FAILED", lastError: "Gave up after the retries: GitHub did not answer (a new issue in octo/app): 502 Bad Gateway" });
    const [event] = await failedEvents();
    expect(event.data).toMatchObject({ uuid: link.id, request: { uuid: request.id, title: "Retried all night" }, integration: { name: "GitHub octo/app", type: "github" }, sync_paused: false });
    expect((event.data as { request: { absolute_url: string } }).request.absolute_url).toMatch(new RegExp(`/d/${ctx.dataspace.slug}/requests/${request.id}$`));

    // Nothing waits any more: giving up again changes nothing, and a later failure of a failed link publishes nothing new.
    await giveUpWaitingLinks({ dataspaceId: ref.dataspaceId, requestId: request.id }, "again");
    await recordFailure(ref, new Error("GitHub refused the new issue (422: Validation Failed)"), true);
    expect(await failedEvents()).toHaveLength(1);
    expect((await db.issueLink.findUniqueOrThrow({ where: { id: link.id } })).lastError).toBe("GitHub refused the new issue (422: Validation Failed)");
  });

  it("a synced link that fails again is heard of again", async () => {
    const { link, ref, failedEvents } = await setup();
    await recordFailure(ref, new Error("Refused once"), true);
    await db.issueLink.update({ where: { id: link.id }, data: { state: "SYNCED", lastError: null } });
    await recordFailure(ref, new Error("Refused twice"), true);
    expect((await failedEvents()).map((event) => (event.data as { last_error: string }).last_error)).toEqual(["Refused once", "Refused twice"]);
  });
});
