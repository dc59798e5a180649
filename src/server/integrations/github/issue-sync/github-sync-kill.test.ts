import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createRequest } from "@/server/records/requests/create-request";
import { addCommentInput, createRequestInput } from "@/server/records/requests/request.schema";
import { integrationTenant, seedIntegration } from "../../../../../test/integration-fixtures";
import { startFakeGithub, type FakeGithub } from "../fake/fake-github";
import { spawnReady } from "../../../../../test/spawn-ready";

/**
 * Issue sync survives its app being killed between GitHub's commit and its answer: the app's
 * runtime runs in a child process that is SIGKILLed (no shutdown code runs) while GitHub holds the
 * answer to the issue it already created. A new process on the same database takes the run over:
 * it finds the issue by its marker instead of making a second, links it, and the request's next
 * comment reaches it once.
 */
const FIXTURE = path.resolve(import.meta.dirname, "../../../../../test/app-runtime-process.ts");

type AppProcess = { child: ChildProcess; appPort: number };

async function startAppProcess(appPort = 0): Promise<AppProcess> {
  // Longer than the test: the held create must still be in flight when the process dies.
  const { child, ready } = await spawnReady<{ appPort: number }>(FIXTURE, { ...process.env, DATABASE_URL: process.env.DATABASE_URL, ISSUE_SYNC_TIMEOUT_MS: "60000", APP_PORT: String(appPort) });
  return { child, appPort: ready.appPort };
}

async function kill(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGKILL");
  await exited;
}

describe("GitHub issue sync survives a killed app process", () => {
  let fake: FakeGithub;
  let current: AppProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeGithub();
  });
  afterAll(async () => {
    if (current) await kill(current);
    await fake?.close();
  });

  it("kill -9 after GitHub made the issue and before its answer: the new process links that issue, and makes no second", { timeout: 90_000 }, async () => {
    const ctx = await integrationTenant();
    const repo = `acme/killed-${Date.now()}`;
    fake.addUser({ login: "sync-bot", token: "ghp_sync_bot_for_the_kill_test", scopes: ["repo"] });
    fake.addRepo({ fullName: repo, collaborators: ["sync-bot"] });
    const webhookSecret = "whsec-kill-test-0123456789";
    const seeded = await seedIntegration(ctx, {
      type: "GITHUB",
      config: { repository: repo, webhookSecret, token: "ghp_sync_bot_for_the_kill_test", apiUrl: fake.url, issueSync: { direction: "both" } },
    });

    fake.fault({ hang: true, afterHandling: true, match: (r) => r.operationId === "issues/create" });
    current = await startAppProcess();
    fake.addHook({ repo, url: `http://127.0.0.1:${current.appPort}${seeded.path}`, secret: webhookSecret });
    const request = await createRequest(ctx, createRequestInput.parse({ title: "Made while the app died" }));
    await expect.poll(() => fake.issues(repo).length, { timeout: 30_000 }).toBe(1);

    await kill(current);
    current = await startAppProcess(current.appPort);

    await expect.poll(async () => (await db.issueLink.findFirst({ where: { requestId: request.id } }))?.state, { timeout: 45_000, interval: 250 }).toBe("SYNCED");
    const [issue] = fake.issues(repo);
    expect(fake.issues(repo)).toHaveLength(1);
    expect(await db.issueLink.findFirstOrThrow({ where: { requestId: request.id } })).toMatchObject({ externalId: String(issue.number), externalKey: `${repo}#${issue.number}` });
    expect(fake.requests.filter((r) => r.operationId === "issues/create").map((r) => r.status)).toEqual([null]);

    await addRequestComment(ctx, addCommentInput.parse({ requestId: request.id, text: "Still here after the restart." }));
    await expect.poll(() => fake.comments(repo, issue.number).map((c) => c.body), { timeout: 30_000 }).toEqual([expect.stringContaining("Still here after the restart.")]);
    expect(fake.violations).toEqual([]);
  });
});
