import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { githubDelivery, githubExample, hookRequest, integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { processWebhookEvents } from "./process-webhook-events";
import { receiveHook } from "./receive-hook";

/**
 * Config fields that say what an integration keeps to — GitHub's `repository`, Jira's
 * `projectKey` — are applied: a delivery for another repository or project is stored, then
 * skipped with the reason in its log (PROCESSED, nothing published); one naming none is kept.
 */
describe("an integration keeps to the repository or project its config names", () => {
  let ctx: Awaited<ReturnType<typeof integrationTenant>>;
  beforeAll(async () => {
    ctx = await integrationTenant("Scope team");
  });

  async function receiveAndProcess(path: string, delivery: { body: string; headers: Record<string, string> }) {
    const response = await receiveHook(hookRequest(path, delivery));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await processWebhookEvents({ dataspaceId: ctx.dataspace.id, events: [{ id, dispatch: 0 }] });
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id } });
    const published = await db.event.count({ where: { payloadFromId: id } });
    return { status: row.status, domainEventType: row.domainEventType, last: (row.log as { message: string }[]).at(-1)!.message, published };
  }

  it("GitHub: another repository's delivery is skipped with the reason; its own (in any letter case) is published", async () => {
    const webhookSecret = `whsec-${randomBytes(12).toString("hex")}`;
    const hook = await seedIntegration(ctx, { config: { repository: "octo-org/hello-world", webhookSecret } });
    const forRepo = (name: string) => {
      const payload = githubExample("issues", "opened") as { repository: { full_name: string } };
      payload.repository.full_name = name;
      return githubDelivery(webhookSecret, "issues", payload);
    };
    expect(await receiveAndProcess(hook.path, await forRepo("someone/else"))).toEqual({
      status: "PROCESSED",
      domainEventType: null,
      last: "Skipped: the delivery is for the repository someone/else; this integration keeps to octo-org/hello-world (its repository)",
      published: 0,
    });
    expect(await receiveAndProcess(hook.path, await forRepo("Octo-Org/Hello-World"))).toMatchObject({ status: "PROCESSED", domainEventType: "github.issues.opened", published: 1 });
  });

  it("Jira: another project's issue is skipped with the reason; with no projectKey every project is published", async () => {
    const webhookSecret = `jira-${randomBytes(12).toString("hex")}`;
    const delivery = (project: string) => {
      const body = JSON.stringify({
        timestamp: 1763900000000,
        webhookEvent: "jira:issue_updated",
        user: { accountId: "5b10a2844c20165700ede21g", displayName: "Mia Krystof" },
        issue: { id: "10002", self: "https://acme.atlassian.net/rest/api/2/issue/10002", key: `${project}-42`, fields: { summary: "Checkout is slow", project: { key: project, name: project } } },
      });
      return { body, headers: { "content-type": "application/json", "x-hub-signature": `sha256=${createHmac("sha256", webhookSecret).update(body).digest("hex")}`, "x-atlassian-webhook-identifier": randomUUID() } };
    };
    const ops = await seedIntegration(ctx, { type: "JIRA", config: { baseUrl: "https://acme.atlassian.net", webhookSecret, projectKey: "OPS" } });
    expect(await receiveAndProcess(ops.path, delivery("SALES"))).toEqual({
      status: "PROCESSED",
      domainEventType: null,
      last: "Skipped: the delivery is for the project SALES; this integration keeps to OPS (its projectKey)",
      published: 0,
    });
    expect(await receiveAndProcess(ops.path, delivery("OPS"))).toMatchObject({ domainEventType: "jira.issue_updated", published: 1 });
    const everything = await seedIntegration(ctx, { type: "JIRA", config: { baseUrl: "https://acme.atlassian.net", webhookSecret } });
    expect(await receiveAndProcess(everything.path, delivery("SALES"))).toMatchObject({ domainEventType: "jira.issue_updated", published: 1 });
  });
});
