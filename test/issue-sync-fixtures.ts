import { randomBytes } from "node:crypto";
import { resetEnvCache } from "@/env";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { startFakeGithub, type FakeGithub } from "@/server/integrations/github/fake/fake-github";
import { runtimePortIfWired, wireRuntime, type RuntimeEvent } from "@/server/runtime/port";
import { seedIntegration } from "./factories";
import { wireTestRuntime } from "./runtime-port";

/**
 * Issue sync for the walks over every procedure and route (tenancy, roles): a GitHub integration
 * with issue sync on, pointed at the stateful GitHub fake, so "Link existing issue" and "Test
 * connection" really call a GitHub that answers. Nothing here imports a test runner.
 */

let shared: Promise<FakeGithub> | null = null;

/**
 * The GitHub fake of this test process, on 127.0.0.1 — which the guarded transport then accepts
 * (WEBHOOK_ALLOWED_TARGETS), as the runtime tests do (test/app-runtime.ts).
 */
export function githubFake(): Promise<FakeGithub> {
  const allowed = (process.env.WEBHOOK_ALLOWED_TARGETS ?? "").split(",").map((s) => s.trim());
  if (!allowed.includes("127.0.0.1")) {
    process.env.WEBHOOK_ALLOWED_TARGETS = [...allowed.filter(Boolean), "127.0.0.1"].join(",");
    resetEnvCache();
  }
  shared ??= startFakeGithub();
  return shared;
}

/**
 * The app's runtime port (test/runtime-port.ts) with its sends recorded instead of delivered: no
 * executor runs in these tests, and what issue sync hands the runtime ("Create issue in …", the
 * bulk sync) is its business, tested with the runtime (src/server/integrations/github/issue-sync/).
 */
export function wireRecordingRuntime(): RuntimeEvent[] {
  const sent: RuntimeEvent[] = [];
  if (!runtimePortIfWired()) wireTestRuntime();
  wireRuntime({ ...runtimePortIfWired()!, send: async (events) => void sent.push(...events) });
  return sent;
}

export async function closeGithubFake(): Promise<void> {
  const fake = await shared;
  shared = null;
  await fake?.close();
}

/**
 * A GitHub integration syncing issues with its own repository on the fake. `requests: "linked"`:
 * only requests linked by hand sync, so requests seeded afterwards do not make issues by themselves.
 */
export async function seedGithubIssueSync(ctx: TenantContext, options: { name?: string; repository?: string } = {}) {
  const fake = await githubFake();
  const suffix = randomBytes(4).toString("hex");
  const repository = options.repository ?? `acme/tracker-${suffix}`;
  const login = `sync-bot-${suffix}`;
  const token = `ghp_${login}`;
  fake.addUser({ login, token, scopes: ["repo"] });
  fake.addRepo({ fullName: repository, collaborators: [login, "alice"] });
  const webhookSecret = `whsec-${suffix}-0123456789abcdef`;
  const seeded = await seedIntegration(ctx, {
    type: "GITHUB",
    name: options.name ?? `Tracker ${suffix}`,
    config: { repository, webhookSecret, token, apiUrl: fake.url, issueSync: { direction: "both", requests: "linked" } },
  });
  return {
    ...seeded,
    repository,
    webhookSecret,
    /** An issue a person opened on GitHub, for "Link existing issue". */
    openIssue: (title: string) => fake.userOpensIssue({ repo: repository, title, login: "alice" }),
    /** The request linked to a (new) issue, as a sync that went through leaves it. */
    async linkRequest(requestId: string, title = "Linked on GitHub") {
      const issue = fake.userOpensIssue({ repo: repository, title, login: "alice" });
      return db.issueLink.create({
        data: {
          dataspaceId: ctx.dataspace.id,
          integrationId: seeded.id,
          requestId,
          externalId: String(issue.number),
          externalKey: `${repository}#${issue.number}`,
          url: `${fake.url}/${repository}/issues/${issue.number}`,
          state: "SYNCED",
          lastSyncedAt: new Date(),
        },
      });
    },
  };
}

export type SeededGithubIssueSync = Awaited<ReturnType<typeof seedGithubIssueSync>>;
