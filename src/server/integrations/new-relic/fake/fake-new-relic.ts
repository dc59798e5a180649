import { randomBytes } from "node:crypto";
import type http from "node:http";
import { createFaultSwitch, createHangingResponses } from "../../shared/fake/faults";
import { createRawFakeServer, listenOnLoopback } from "../../shared/fake/server";
import { createIngestGate } from "./contract";
import { serveControl } from "./fake-new-relic-control";
import type { Exchange, Fault, FaultTarget, FakeState, RecordedRequest, StoredDeployment } from "./fake-new-relic-types";
import { handleIngest } from "./ingest-api";
import type { StoredEvent, StoredMetric } from "./ingest-checks";
import { handleNerdgraph } from "./nerdgraph-api";

export type { Fault, FaultTarget, RecordedRequest, StoredDeployment, StoredEvent, StoredMetric };

/**
 * A stateful New Relic for tests, on 127.0.0.1: on one port, the three APIs Switchboard calls,
 * each at the path it has on its own host —
 * - the Metric API, `POST <url>/metric/v1` (metric-api.newrelic.com, metric-api.eu.newrelic.com),
 * - the Event API, `POST <url>/v1/accounts/<id>/events` (insights-collector.newrelic.com,
 *   insights-collector.eu01.nr-data.net),
 * - NerdGraph, `POST <url>/graphql` (api.newrelic.com, api.eu.newrelic.com),
 * in ingest-api.ts and nerdgraph-api.ts, their contracts in contract.ts. Every request passes its
 * contract gate: what the real API would refuse is recorded in `violations` (a test expects none)
 * and answered as New Relic answers it. The data kept is what New Relic would keep: every data
 * point received, in order (a count sent twice is counted twice), events per account, deployments.
 *
 * `setFault` makes the next requests fail: 429 with Retry-After, 500, 503, or no answer (hang).
 * Under `/_fake/` (fake-new-relic-control.ts), never gated nor recorded, a control surface for a
 * test in another process.
 */

export type FakeNewRelic = {
  /** http://127.0.0.1:<port>: the base of all three APIs (each region's hosts in one). */
  url: string;
  /** Ingest keys (license or Insert keys) the Metric and Event APIs take. */
  licenseKeys: Set<string>;
  /** User keys (NRAK-…) NerdGraph takes. */
  userKeys: Set<string>;
  accountIds: Set<number>;
  /** Entities a deployment may name. */
  entityGuids: Set<string>;
  requests: RecordedRequest[];
  /** Requests the real APIs would refuse (or whose data they would drop), each with why: a test expects none. */
  violations: string[];
  /** Every metric data point kept, in the order received, `common` merged in. */
  metrics(): StoredMetric[];
  /** The sum of the values of the count data points named `name` whose attributes include `where`. */
  metricTotal(name: string, where?: Record<string, string | number | boolean>): number;
  events(): StoredEvent[];
  deployments(): StoredDeployment[];
  /** The next `times` requests (default 1) that `match` picks fail this way; null clears it. */
  setFault(fault: Fault | null): void;
  close(): Promise<void>;
};

export type FakeNewRelicOptions = {
  /** Where to listen on 127.0.0.1 (default: any free port). */
  port?: number;
  /** Default: one made up, as a license key looks (40 characters ending in NRAL). */
  licenseKeys?: string[];
  /** Default: one made up (NRAK- and 27 characters). */
  userKeys?: string[];
  /** Default: [1234567]. */
  accountIds?: number[];
  /** Default: one APM application's, in the first account (see fakeEntityGuid). */
  entityGuids?: string[];
  /** The clock for the APIs' time windows and default timestamps (default Date.now). */
  now?: () => number;
};

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const fakeLicenseKey = () => `${randomBytes(18).toString("hex")}NRAL`;
export const fakeUserKey = () => `NRAK-${[...randomBytes(27)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
/** An entity GUID as New Relic makes them: base64 of "<account>|<domain>|<type>|<domain id>", unpadded. */
export const fakeEntityGuid = (accountId: number, domainId: number | string, domain = "APM", type = "APPLICATION") =>
  Buffer.from(`${accountId}|${domain}|${type}|${domainId}`).toString("base64").replace(/=+$/, "");

export async function startFakeNewRelic(options: FakeNewRelicOptions = {}): Promise<FakeNewRelic> {
  const gate = await createIngestGate();
  const accountIds = options.accountIds ?? [1234567];
  const state: FakeState = {
    licenseKeys: new Set(options.licenseKeys ?? [fakeLicenseKey()]),
    userKeys: new Set(options.userKeys ?? [fakeUserKey()]),
    accountIds: new Set(accountIds),
    entityGuids: new Set(options.entityGuids ?? [fakeEntityGuid(accountIds[0] ?? 1234567, 1)]),
    metrics: [],
    events: [],
    deployments: [],
    violations: [],
    now: options.now ?? Date.now,
  };
  const requests: RecordedRequest[] = [];
  const faults = createFaultSwitch<Fault>();
  const { hang, closeServer } = createHangingResponses();

  function exchange(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer): Exchange {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const record: RecordedRequest = { at: state.now(), method: req.method ?? "", path: url.pathname, headers, encoding: null, bytes: raw.length, body: null, status: null, operation: null };
    requests.push(record);
    const send = (status: number, body?: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }), ...extra });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    return {
      req,
      url,
      raw,
      record,
      send,
      violation: (why) => state.violations.push(`${record.method} ${record.path}: ${why}`),
      faulted() {
        const fault = faults.take({ method: record.method, path: record.path, operation: record.operation });
        if (!fault) return false;
        if ("hang" in fault) {
          hang(res);
          return true;
        }
        const graphql = record.path === "/graphql";
        const body = graphql ? { errors: [{ message: fault.status === 429 ? "Too many requests" : "Internal server error" }] } : undefined;
        send(fault.status, body, fault.status === 429 && fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {});
        return true;
      },
    };
  }

  const server = createRawFakeServer((req, res, url, raw) => {
    if (url.pathname.startsWith("/_fake/")) return serveControl(fake, state, { method: req.method ?? "", path: url.pathname, text: raw.toString("utf8") }, res);
    const x = exchange(req, res, url, raw);
    if (url.pathname === "/graphql") {
      handleNerdgraph(x, state).catch((error: unknown) => {
        x.violation(`the fake failed: ${(error as Error).message}`);
        if (!res.headersSent) x.send(500, { errors: [{ message: "Internal server error" }] });
      });
    } else handleIngest(x, gate, state);
  });
  const url = await listenOnLoopback(server, options.port);

  const fake: FakeNewRelic = {
    url,
    licenseKeys: state.licenseKeys,
    userKeys: state.userKeys,
    accountIds: state.accountIds,
    entityGuids: state.entityGuids,
    requests,
    violations: state.violations,
    metrics: () => [...state.metrics],
    metricTotal(name, where = {}) {
      const matches = (m: StoredMetric) => m.name === name && m.type === "count" && Object.entries(where).every(([k, v]) => m.attributes[k] === v);
      return state.metrics.filter(matches).reduce((sum, m) => sum + (m.value as number), 0);
    },
    events: () => [...state.events],
    deployments: () => [...state.deployments],
    setFault: (fault) => faults.set(fault),
    close: () => closeServer(server),
  };
  return fake;
}
