import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { senders } from "../../../test/inbound-senders";
import { githubDelivery, githubExample, hookRequest, integrationTenant, seedIntegration } from "../../../test/integration-fixtures";
import { processWebhookEvents } from "./process-webhook-events";
import { receiveHook } from "./receive-hook";

/**
 * Config fields that say what an integration keeps to — GitHub's and Forgejo's `repository`,
 * GitLab's `projectId`, Jira's `projectKey` — are applied: a delivery for another repository or project is stored, then
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

  it("Forgejo: another repository's delivery is skipped with the reason; its own (in any letter case) is published", async () => {
    const sender = senders().find((s) => s.type === "FORGEJO")!; // delivers for acme/widgets
    const delivery = () => sender.deliver({ text: "Fix the frobnicator", extra: {} });
    const other = await seedIntegration(ctx, { type: "FORGEJO", config: { ...sender.config, repository: "acme/gadgets" } });
    expect(await receiveAndProcess(other.path, delivery())).toEqual({
      status: "PROCESSED",
      domainEventType: null,
      last: "Skipped: the delivery is for the repository acme/widgets; this integration keeps to acme/gadgets (its repository)",
      published: 0,
    });
    const own = await seedIntegration(ctx, { type: "FORGEJO", config: { ...sender.config, repository: "ACME/Widgets" } });
    expect(await receiveAndProcess(own.path, delivery())).toMatchObject({ domainEventType: "forgejo.pull_request.opened", published: 1 });
  });

  it("GitLab: another project's delivery is skipped with the reason, by id or by path; its own is published", async () => {
    const sender = senders().find((s) => s.type === "GITLAB")!; // delivers for project 1, gitlabhq/gitlab-test
    const delivery = () => sender.deliver({ text: "MS-Viewport", extra: {} });
    const byPath = await seedIntegration(ctx, { type: "GITLAB", config: { ...sender.config, projectId: "gitlabhq/other" } });
    expect(await receiveAndProcess(byPath.path, delivery())).toMatchObject({
      published: 0,
      last: "Skipped: the delivery is for the project gitlabhq/gitlab-test; this integration keeps to gitlabhq/other (its projectId)",
    });
    const byId = await seedIntegration(ctx, { type: "GITLAB", config: { ...sender.config, projectId: "2" } });
    expect(await receiveAndProcess(byId.path, delivery())).toMatchObject({
      published: 0,
      last: "Skipped: the delivery is for the project gitlabhq/gitlab-test (id 1); this integration keeps to 2 (its projectId)",
    });
    for (const projectId of ["1", "GitLabHQ/GitLab-Test"]) {
      const own = await seedIntegration(ctx, { type: "GITLAB", config: { ...sender.config, projectId } });
      expect(await receiveAndProcess(own.path, delivery())).toMatchObject({ domainEventType: "gitlab.merge_request.open", published: 1 });
    }
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
