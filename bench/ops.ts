/**
 * Operations records benchmark: `npm run bench:ops`.
 *
 * The production server (`server.ts` over the `next build` output, as `npm start` runs it; the
 * build is made first if missing) on a real PostgreSQL (embedded, started here, durable), with
 * processing and the durable runtime in the same server as in production. Two parts:
 *
 * 1. Alerts from Datadog: 10 000 monitor notifications (test/alert-fixtures.ts's rendering of the
 *    setup steps' payload template), each with the integration's secret as Datadog sends it
 *    (`Authorization: Bearer <webhookSecret>`), POSTed by autocannon to one integration's inbound
 *    URL. 500 monitor groups (distinct `$AGGREG_KEY` fingerprints), 20 notifications each in a
 *    seeded, realistic mix: Triggered, repeats (Re-Triggered, Renotify), Warn and No Data,
 *    Recovered, a stray Recovered now and then; one group's notifications are at least 250
 *    deliveries apart, as a monitor's are. Prints deliveries acknowledged/s, p50/p99 acknowledge
 *    latency, alert deliveries processed/s (first post → every inbound event PROCESSED or FAILED),
 *    the FAILED count, and checks the database against what was sent: alerts not resolved =
 *    groups whose last notification was not a recovery; sum of counts = raise notifications;
 *    alerts created = raises that found no open alert.
 * 2. Service status → Statuspage: a Statuspage integration pointed at the stateful fake
 *    (src/server/integrations/statuspage/fake/, in this process; the server gets
 *    STATUSPAGE_API_URL) maps a service to a component; 50 times (after 3 unmeasured), the
 *    service's status is changed with `PATCH /api/v1/services/{uuid}` and the time is taken until
 *    the fake's component shows it → p50/p99. The fake's contract gate must see no violation.
 *
 * Targets: ≥ 1 000 alert deliveries/s processed, FAILED 0, the database checks exact, component
 * status on the fake p50 < 200 ms. BENCH_CONNECTIONS (40), BENCH_ALERTS (10 000) and
 * BENCH_FINGERPRINTS (500) change the load; BENCH_STRICT=1 exits 1 on a miss; BENCH_PROFILE=<dir>
 * makes the server write a CPU profile. Results also go to bench/.out/ops-<time>.json.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { datadogNotification } from "../test/alert-fixtures";
import { cpuSeconds, machineSpeedMs, machineTicks, postgresPids } from "./cpu";
import { startProductionServer } from "./production-server";

// Each connection waits for its 202, which waits for a durable commit: 20 connections offer at
// most 20 / latency (about 800/s here, p50 ~22 ms), which measures latency, not how much the
// server can process. 40 keep it saturated: it acknowledges more than it processes.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 40);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 10_000);
const FINGERPRINTS = Number(process.env.BENCH_FINGERPRINTS ?? 500);
const STATUS_CHANGES = 50;
const STATUS_WARMUP = 3;
const TARGETS = { processedPerSecond: 1_000, statuspageP50Ms: 200 };
const root = path.resolve(import.meta.dirname, "..");
// PostgreSQL as production runs it: every acknowledged delivery is on disk before its 202.
const DURABLE = ["-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"];
// BENCH_PG_STATS=1: pg_stat_statements on, and the statements that took most of part 1 printed.
const PG_STATS = process.env.BENCH_PG_STATS === "1";
const DELIVERY_ID_BASE = 7425983468963215476n;

type Transition = Parameters<typeof datadogNotification>[0] | "Re-Warn";
type Delivery = { fingerprint: number; transition: Transition; body: string };

/** mulberry32: the same mix on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ["Checkout", "Search", "Payments"];

/**
 * Each group's notifications as a monitor sends them: the first is Triggered; while the alert is
 * open, repeats (Re-Triggered, Renotify), warnings (Warn, Re-Warn, No Data) or the recovery; once
 * recovered, mostly a new Triggered, sometimes a Warn, and now and then a second Recovered (a
 * re-sent notification: nothing open to resolve). Rounds of one notification per group, the
 * first half of the groups (shuffled) then the second half (shuffled), so one group's
 * notifications are at least FINGERPRINTS / 2 deliveries apart.
 */
function plan(): Delivery[] {
  const rand = random(13);
  const pick = <T>(items: readonly [number, T][]): T => {
    let r = rand();
    for (const [weight, item] of items) if ((r -= weight) < 0) return item;
    return items.at(-1)![1];
  };
  const perGroup = Math.ceil(ALERTS / FINGERPRINTS);
  const sequences = Array.from({ length: FINGERPRINTS }, () => {
    const transitions: Transition[] = [];
    let open = false;
    for (let k = 0; k < perGroup; k++) {
      const next: Transition =
        k === 0
          ? "Triggered"
          : open
            ? pick<Transition>([[0.25, "Re-Triggered"], [0.25, "Renotify"], [0.1, "Warn"], [0.05, "Re-Warn"], [0.05, "No Data"], [0.3, "Recovered"]])
            : pick<Transition>([[0.85, "Triggered"], [0.1, "Warn"], [0.05, "Recovered"]]);
      transitions.push(next);
      open = next !== "Recovered";
    }
    return transitions;
  });
  const shuffled = (items: number[]) => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  };
  const groups = Array.from({ length: FINGERPRINTS }, (_, i) => i);
  const halves = [groups.slice(0, FINGERPRINTS / 2), groups.slice(FINGERPRINTS / 2)];
  const deliveries: Delivery[] = [];
  for (let round = 0; round < perGroup && deliveries.length < ALERTS; round++) {
    for (const group of [...shuffled(halves[0]), ...shuffled(halves[1])]) {
      if (deliveries.length === ALERTS) break;
      const transition = sequences[group][round];
      deliveries.push({ fingerprint: group, transition, body: JSON.stringify(notification(group, transition, deliveries.length)) });
    }
  }
  return deliveries;
}

/** One notification of monitor group `group`, as the setup steps' template renders it. */
function notification(group: number, transition: Transition, index: number) {
  const base = transition === "Re-Warn" ? "Warn" : transition;
  const prefix = transition === "Renotify" ? "Triggered" : transition;
  const host = `web-${group % 40}`;
  const service = group % 4 === 3 ? "batch" : SERVICES[group % 3].toLowerCase(); // every 4th names no service of the dataspace
  return datadogNotification(base, {
    id: String(DELIVERY_ID_BASE + BigInt(index)),
    title: `[${prefix}] Error rate on ${host} (monitor ${group})`,
    aggreg_key: `bench${group.toString(16).padStart(27, "0")}`,
    alert_id: String(90_000 + group),
    alert_title: `[${prefix} on {host:${host}}] Error rate on ${host} (monitor ${group})`,
    alert_transition: transition,
    alert_priority: ["P1", "P2", "P3", "P4"][group % 4],
    alert_scope: `host:${host}`,
    hostname: host,
    tags: `env:prod,service:${service},team:ops`,
  });
}

type Outcome = "triggered" | "repeated" | "resolved" | "nothing open";

/** What each delivery does when they are applied in the order sent. */
function outcomesInOrder(sent: (Delivery | null)[]): Map<number, Outcome> {
  const open = new Map<number, boolean>();
  const outcomes = new Map<number, Outcome>();
  sent.forEach((delivery, index) => {
    if (!delivery) return;
    const wasOpen = open.get(delivery.fingerprint) ?? false;
    const recovery = delivery.transition === "Recovered";
    outcomes.set(index, recovery ? (wasOpen ? "resolved" : "nothing open") : wasOpen ? "repeated" : "triggered");
    open.set(delivery.fingerprint, !recovery);
  });
  return outcomes;
}

/** What processing logged a delivery did (the last line of its log, see apply-alert-signals.ts). */
function loggedOutcome(message: string | null): Outcome | "other" {
  if (!message) return "other";
  if (/ triggered$/.test(message)) return "triggered";
  if (/ repeated \(count \d+\)$/.test(message)) return "repeated";
  // A second recovery in one group finds the alert the first resolved: nothing open, said with its id.
  if (/no open alert with fingerprint/.test(message) || /alert \S+ already resolved$/.test(message)) return "nothing open";
  if (/alert \S+ resolved$/.test(message)) return "resolved";
  return "other";
}

/** The most runs that were running at the same time. */
function mostAtOnce(runs: { started: Date | null; ended: Date | null }[]): number {
  const edges = runs.filter((run) => run.started && run.ended).flatMap((run) => [[run.started!.getTime(), 1], [run.ended!.getTime(), -1]] as const);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, change] of edges) most = Math.max(most, (now += change));
  return most;
}

/** What the alerts must be after `sent` (in order), whatever was processed when. */
function expected(sent: Delivery[]) {
  const open = new Map<number, boolean>();
  let raises = 0;
  let created = 0;
  for (const { fingerprint, transition } of sent) {
    if (transition === "Recovered") open.set(fingerprint, false);
    else {
      raises++;
      if (!open.get(fingerprint)) created++;
      open.set(fingerprint, true);
    }
  }
  const mix = new Map<string, number>();
  for (const { transition } of sent) mix.set(transition, (mix.get(transition) ?? 0) + 1);
  return { raises, created, open: [...open.values()].filter(Boolean).length, mix: [...mix].map(([transition, n]) => `${transition} ${n}`).join(", ") };
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const started = performance.now();
  const { startTestServer } = await import("../test/setup/embedded-server");
  const { createDatabase, dropDatabase } = await import("../test/setup/databases");
  const server = process.env.DATABASE_URL ? undefined : await startTestServer({ maxConnections: 100, extraFlags: [...DURABLE, ...(PG_STATS ? ["-c", "shared_preload_libraries=pg_stat_statements"] : [])] });
  const serverUrl = process.env.DATABASE_URL ?? server!.url;
  const dbName = `bench_ops_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await createDatabase(serverUrl, dbName);
  const secretsKey = `bench:${randomBytes(32).toString("base64")}`;
  Object.assign(process.env, { DATABASE_URL: databaseUrl, SECRETS_KEY: secretsKey });
  const { applyMigrations } = await import("../src/server/db/migrate");
  await applyMigrations(databaseUrl);
  if (PG_STATS) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.end();
  }
  const { startFakeStatuspage } = await import("../src/server/integrations/statuspage/fake/fake-statuspage");
  const fake = await startFakeStatuspage();
  const page = fake.addPage({ name: "Bench status" });
  const component = fake.addComponent(page.id, { name: "Checkout API" });

  // One dataspace with services, a Datadog integration, a Statuspage one and an API token, made through the domain.
  const { seedDataspace, seedUser, tenantFor, seedIntegration } = await import("../test/factories");
  const { seedApiToken } = await import("../test/api-token-fixtures");
  const { createService } = await import("../src/server/records/services/create-service");
  const { createServiceInput } = await import("../src/server/records/services/service.schema");
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Bench" })).slug);
  const services = [];
  for (const name of SERVICES) services.push(await createService(ctx, createServiceInput.parse({ name })));
  const mapped = await createService(ctx, createServiceInput.parse({ name: "Checkout API" }));
  const webhookSecret = randomBytes(24).toString("hex");
  const datadog = await seedIntegration(ctx, { type: "DATADOG", name: "Datadog prod", config: { webhookSecret } });
  const statuspage = await seedIntegration(ctx, {
    type: "STATUSPAGE",
    name: "Status page",
    config: { pageId: page.id, apiKey: page.apiKey, componentMapping: { [mapped.id]: component.id } },
  });
  const token = await seedApiToken(ctx, ["services:write"]);
  const { db, disconnectDb, closeDbPool } = await import("../src/server/db/client");
  // The every-minute cron would reconcile the new integration at once; it is not what is measured.
  await db.integration.update({ where: { id: statuspage.id }, data: { reconcileStartedAt: new Date() } });
  await disconnectDb();
  await closeDbPool();

  const deliveries = plan();
  const { app, port } = await startProductionServer({
    DATABASE_URL: databaseUrl,
    SECRETS_KEY: secretsKey,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    INBOUND_RATE_LIMIT_PER_MINUTE: "100000000",
    API_RATE_LIMIT_PER_MINUTE: "100000000",
    STATUSPAGE_API_URL: fake.url,
    SWITCHBOARD_DATA_DIR: path.join(root, ".data", dbName),
  });
  const base = `http://127.0.0.1:${port}`;
  const hookUrl = `${base}${datadog.path}`;
  const headers = { "content-type": "application/json", authorization: `Bearer ${webhookSecret}` };
  const pgPort = Number(new URL(databaseUrl).port);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const one = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;

  // ---- 1. Datadog notifications → alerts
  const sent: (Delivery | null)[] = new Array(deliveries.length).fill(null);
  let next = 0;
  // Polled every 50 ms: counts only what is left (through the status index), so watching the
  // processing costs PostgreSQL next to nothing (counting every row each time took 7 ms a poll).
  let received = 0;
  const progress = async () => {
    const { left } = await one<{ left: string }>(
      `SELECT count(*) AS left FROM "WebhookEvent" WHERE "integrationId" = $1 AND status IN ('RECEIVED', 'PROCESSING')`,
      [datadog.id],
    );
    return { done: received - Number(left), total: received };
  };
  machineSpeedMs(); // once to warm it up: the first call includes compiling it
  const speedBefore = machineSpeedMs();
  const before = { app: cpuSeconds([app.pid!]), pg: cpuSeconds(postgresPids(pgPort)), machine: machineTicks() };
  const firstPost = performance.now();
  const load = autocannon({
    url: hookUrl,
    method: "POST",
    connections: CONNECTIONS,
    amount: deliveries.length,
    timeout: 60,
    headers,
    requests: [
      {
        // Each connection's next request is the plan's next delivery; its answer is recorded against it.
        setupRequest: (request, context) => {
          const index = next++;
          (context as { index: number }).index = index;
          return { ...request, body: deliveries[index].body };
        },
        onResponse: (status, _body, context) => {
          const index = (context as { index: number }).index;
          if (status === 202) sent[index] = deliveries[index];
        },
      },
    ],
  });
  const result = await load;
  const loadSeconds = (performance.now() - firstPost) / 1000;
  received = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "WebhookEvent" WHERE "integrationId" = $1`, [datadog.id])).n);
  const acknowledged = sent.filter(Boolean).length;
  const atLoadEnd = await progress();
  let done = atLoadEnd;
  while (done.done < done.total || done.total < acknowledged) {
    if (performance.now() - firstPost > 180_000) throw new Error(`processing did not finish within 3 minutes (${done.done} of ${done.total})`);
    await sleep(50);
    done = await progress();
  }
  const processSeconds = (performance.now() - firstPost) / 1000;
  const machineNow = machineTicks();
  const speedAfter = machineSpeedMs();
  const cpu = {
    app: (cpuSeconds([app.pid!]) - before.app) / processSeconds,
    pg: (cpuSeconds(postgresPids(pgPort)) - before.pg) / processSeconds,
    machine: (machineNow.busy - before.machine.busy) / (machineNow.total - before.machine.total),
  };
  const failed = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "WebhookEvent" WHERE "integrationId" = $1 AND status = 'FAILED'`, [datadog.id])).n);
  const want = expected(sent.filter((d): d is Delivery => d !== null));
  const got = await one<{ open: string; counts: string; alerts: string }>(
    `SELECT count(*) FILTER (WHERE status <> 'resolved') AS open, coalesce(sum(count), 0) AS counts, count(*) AS alerts FROM "Alert" WHERE "sourceIntegrationId" = $1`,
    [datadog.id],
  );
  const alerts = { open: Number(got.open), counts: Number(got.counts), created: Number(got.alerts) };
  const withService = Number((await one<{ n: string }>(`SELECT count(*) AS n FROM "Alert" WHERE "sourceIntegrationId" = $1 AND "serviceId" IS NOT NULL`, [datadog.id])).n);
  const processedPerSecond = acknowledged / processSeconds;
  // Each delivery's logged outcome against the one it has when applied in the order sent.
  const inOrder = outcomesInOrder(sent);
  const logged = (
    await pool.query<{ delivery: string; attempts: number; message: string | null }>(
      `SELECT "providerDeliveryId" AS delivery, attempts, log->-1->>'message' AS message FROM "WebhookEvent" WHERE "integrationId" = $1`,
      [datadog.id],
    )
  ).rows;
  const outOfOrder = logged.filter((row) => loggedOutcome(row.message) !== inOrder.get(Number(BigInt(row.delivery) - DELIVERY_ID_BASE)));
  const retried = logged.filter((row) => row.attempts > 1).length;
  const runs = (
    await pool.query<{ started: Date | null; ended: Date | null; events: number }>(
      `SELECT started_at AS started, ended_at AS ended, jsonb_array_length(event->'data'->'events') AS events FROM runtime_run WHERE function_id LIKE '%process-inbound-events'`,
    )
  ).rows;
  // A deadlock aborts a group's transaction; its deliveries are then applied one by one.
  const { deadlocks } = await one<{ deadlocks: string }>(`SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`);
  const processing = {
    runs: runs.length,
    eventsPerRun: runs.reduce((sum, run) => sum + run.events, 0) / Math.max(1, runs.length),
    atOnce: mostAtOnce(runs),
    deadlocks: Number(deadlocks),
  };
  const statements = PG_STATS
    ? (
        await pool.query<{ calls: string; total: number; mean: number; query: string }>(
          `SELECT calls, total_exec_time AS total, mean_exec_time AS mean, regexp_replace(query, '\\s+', ' ', 'g') AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12`,
        )
      ).rows
    : [];

  // ---- 2. Service status (REST) → the Statuspage fake's component
  await sleep(1_000); // let the relay's and runtime's tail of part 1 settle
  const cycle = ["major_outage", "partial_outage", "degraded_performance", "under_maintenance", "operational"] as const;
  const latencies: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < STATUS_WARMUP + STATUS_CHANGES; i++) {
    const status = cycle[i % cycle.length];
    const at = performance.now();
    const response = await fetch(`${base}/api/v1/services/${mapped.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ status }),
    });
    if (response.status !== 200) throw new Error(`PATCH /services answered ${response.status}: ${await response.text()}`);
    const answeredAt = performance.now();
    while (fake.component(page.id, component.id).status !== status) {
      if (performance.now() - at > 30_000) throw new Error(`the component did not become ${status} within 30 s`);
      await sleep(1);
    }
    if (i >= STATUS_WARMUP) {
      latencies.push(performance.now() - at);
      answered.push(answeredAt - at);
    }
    await sleep(50);
  }
  latencies.sort((a, b) => a - b);
  answered.sort((a, b) => a - b);
  const violations = [...fake.violations];
  const componentCalls = fake.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(`/components/${component.id}`)).length;

  await pool.end();
  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));
  await fake.close();

  const checks = {
    failed: failed === 0,
    open: alerts.open === want.open,
    counts: alerts.counts === want.raises,
    created: alerts.created === want.created,
    inOrder: outOfOrder.length === 0,
    processed: processedPerSecond >= TARGETS.processedPerSecond,
    statuspage: percentile(latencies, 0.5) < TARGETS.statuspageP50Ms,
    violations: violations.length === 0,
    non2xx: result.non2xx === 0 && result.errors === 0 && acknowledged === deliveries.length,
  };
  const row = (label: string, value: string, target: string, ok: boolean) => console.log(`  ${label.padEnd(46)} ${value.padStart(14)}   target ${target.padEnd(12)} ${ok ? "ok" : "MISSED"}`);
  const note = (label: string, value: string) => console.log(`    ${label.padEnd(44)} ${value.padStart(14)}`);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    `\noperations records, production server.ts (processing and runtime in the same process) + PostgreSQL with fsync on, node ${process.version}`,
  );
  console.log(`\n1. ${deliveries.length.toLocaleString("en")} Datadog notifications, ${FINGERPRINTS} fingerprints, autocannon ${CONNECTIONS} connections`);
  note("mix sent", "");
  console.log(`      ${want.mix}`);
  row("deliveries acknowledged (202)", `${acknowledged} of ${deliveries.length}`, "all", checks.non2xx);
  note("non-2xx / errors", `${result.non2xx} / ${result.errors}`);
  row("deliveries acknowledged/s", `${(acknowledged / loadSeconds).toFixed(0)}/s`, "-", true);
  row("acknowledge latency p50 / p99", `${result.latency.p50} / ${result.latency.p99} ms`, "-", true);
  note("processing: done when the load ended", `${atLoadEnd.done} of ${atLoadEnd.total}`);
  note("processing: all done", `${processSeconds.toFixed(1)} s after the first post`);
  row("alert deliveries processed/s", `${processedPerSecond.toFixed(0)}/s`, `≥ ${TARGETS.processedPerSecond}/s`, checks.processed);
  row("inbound events FAILED", String(failed), "0", checks.failed);
  row("alerts not resolved = groups last not Recovered", `${alerts.open} / ${want.open}`, "equal", checks.open);
  row("sum of alert counts = raise notifications", `${alerts.counts} / ${want.raises}`, "equal", checks.counts);
  row("alerts created = raises with none open", `${alerts.created} / ${want.created}`, "equal", checks.created);
  note("alerts linked to a service", `${withService} of ${alerts.created}`);
  row("deliveries whose outcome ≠ in the order sent", String(outOfOrder.length), "0", outOfOrder.length === 0);
  for (const row of outOfOrder.slice(0, 5)) {
    const index = Number(BigInt(row.delivery) - DELIVERY_ID_BASE);
    console.log(`      #${index} ${deliveries[index].transition} of group ${deliveries[index].fingerprint}: ${inOrder.get(index)} in order, logged "${row.message}"`);
  }
  note("inbound events processed more than once", String(retried));
  note("processing runs / events per run / most at once", `${processing.runs} / ${processing.eventsPerRun.toFixed(1)} / ${processing.atOnce}`);
  note("deadlocks in PostgreSQL", String(processing.deadlocks));
  note("server process / PostgreSQL / machine", `${(cpu.app * 100).toFixed(0)} % / ${(cpu.pg * 100).toFixed(0)} % / ${(cpu.machine * 100).toFixed(0)} %`);
  note("CPU per delivery: server / PostgreSQL", `${((cpu.app / processedPerSecond) * 1000).toFixed(2)} / ${((cpu.pg / processedPerSecond) * 1000).toFixed(2)} ms`);
  note("machine speed before / after (lower is faster)", `${speedBefore} / ${speedAfter} ms`);
  if (statements.length > 0) {
    console.log(`\n  statements by total time in part 1 (pg_stat_statements): calls, total, mean`);
    for (const statement of statements) console.log(`    ${statement.calls.padStart(7)} ${`${(statement.total / 1000).toFixed(2)} s`.padStart(9)} ${`${statement.mean.toFixed(2)} ms`.padStart(9)}  ${statement.query.slice(0, 110)}`);
  }
  console.log(`\n2. service status (PATCH /api/v1/services/{uuid}) → Statuspage fake component, ${STATUS_CHANGES} changes one after the other`);
  row("component shows the new status, p50", ms(percentile(latencies, 0.5)), `< ${TARGETS.statuspageP50Ms} ms`, checks.statuspage);
  row("component shows the new status, p99", ms(percentile(latencies, 0.99)), "-", true);
  note("PATCH answered, p50 / p99", `${ms(percentile(answered, 0.5))} / ${ms(percentile(answered, 0.99))}`);
  note("component PATCH calls to the fake", `${componentCalls} for ${STATUS_WARMUP + STATUS_CHANGES} changes`);
  row("requests the real API would refuse", String(violations.length), "0", checks.violations);
  for (const violation of violations.slice(0, 5)) console.log(`      ${violation}`);

  const outDir = path.join(import.meta.dirname, ".out");
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `ops-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(
    file,
    JSON.stringify(
      {
        node: process.version,
        connections: CONNECTIONS,
        alerts: {
          sent: deliveries.length,
          fingerprints: FINGERPRINTS,
          mix: want.mix,
          acknowledged,
          non2xx: result.non2xx,
          errors: result.errors,
          acknowledgedPerSecond: acknowledged / loadSeconds,
          latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
          loadSeconds,
          processSeconds,
          processedPerSecond,
          failed,
          expected: want,
          database: { ...alerts, withService },
          outOfOrder: outOfOrder.map((row) => ({ delivery: row.delivery, message: row.message })),
          retried,
          processing,
          statements,
          cpu,
        },
        statuspage: {
          changes: STATUS_CHANGES,
          p50Ms: percentile(latencies, 0.5),
          p99Ms: percentile(latencies, 0.99),
          patchP50Ms: percentile(answered, 0.5),
          latenciesMs: latencies,
          componentCalls,
          violations,
        },
        checks,
      },
      null,
      2,
    ),
  );
  console.log(`\nresults written to ${path.relative(process.cwd(), file)}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);

  await dropDatabase(serverUrl, dbName);
  await server?.stop();
  const missed = Object.values(checks).some((ok) => !ok);
  process.exit(missed && process.env.BENCH_STRICT === "1" ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
