/**
 * Notifications benchmark: `npm run bench:notify`.
 *
 * The production server (`server.ts` over the `next build` output; built first if missing) on a
 * real PostgreSQL (embedded, fsync on), the durable runtime in the same server as in production,
 * against the contract-gated Slack fake (in this process) with a bot token.
 *
 * 1. Fan-out: 50 Slack rules take `alert.triggered`. Latency: one alert at a time (10 times),
 *    each one's 201 → Slack's chat.postMessage for it, p50/p99 over the 500 messages. Throughput:
 *    BENCH_EVENTS (20) alerts raised at once through `POST /api/v1/alerts`, 5 at a time → 50
 *    messages each: messages per second, first POST → last message on the fake.
 * 2. Storm: 1 000 alerts in 10 s (paced, 100/s) to one rule throttled at 10 a minute: how many
 *    messages Slack got (must be ≤ the throttle per minute spanned + one digest per minute).
 *
 * Targets: ≥ 500 messages/s, p50 < 100 ms, the storm within its throttle, no contract
 * violations. BENCH_STRICT=1 exits 1 on a miss. Results also go to bench/.out/notify-<time>.json.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DURABLE, startBenchDatabase } from "./bench-database";
import { cpuSeconds, postgresPids } from "./cpu";
import { startBenchApp } from "./production-server";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const LATENCY_EVENTS = 10;
const RULES = 50;
const STORM = 1_000;
const STORM_SECONDS = 10;
const THROTTLE = 10;
const TARGETS = { messagesPerSecond: 500, p50Ms: 100 };
const root = path.resolve(import.meta.dirname, "..");
const BOT = "xoxb-7777-8888-benchnotifytoken";

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { server, dbName, databaseUrl, secretsKey } = await startBenchDatabase("bench_notify", { extraFlags: DURABLE });
  process.env.WEBHOOK_ALLOWED_TARGETS = "127.0.0.1";

  const { startFakeSlack } = await import("../src/server/integrations/slack/fake/fake-slack");
  const slack = await startFakeSlack();
  slack.addBot({ token: BOT, scopes: ["chat:write"] });
  slack.addChannel({ name: "bench", members: [BOT] });
  slack.addChannel({ name: "storm", members: [BOT] });

  const { seedDataspace, seedUser, tenantFor, seedIntegration } = await import("../test/factories");
  const { seedApiToken } = await import("../test/api-token-fixtures");
  const { createNotificationRule } = await import("../src/server/notifications/manage-rules");
  const { createRuleInput } = await import("../src/server/notifications/rule.schema");
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Bench" })).slug);
  const integration = await seedIntegration(ctx, { type: "SLACK", name: "Bench Slack", config: { botToken: BOT, apiUrl: slack.apiUrl } });
  for (let i = 0; i < RULES; i++) {
    await createNotificationRule(ctx, createRuleInput.parse({ name: `Fan-out ${i}`, channel: "SLACK", integrationId: integration.id, destination: { channel: "#bench" }, eventTypes: ["alert.triggered"], filter: 'data.title.startsWith("Fanout")' }));
  }
  const storm = await createNotificationRule(
    ctx,
    createRuleInput.parse({ name: "Storm", channel: "SLACK", integrationId: integration.id, destination: { channel: "#storm" }, eventTypes: ["alert.triggered"], filter: 'data.title.startsWith("Storm")', throttlePerMinute: THROTTLE }),
  );
  const token = await seedApiToken(ctx, ["alerts:write"]);
  const { app, port } = await startBenchApp({ databaseUrl, secretsKey, dbName }, { WEBHOOK_ALLOWED_TARGETS: "127.0.0.1" });
  const base = `http://127.0.0.1:${port}`;
  const pgPort = Number(new URL(databaseUrl).port);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const raise = async (title: string) => {
    const response = await fetch(`${base}/api/v1/alerts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ title, severity: "critical", fingerprint: `${title}-${randomBytes(4).toString("hex")}` }),
    });
    if (response.status !== 201) throw new Error(`POST /api/v1/alerts answered ${response.status}: ${await response.text()}`);
    return Date.now();
  };
  const posts = (channel: string) => slack.calls.filter((c) => c.method === "chat.postMessage" && c.error === null && String((c.args as { channel?: string }).channel).replace(/^#/, "") === channel);
  const textOf = (call: { args: unknown }) => String((call.args as { text?: string }).text ?? "");
  const waitFor = async (check: () => boolean | Promise<boolean>, what: string, ms = 180_000) => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  };

  // Warm-up: compiles routes and functions.
  await raise("Fanout warm-up");
  await waitFor(() => posts("bench").length >= RULES, "the warm-up's messages");

  // ---- 1a. latency: one event at a time → 50 rules, LATENCY_EVENTS times
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_EVENTS; i++) {
    const title = `Fanout alone ${i} ${randomBytes(3).toString("hex")}`;
    const at = await raise(title);
    await waitFor(() => posts("bench").filter((c) => textOf(c).includes(title)).length >= RULES, `the messages of ${title}`);
    latencies.push(...posts("bench").filter((c) => textOf(c).includes(title)).map((c) => c.at - at));
  }
  latencies.sort((a, b) => a - b);

  // ---- 1b. throughput: EVENTS events at once (5 POSTs at a time) → 50 rules each
  const before = { app: cpuSeconds([app.pid!]), pg: cpuSeconds(postgresPids(pgPort)) };
  const already = posts("bench").length;
  let next = 0;
  const first = Date.now();
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      while (next < EVENTS) await raise(`Fanout ${next++} ${randomBytes(3).toString("hex")}`);
    }),
  );
  await waitFor(() => posts("bench").length >= already + RULES * EVENTS, `${RULES * EVENTS} fan-out messages`);
  const fanout = posts("bench").slice(already);
  const seconds = (Math.max(...fanout.map((c) => c.at)) - first) / 1000;
  const messagesPerSecond = fanout.length / seconds;
  const cpu = { app: (cpuSeconds([app.pid!]) - before.app) / seconds, pg: (cpuSeconds(postgresPids(pgPort)) - before.pg) / seconds };

  // ---- 2. a storm of 1 000 alerts in 10 s to one throttled rule
  const stormStart = Date.now();
  const interval = (STORM_SECONDS * 1000) / STORM;
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < STORM; i++) {
    const due = stormStart + i * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    inflight.push(raise(`Storm ${i}`));
  }
  await Promise.all(inflight);
  const stormPosted = Date.now();
  // Everything folded is summed up by a digest at its minute's end: wait for those.
  await waitFor(
    async () => (await pool.query(`SELECT count(*)::int AS n FROM "NotificationMessage" WHERE "ruleId" = $1 AND status = 'PENDING'`, [storm.uuid])).rows[0].n === 0,
    "the storm's digests",
  );
  const counts = (await pool.query<{ status: string; digest: boolean; n: number }>(`SELECT status, "digestKey" IS NOT NULL AS digest, count(*)::int AS n FROM "NotificationMessage" WHERE "ruleId" = $1 GROUP BY 1, 2`, [storm.uuid])).rows;
  const minutes = (await pool.query<{ n: number }>(`SELECT count(DISTINCT "window")::int AS n FROM "NotificationMessage" WHERE "ruleId" = $1`, [storm.uuid])).rows[0].n;
  const stormMessages = posts("storm").length;
  const digests = counts.filter((c) => c.digest && c.status === "SENT").reduce((sum, c) => sum + c.n, 0);
  const folded = counts.filter((c) => c.status === "FOLDED").reduce((sum, c) => sum + c.n, 0);
  const allowed = THROTTLE * minutes + minutes;
  const violations = [...slack.violations];

  await pool.end();
  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));
  await slack.close();
  await server?.stop();

  const checks = {
    messagesPerSecond: messagesPerSecond >= TARGETS.messagesPerSecond,
    p50: percentile(latencies, 0.5) < TARGETS.p50Ms,
    storm: stormMessages <= allowed && folded + stormMessages - digests === STORM,
    violations: violations.length === 0,
  };
  const row = (label: string, value: string, target: string, ok: boolean) => console.log(`  ${label.padEnd(50)} ${value.padStart(14)}   target ${target.padEnd(12)} ${ok ? "ok" : "MISSED"}`);
  const note = (label: string, value: string) => console.log(`    ${label.padEnd(48)} ${value.padStart(14)}`);
  console.log(`\nnotifications, production server.ts (runtime in the same process) + PostgreSQL with fsync on + Slack fake (bot), node ${process.version}`);
  console.log(`\n1. one alert (POST /api/v1/alerts) × ${RULES} Slack rules, ${LATENCY_EVENTS} times one after the other`);
  row("publish → message, p50", `${percentile(latencies, 0.5).toFixed(0)} ms`, `< ${TARGETS.p50Ms} ms`, checks.p50);
  row("publish → message, p99", `${percentile(latencies, 0.99).toFixed(0)} ms`, "-", true);
  console.log(`   ${EVENTS} alerts at once (5 POSTs at a time) × ${RULES} rules = ${fanout.length} messages`);
  row("messages/s (first POST → last message on the fake)", `${messagesPerSecond.toFixed(0)}/s`, `≥ ${TARGETS.messagesPerSecond}/s`, checks.messagesPerSecond);
  note("server process / PostgreSQL CPU", `${(cpu.app * 100).toFixed(0)} % / ${(cpu.pg * 100).toFixed(0)} %`);
  note("CPU per message: server / PostgreSQL", `${((cpu.app / messagesPerSecond) * 1000).toFixed(2)} / ${((cpu.pg / messagesPerSecond) * 1000).toFixed(2)} ms`);
  console.log(`\n2. ${STORM} alerts in ${STORM_SECONDS} s (posted in ${((stormPosted - stormStart) / 1000).toFixed(1)} s) to one rule throttled at ${THROTTLE}/min`);
  row("messages Slack got (incl. digests)", String(stormMessages), `≤ ${allowed}`, checks.storm);
  note("minutes spanned / digests / folded", `${minutes} / ${digests} / ${folded}`);
  row("requests the real Slack would refuse", String(violations.length), "0", checks.violations);
  for (const violation of violations.slice(0, 5)) console.log(`      ${violation}`);

  const outDir = path.join(import.meta.dirname, ".out");
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `notify-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify({ node: process.version, events: EVENTS, rules: RULES, messagesPerSecond, latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) }, cpu, storm: { messages: stormMessages, allowed, minutes, digests, folded }, violations: violations.length, checks }, null, 2));
  console.log(`\n  results: ${path.relative(root, file)}`);
  if (process.env.BENCH_STRICT === "1" && Object.values(checks).some((ok) => !ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
