import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

// House rules that drift quietly, checked on the source (ARCHITECTURE.md).
const root = process.cwd();

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe("architecture", () => {
  it("the domain reaches the durable runtime only through its port: nothing in src/server imports inngest/", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles("src/server")) {
      const text = await readFile(path.join(root, file), "utf8");
      if (/from\s+["'](\.\.\/)+inngest\//.test(text) || /import\(\s*["'](\.\.\/)+inngest\//.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("code cites documents of this repository, not the planning documents outside it", async () => {
    const offenders: string[] = [];
    for (const dir of ["src", "inngest", "test", "e2e", "bench", "scripts"]) {
      for (const file of await sourceFiles(dir)) {
        if (file.startsWith("src/generated")) continue;
        const text = await readFile(path.join(root, file), "utf8");
        if (/\b(DESIGN|ENVIRONMENT|STYLE)\.md\b/.test(text)) offenders.push(file);
      }
    }
    const entry = await readFile(path.join(root, "server.ts"), "utf8");
    if (/\b(DESIGN|ENVIRONMENT|STYLE)\.md\b/.test(entry)) offenders.push("server.ts");
    expect(offenders).toEqual([]);
  });

  it("only the instance-wide paths use the login role's client, which row-level security does not bind", async () => {
    const users: Record<string, string> = {};
    for (const dir of ["src", "inngest"]) {
      for (const file of await sourceFiles(dir)) {
        if (file.startsWith("src/generated") || file.startsWith("src/server/db/") || file.includes("__fixtures__")) continue;
        const text = await readFile(path.join(root, file), "utf8");
        const imported = /import\s*\{([^}]*)\}\s*from\s*["'][^"']*\/db\/client["']/.exec(text)?.[1] ?? "";
        if (/\b(db|dbPool)\b/.test(imported.replace(/\btype\s+\w+/g, ""))) users[file] = INSTANCE_WIDE[file] ?? "(not listed)";
      }
    }
    expect(users).toEqual(INSTANCE_WIDE);
  });
});

/**
 * Modules that may use `db`/`dbPool` of src/server/db/client.ts, and why: each works across
 * dataspaces or before one is known. Everything else reaches data through `scopedDb`, whose
 * queries run inside their dataspace under row-level security (docs/tenancy.md). Adding a module
 * here is a review decision.
 */
const INSTANCE_WIDE: Record<string, string> = {
  "src/auth.ts": "sign-in: finds the account before any dataspace is chosen",
  "src/server/accounts/password-reset.ts": "an account's password, across its dataspaces",
  "src/server/accounts/profile.ts": "the signed-in user's own account",
  "src/server/accounts/session-version.ts": "ends an account's sessions everywhere",
  "src/server/accounts/sign-up.ts": "creates an account from an invitation token",
  "src/server/api-tokens/authenticate-api-token.ts": "finds a token by its hash: the token names the dataspace",
  "src/server/auth/domain-claims/domain-claims.ts": "a domain claimed by one connection is refused to every other; instance admins approve",
  "src/server/auth/login.ts": "password sign-in",
  "src/server/auth/resolve-sign-in.ts": "SSO/OAuth sign-in: identity by (connection, subject)",
  "src/server/auth/setup-owner.ts": "first start: the instance's owner",
  "src/server/auth/sign-in-failure.ts": "sign-in throttling per account",
  "src/server/auth/sso-connections.ts": "sign-in finds the connection of an email domain, across dataspaces",
  "src/server/dataspaces/create-dataspace.ts": "a new dataspace has no scope yet",
  "src/server/dataspaces/invitations.ts": "accepting an invitation by its token",
  "src/server/dataspaces/list-my-dataspaces.ts": "a user's dataspaces, across all of them",
  "src/server/dataspaces/tenant-context.ts": "resolves the membership that yields the scope",
  "src/server/integrations/statuspage/sync/claim-due-reconciles.ts": "the reconcile cron claims every dataspace's due Statuspage integrations",
  "src/server/telemetry/claim-due-forwardings.ts": "the metrics forwarding cron claims every dataspace's Datadog and New Relic integrations that forward metrics",
  "src/server/metrics/rollup.ts": "the metrics rollup computes every dataspace's buckets from their records in one pass a minute",
  "src/server/inbound/find-hook-target.ts": "the inbound URL's token names the integration and so the dataspace",
  "src/server/events/live/live-hub.ts": "live_topic lists which dataspaces have subscribers on which instance: instance bookkeeping, no tenant rows",
  "src/server/rate-limits/leased-limiter.ts": "rate-limit counters, which no dataspace owns",
  "src/server/runtime/outbox-relay.ts": "relays every dataspace's outbox",
  "src/server/runtime/queue-dispatcher.ts": "dispatches every dataspace's queued work",
  "src/server/runtime/runs/run-scope.ts": "instance admins see instance-wide runs",
  "src/server/seed/demo-dataspace.ts": "seeding a new dataspace",
  "src/server/webhooks/deliveries/endpoint-rate-limit.ts": "rate-limit counters, which no dataspace owns",
  "src/server/webhooks/endpoints/seal-legacy-headers.ts": "start-up migration of every dataspace's stored secrets",
};
