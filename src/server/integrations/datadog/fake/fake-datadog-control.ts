import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { Fault, FakeDatadog } from "./fake-datadog";

/**
 * The fake Datadog's test-only side, under `/_fake/`, for a test in another process (e2e): read
 * what reached "Datadog", manage the keys, arm faults. Never gated nor recorded. JSON in, JSON
 * out; a request the fake cannot do answers 400 with why.
 *
 * - `GET /_fake/health`; `GET /_fake/deliveries`: [] (this Datadog sends no webhooks)
 * - `GET /_fake/series`: the stored points; `GET /_fake/dropped-points`: `{"droppedPoints": n}`
 * - `GET /_fake/events`, `GET /_fake/deployments`
 * - `GET /_fake/requests`: the API requests, without their bodies; `GET /_fake/violations`
 * - `POST /_fake/api-keys` `{"key"}` accepts a key, `DELETE /_fake/api-keys` `{"key"}` revokes it
 * - `POST /_fake/fault` `{"status": 429|500|503|403, "retryAfter"?} | {"hang": true}`, with
 *   `"times"?` and `"operationId"?` (only that operation's requests fail); `DELETE /_fake/fault`
 * - `POST /_fake/reset`: forgets points, events, deployments, requests, violations and the fault
 */
export function serveControl(fake: FakeDatadog, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  serveControlSurface(request, res, {
    deliveries: () => [],
    route(method, path, input) {
      const get = method === "GET";
      if (get && path === "/_fake/series") return [200, fake.series()];
      if (get && path === "/_fake/dropped-points") return [200, { droppedPoints: fake.droppedPoints }];
      if (get && path === "/_fake/events") return [200, fake.events()];
      if (get && path === "/_fake/deployments") return [200, fake.deployments()];
      if (get && path === "/_fake/requests") return [200, fake.requests.map(({ body: _, ...request }) => request)];
      if (get && path === "/_fake/violations") return [200, fake.violations];
      if (path === "/_fake/api-keys" && (method === "POST" || method === "DELETE")) {
        if (typeof input.key !== "string" || input.key === "") throw new Error("api-keys takes {\"key\": \"…\"}");
        if (method === "POST") fake.apiKeys.add(input.key);
        else fake.apiKeys.delete(input.key);
        return [200, { keys: fake.apiKeys.size }];
      }
      if (method === "POST" && path === "/_fake/fault") {
        fake.setFault(faultFrom(input));
        return [200, { armed: true }];
      }
      if (method === "DELETE" && path === "/_fake/fault") {
        fake.setFault(null);
        return [200, { armed: false }];
      }
      if (method === "POST" && path === "/_fake/reset") {
        fake.reset();
        return [200, { reset: true }];
      }
    },
  });
}

function faultFrom(input: Record<string, unknown>): Fault {
  const times = input.times === undefined ? undefined : Number(input.times);
  if (times !== undefined && !(Number.isInteger(times) && times > 0)) throw new Error("times must be a positive integer");
  const operationId = typeof input.operationId === "string" ? input.operationId : undefined;
  const common = { times, match: operationId ? (r: { operationId: string | null }) => r.operationId === operationId : undefined };
  if (input.hang === true) return { hang: true, ...common };
  if (input.status === 429) return { status: 429, retryAfter: input.retryAfter === undefined ? undefined : String(input.retryAfter), ...common };
  if (input.status === 500 || input.status === 503 || input.status === 403) return { status: input.status, ...common };
  throw new Error("a fault is {\"status\": 429|500|503|403} or {\"hang\": true}");
}
