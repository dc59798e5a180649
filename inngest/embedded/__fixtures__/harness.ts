import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve as serveWeb } from "inngest/edge";
import { serve } from "inngest/node";
import pg from "pg";
import { startEmbeddedExecutor, type EmbeddedExecutor, type EmbeddedExecutorOptions } from "../executor";
import { ensureRuntimeSchema } from "./schema";

/**
 * A real app and a real executor on 127.0.0.1: the functions under test are served by the SDK's
 * `serve()` on a node:http server, driven over HTTP by the embedded executor, with state in the
 * test file's own PostgreSQL database.
 */
export type TestClient = Inngest.Any;

export type Harness = {
  inngest: TestClient;
  executor: EmbeddedExecutor;
  serveUrl: string;
  db: pg.Pool;
  /** Starts a new executor on the same database (after `executor.kill()` or `stop()`). */
  restartExecutor: () => Promise<EmbeddedExecutor>;
  waitForRun: (fnId: string, predicate?: (run: RunRow) => boolean, timeoutMs?: number) => Promise<RunRow>;
  runsOf: (fnId: string) => Promise<RunRow[]>;
  stepsOf: (runId: string) => Promise<{ step_id: string; name: string; op: string; output: unknown; attempts: number }[]>;
  stop: () => Promise<void>;
};

export type RunRow = { id: string; function_id: string; status: string; output: unknown; error: unknown; event: { name: string; data: Record<string, unknown> }; created_at: Date; started_at: Date | null; ended_at: Date | null };

export const APP_ID = "sbtest";
const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
export const fnId = (id: string) => `${APP_ID}-${id}`;

export async function startHarness(
  build: (inngest: TestClient) => InngestFunction.Any[],
  options: {
    signingKey?: string;
    eventKey?: string;
    executor?: Partial<EmbeddedExecutorOptions>;
    /** "web": the Web-standard handler that src/app/api/inngest/route.ts and server.ts use. */
    adapter?: "node" | "web";
  } = {},
): Promise<Harness> {
  const databaseUrl = process.env.DATABASE_URL!;
  await ensureRuntimeSchema(databaseUrl);
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const app = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;

  const executorOptions: EmbeddedExecutorOptions = {
    databaseUrl,
    serveUrl,
    signingKey: options.signingKey,
    eventKey: options.eventKey,
    maxBackoffMs: 50,
    pollMs: 200,
    poolSize: 4,
    log: () => {},
    ...options.executor,
  };
  let executor = await startEmbeddedExecutor(executorOptions);
  const inngest = new Inngest({
    id: APP_ID,
    baseUrl: executor.url,
    isDev: !options.signingKey,
    signingKey: options.signingKey,
    eventKey: options.eventKey ?? "test-key",
    logger: quiet, // functions under test fail on purpose; their errors are asserted, not printed
  });
  handler =
    options.adapter === "web"
      ? webListener(serveWeb({ client: inngest, functions: build(inngest), servePath: "/api/inngest" }))
      : serve({ client: inngest, functions: build(inngest) });
  await executor.sync();

  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const runsOf = async (id: string) =>
    (await db.query<RunRow>("SELECT * FROM runtime_run WHERE function_id = $1 ORDER BY created_at, id", [fnId(id)])).rows;

  return {
    inngest,
    get executor() {
      return executor;
    },
    serveUrl,
    db,
    restartExecutor: async () => {
      executor = await startEmbeddedExecutor({ ...executorOptions, port: executor.port });
      await executor.sync();
      return executor;
    },
    runsOf,
    stepsOf: async (runId) => (await db.query("SELECT step_id, name, op, output, attempts FROM runtime_step WHERE run_id = $1 ORDER BY seq", [runId])).rows,
    waitForRun: async (id, predicate = (run) => run.status === "COMPLETED" || run.status === "FAILED", timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const run = (await runsOf(id)).find(predicate);
        if (run) return run;
        if (Date.now() > until) throw new Error(`No run of ${id} matched within ${timeoutMs} ms; runs: ${JSON.stringify(await runsOf(id))}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop: async () => {
      await executor.stop();
      await db.end();
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}

/** A Web-standard `(Request) => Promise<Response>` behind node:http, as server.ts will mount it. */
function webListener(web: (request: Request) => Promise<Response>): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: hasBody ? Buffer.concat(chunks) : undefined,
      });
      const response = await web(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  };
}
