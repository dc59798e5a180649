import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeNewRelic } from "./fake-new-relic";
import type { Fault, FakeState } from "./fake-new-relic-types";
import { fakeUserFor } from "./nerdgraph-api";

/**
 * The fake New Relic's test-only side, under `/_fake/`, for a test in another process (e2e): read
 * what New Relic kept, set the world up, arm faults. Never gated nor recorded. JSON in, JSON out;
 * a request the fake cannot do answers 400 with why (../../shared/fake/control.ts).
 *
 * - `GET /_fake/health`; `GET /_fake/metrics`, `/_fake/events`, `/_fake/deployments`,
 *   `/_fake/requests`, `/_fake/violations`
 * - `POST /_fake/license-keys` `{"key"}`, `POST /_fake/user-keys` `{"key"}` (answers the key's
 *   user), `POST /_fake/accounts` `{"accountId"}`, `POST /_fake/entities` `{"guid"}`
 * - `POST /_fake/fault` `{"status": 429|500|503, "retryAfter"?}` or `{"hang": true}`, with
 *   `"times"?` and `"path"?`/`"operation"?` to pick requests; `DELETE /_fake/fault`
 * - `POST /_fake/reset`: forgets the data kept, the requests and the violations (keys stay)
 */
export function serveControl(fake: FakeNewRelic, state: FakeState, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  serveControlSurface(request, res, {
    deliveries: () => [],
    route(method, path, input) {
      if (method === "GET") {
        const views: Record<string, () => unknown> = {
          "/_fake/metrics": fake.metrics,
          "/_fake/events": fake.events,
          "/_fake/deployments": fake.deployments,
          "/_fake/requests": () => fake.requests,
          "/_fake/violations": () => fake.violations,
        };
        return views[path] ? [200, views[path]()] : undefined;
      }
      if (method === "POST" && path === "/_fake/license-keys") return [201, { key: add(fake.licenseKeys, text(input.key, "key")) }];
      if (method === "POST" && path === "/_fake/user-keys") {
        const key = text(input.key, "key");
        if (!key.startsWith("NRAK-")) throw new Error("a user key starts with NRAK-");
        return [201, { key: add(fake.userKeys, key), user: fakeUserFor(key) }];
      }
      if (method === "POST" && path === "/_fake/accounts") {
        if (!Number.isSafeInteger(input.accountId) || (input.accountId as number) < 1) throw new Error("accountId must be a positive integer");
        return [201, { accountId: add(fake.accountIds, input.accountId as number) }];
      }
      if (method === "POST" && path === "/_fake/entities") return [201, { guid: add(fake.entityGuids, text(input.guid, "guid")) }];
      if (method === "POST" && path === "/_fake/fault") {
        fake.setFault(faultOf(input));
        return [200, { armed: true }];
      }
      if (method === "DELETE" && path === "/_fake/fault") {
        fake.setFault(null);
        return [200, { armed: false }];
      }
      if (method === "POST" && path === "/_fake/reset") {
        for (const list of [state.metrics, state.events, state.deployments, state.violations, fake.requests]) list.length = 0;
        return [200, { reset: true }];
      }
    },
  });
}

function text(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") throw new Error(`${name} must be a non-empty string`);
  return value;
}

function add<T>(set: Set<T>, value: T): T {
  set.add(value);
  return value;
}

function faultOf(input: Record<string, unknown>): Fault {
  const { status, retryAfter, hang, times, path, operation } = input;
  const pick = typeof path === "string" || typeof operation === "string";
  const match = pick ? (r: { path: string; operation: string | null }) => (path === undefined || r.path === path) && (operation === undefined || r.operation === operation) : undefined;
  const common = { ...(typeof times === "number" ? { times } : {}), ...(match ? { match } : {}) };
  if (hang === true) return { hang: true, ...common };
  if (status === 429) return { status, ...(typeof retryAfter === "string" ? { retryAfter } : {}), ...common };
  if (status === 500 || status === 503) return { status, ...common };
  throw new Error('a fault is {"status": 429|500|503} or {"hang": true}');
}
