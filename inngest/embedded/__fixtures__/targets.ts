import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { startHarness, type TestClient } from "./harness";

/**
 * Where a behaviour-only test suite runs its functions: the embedded executor (always), or a
 * real Inngest server (Cloud, self-hosted, or `inngest dev`) when INNGEST_TEST_BASE_URL names
 * one. Tests see only what any Inngest shows: a run's status and output, per event sent.
 */
export type FinishedRun = { status: "COMPLETED" | "FAILED" | "CANCELLED"; output: unknown };

export type Target = {
  inngest: TestClient;
  /** Sends one event; returns its id. */
  send: (event: { name: string; data: Record<string, unknown> }) => Promise<string>;
  /** The one run the event started, once it finished. */
  finishedRun: (eventId: string, timeoutMs?: number) => Promise<FinishedRun>;
  stop: () => Promise<void>;
};

type Build = (inngest: TestClient) => InngestFunction.Any[];

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

async function poll<T>(what: string, timeoutMs: number, read: () => Promise<T | null>): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function embeddedTarget(build: Build): Promise<Target> {
  const h = await startHarness(build);
  return {
    inngest: h.inngest,
    send: async (event) => (await h.inngest.send(event)).ids[0],
    finishedRun: (eventId, timeoutMs = 10_000) =>
      poll(`a finished run for event ${eventId}`, timeoutMs, async () => {
        const { rows } = await h.db.query<FinishedRun>(
          "SELECT status, output FROM runtime_run WHERE event->>'id' = $1 AND status IN ('COMPLETED', 'FAILED', 'CANCELLED')",
          [eventId],
        );
        return rows[0] ?? null;
      }),
    stop: () => h.stop(),
  };
}

/** The settings of a real Inngest server to test against, or null when none is configured. */
export function realInngestSettings() {
  const baseUrl = process.env.INNGEST_TEST_BASE_URL;
  if (!baseUrl) return null;
  return {
    baseUrl: baseUrl.replace(/\/$/, ""),
    /** Its REST API (`/v1/events/<id>/runs`): the same host for self-hosted and dev servers. */
    apiUrl: (process.env.INNGEST_TEST_API_URL ?? baseUrl).replace(/\/$/, ""),
    eventKey: process.env.INNGEST_TEST_EVENT_KEY ?? "test-key",
    signingKey: process.env.INNGEST_TEST_SIGNING_KEY,
    /** Where the server reaches this test process, e.g. http://host.docker.internal:4555 (default: 127.0.0.1). */
    appOrigin: process.env.INNGEST_TEST_APP_ORIGIN,
    appPort: Number(process.env.INNGEST_TEST_APP_PORT ?? 0),
  };
}

const STATUS: Record<string, FinishedRun["status"]> = { Completed: "COMPLETED", Failed: "FAILED", Cancelled: "CANCELLED" };

export async function realInngestTarget(build: Build): Promise<Target> {
  const settings = realInngestSettings();
  if (!settings) throw new Error("Set INNGEST_TEST_BASE_URL to test against a real Inngest server");
  const inngest = new Inngest({
    id: "switchboard-semantics",
    baseUrl: settings.baseUrl,
    eventKey: settings.eventKey,
    signingKey: settings.signingKey,
    isDev: !settings.signingKey, // `inngest dev` checks no signatures
    logger: quiet,
  });
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const app = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => app.listen(settings.appPort, settings.appOrigin ? "0.0.0.0" : "127.0.0.1", resolve));
  const port = (app.address() as AddressInfo).port;
  const serveOrigin = settings.appOrigin ?? `http://127.0.0.1:${port}`;
  handler = serve({ client: inngest, functions: build(inngest), serveOrigin, servePath: "/api/inngest" });

  // Out-of-band sync: the SDK registers its functions (and the URL above) with the server.
  const sync = await fetch(`http://127.0.0.1:${port}/api/inngest`, { method: "PUT" });
  if (!sync.ok) throw new Error(`Registering with ${settings.baseUrl} failed: ${sync.status} ${await sync.text()}`);

  return {
    inngest,
    send: async (event) => (await inngest.send(event)).ids[0],
    finishedRun: (eventId, timeoutMs = 120_000) =>
      poll(`a finished run for event ${eventId}`, timeoutMs, async () => {
        const response = await fetch(`${settings.apiUrl}/v1/events/${eventId}/runs`, {
          headers: settings.signingKey ? { authorization: `Bearer ${settings.signingKey}` } : {},
        });
        if (!response.ok) return null; // the event may not be indexed yet
        const { data } = (await response.json()) as { data?: { status: string; output: unknown }[] };
        const run = data?.find((r) => STATUS[r.status]);
        return run ? { status: STATUS[run.status], output: run.output ?? null } : null;
      }),
    stop: async () => {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    },
  };
}
