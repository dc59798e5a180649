import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeTeams, Fault } from "./fake-teams";

/**
 * The fake Teams' test-only side, under `/_fake/`, for a test in another process (e2e). JSON in,
 * JSON out; a request the fake cannot do answers 400 with why.
 *
 * - `POST /_fake/workflows` `{"team", "channel"}` → `{"url"}`: a Workflows trigger posting there
 * - `POST /_fake/workflows/revoke` `{"url"}`: later posts to it get 404
 * - `GET /_fake/channels/<channel>/messages`: the cards posted there, oldest first
 * - `POST /_fake/fault` `{"status": 429, "retryAfter"?, "times"?}`, `{"status": 500|502|503}`, `{"hang": true}` or `{}` to clear
 * - `GET /_fake/violations`: requests the real service would refuse
 * - `GET /_fake/deliveries`: always empty (Teams sends Switchboard nothing here), `GET /_fake/health`
 */
export function serveControl(fake: FakeTeams, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const channel = /^\/_fake\/channels\/([^/]+)\/messages$/.exec(request.path);
  serveControlSurface(request, res, {
    deliveries: () => [],
    route(method, path, input) {
      if (method === "POST" && path === "/_fake/workflows") return [201, { url: fake.addWorkflow(input as { team: string; channel: string }) }];
      if (method === "POST" && path === "/_fake/workflows/revoke") {
        fake.revoke(String(input.url));
        return [200, { revoked: true }];
      }
      if (method === "GET" && channel) return [200, fake.messages(decodeURIComponent(channel[1]))];
      if (method === "POST" && path === "/_fake/fault") {
        fake.fault(Object.keys(input).length > 0 ? (input as Fault) : null);
        return [200, { armed: Object.keys(input).length > 0 }];
      }
      if (method === "GET" && path === "/_fake/violations") return [200, fake.violations];
      return undefined;
    },
  });
}
