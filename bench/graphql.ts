/**
 * GraphQL benchmark: `npm run bench:graphql`.
 *
 * The production server (`server.ts` over the `next build` output, built first if missing) on a
 * real PostgreSQL (embedded, durable), with a dataspace of 20 requests × 5 comments:
 * 1. The seed's nested shape — 20 requests with their comments — at a paced BENCH_RATE (200)
 *    requests/s, through GraphQL (`requests(first: 20) { nodes { … comments { … } } }`) and through
 *    its REST equivalent (`GET /api/v1/requests?limit=20`), alternating phases in the same run:
 *    p50/p95 of each, and the ratio of the p95s. Target: GraphQL p95 within 1.5× of REST.
 * 2. Fan-out: BENCH_SUBSCRIBERS (1 000) graphql-ws subscribers of `events(types: ["request.added"])`;
 *    BENCH_EVENTS (5) requests created one after the other through REST; the time from sending the
 *    create to each subscriber receiving its event (so it includes the create itself): p50/p99.
 *    Target: p99 < 100 ms.
 * BENCH_DURATION (10 s per phase) changes the load; BENCH_STRICT=1 exits 1 on a miss.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { DURABLE, startBenchDatabase } from "./bench-database";
import { cpuSeconds, postgresPids } from "./cpu";
import { paced, quantile, type PacedSample } from "./paced";
import { startBenchApp } from "./production-server";

const RATE = Number(process.env.BENCH_RATE ?? 200);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5);
const TARGETS = { ratio: 1.5, fanOutP99Ms: 100 };
type Kind = "rest" | "graphql" | "graphqlGet";
const NESTED = "query Nested { requests(first: 20) { nodes { uuid title status priority assignee created_date comments { uuid user text created_date } } } }";
const SUBSCRIBE = 'subscription { events(types: ["request.added"]) { uuid type data } }';

async function main() {
  const { server, dbName, databaseUrl, secretsKey } = await startBenchDatabase("bench_graphql", { extraFlags: DURABLE });
  const { seedDataspace, seedUser, tenantFor, seedRequest } = await import("../test/factories");
  const { addRequestComment } = await import("../src/server/records/requests/add-request-comment");
  const { seedApiToken } = await import("../test/api-token-fixtures");
  const owner = await seedUser();
  const ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Bench" })).slug);
  for (let i = 0; i < 20; i++) {
    const request = await seedRequest(ctx, { title: `Nested request ${i}`, priority: "high", notes: "Seeded by bench/graphql.ts" });
    for (let c = 0; c < 5; c++) await addRequestComment(ctx, { requestId: request.id, text: `Comment ${c} on request ${i}` });
  }
  const token = await seedApiToken(ctx, ["admin"]);
  const { app, port } = await startBenchApp({ databaseUrl, secretsKey, dbName });
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${token}` };
  const rest = { url: `${base}/api/v1/requests?limit=20`, headers: auth };
  const graphql = { url: `${base}/api/graphql`, method: "POST" as const, headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ query: NESTED }) };
  // GraphQL over HTTP also takes a query as a GET, as REST's list is.
  const graphqlGet = { url: `${base}/api/graphql?query=${encodeURIComponent(NESTED)}`, headers: { ...auth, accept: "application/graphql-response+json" } };

  // Same data both ways (titles and comments), checked once.
  const viaRest = (await (await fetch(rest.url, { headers: auth })).json()) as { results: { title: string; comments: { text: string }[] }[] };
  const viaGraphql = (await (await fetch(graphql.url, { method: "POST", headers: graphql.headers, body: graphql.body })).json()) as { data: { requests: { nodes: { title: string; comments: { text: string }[] }[] } } };
  const summary = (rows: { title: string; comments: { text: string }[] }[]) => JSON.stringify(rows.map((r) => [r.title, r.comments.map((c) => c.text)]));
  if (viaRest.results.length !== 20 || viaRest.results.every((r) => r.comments.length !== 5) || summary(viaRest.results) !== summary(viaGraphql.data.requests.nodes)) {
    throw new Error("REST and GraphQL do not answer the same 20 requests × 5 comments");
  }

  // ---- 1. the nested shape, REST and GraphQL alternating
  const pgPort = Number(new URL(databaseUrl).port);
  const targets = { rest, graphql, graphqlGet };
  for (const target of Object.values(targets)) await paced(target, RATE, 2);
  const samples: Record<Kind, PacedSample[]> = { rest: [], graphql: [], graphqlGet: [] };
  const cpu: Record<Kind, number[]> = { rest: [], graphql: [], graphqlGet: [] };
  for (let round = 0; round < 2; round++) {
    for (const kind of ["rest", "graphql", "graphqlGet"] as const) {
      const before = { app: cpuSeconds([app.pid!]), pg: cpuSeconds(postgresPids(pgPort)) };
      samples[kind].push(await paced(targets[kind], RATE, DURATION / 2));
      cpu[kind].push((cpuSeconds([app.pid!]) - before.app + cpuSeconds(postgresPids(pgPort)) - before.pg) / (RATE * (DURATION / 2)));
    }
  }
  const stats = (kind: Kind) => {
    const times = samples[kind].flatMap((s) => s.times).sort((a, b) => a - b);
    const statuses = samples[kind].reduce<Record<string, number>>((all, s) => {
      for (const [status, n] of Object.entries(s.statuses)) all[status] = (all[status] ?? 0) + n;
      return all;
    }, {});
    const cpuMs = (cpu[kind].reduce((a, b) => a + b, 0) / cpu[kind].length) * 1000;
    return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), statuses, errors: samples[kind].reduce((n, s) => n + s.errors, 0), cpuMs };
  };
  const restStats = stats("rest");
  const graphqlStats = stats("graphql");
  const graphqlGetStats = stats("graphqlGet");
  const ratio = graphqlStats.p95 / restStats.p95;
  const getRatio = graphqlGetStats.p95 / restStats.p95;

  // ---- 2. one event → SUBSCRIBERS WebSocket subscribers
  const received: number[][] = Array.from({ length: EVENTS + 1 }, () => []);
  let current = -1;
  const clients: Client[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = createClient({ url: `ws://127.0.0.1:${port}/api/graphql`, webSocketImpl: WebSocket, connectionParams: auth, retryAttempts: 0 });
    clients.push(client);
    ready.push(new Promise<void>((resolve) => client.on("connected", () => resolve())));
    client.subscribe({ query: SUBSCRIBE }, { next: () => current >= 0 && received[current].push(performance.now()), error: (error) => console.error("subscriber error", error), complete: () => undefined });
    if (i % 100 === 99) await sleep(50); // do not open them all in the same instant
  }
  await Promise.all(ready);
  const create = async (title: string) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/requests`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ title }) });
    if (response.status !== 201) throw new Error(`create answered ${response.status}`);
    return started;
  };
  // The first event only warms up (and proves every subscription is live).
  const latencies: number[] = [];
  for (let e = 0; e <= EVENTS; e++) {
    current = e;
    const sent = await create(`Fan-out ${e}`);
    const deadline = Date.now() + 30_000;
    while (received[e].length < SUBSCRIBERS) {
      if (Date.now() > deadline) throw new Error(`event ${e} reached ${received[e].length} of ${SUBSCRIBERS} subscribers in 30 s`);
      await sleep(5);
    }
    if (e > 0) latencies.push(...received[e].map((at) => at - sent));
    await sleep(200);
  }
  latencies.sort((a, b) => a - b);
  const fanOut = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: quantile(latencies, 1) };

  await Promise.all(clients.map((client) => client.dispose()));
  app.kill("SIGTERM");
  await new Promise((resolve) => app.once("exit", resolve));
  await server?.stop();

  const checks = { ratio: ratio <= TARGETS.ratio, fanOut: fanOut.p99 < TARGETS.fanOutP99Ms };
  console.log(`\nGraphQL, production server.ts + PostgreSQL with fsync on, node ${process.version}`);
  console.log(`\n1. 20 requests × 5 comments, paced at ${RATE} req/s, ${DURATION} s each way (two alternating rounds)`);
  for (const [label, s] of [
    ["REST    GET /api/v1/requests?limit=20", restStats],
    ["GraphQL POST requests(first: 20) { … comments }", graphqlStats],
    ["GraphQL GET  the same query", graphqlGetStats],
  ] as const) {
    const answers = Object.entries(s.statuses).map(([status, n]) => `${status}×${n}`).join(" ") + (s.errors ? `, ${s.errors} errors` : "");
    console.log(`  ${label.padEnd(50)} p50 ${`${s.p50}`.padStart(6)} ms  p95 ${`${s.p95}`.padStart(6)} ms  p99 ${`${s.p99}`.padStart(6)} ms  CPU ${s.cpuMs.toFixed(2)} ms/req  ${answers}`);
  }
  console.log(`  GraphQL POST p95 ÷ REST p95                  ${ratio.toFixed(2)}×   target ≤ ${TARGETS.ratio}×   ${checks.ratio ? "ok" : "MISSED"}`);
  console.log(`  GraphQL GET p95 ÷ REST p95                   ${getRatio.toFixed(2)}×`);
  console.log(`\n2. one event → ${SUBSCRIBERS} graphql-ws subscribers (${EVENTS} events; from sending the create to each subscriber's receipt)`);
  console.log(`  fan-out p50 ${fanOut.p50} ms, p99 ${fanOut.p99} ms, max ${fanOut.max} ms   target p99 < ${TARGETS.fanOutP99Ms} ms   ${checks.fanOut ? "ok" : "MISSED"}`);
  if (process.env.BENCH_STRICT === "1" && Object.values(checks).some((ok) => !ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
