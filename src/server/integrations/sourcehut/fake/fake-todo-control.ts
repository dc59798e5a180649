import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeTodo } from "./fake-todo";

/**
 * The fake todo.sr.ht's test-only side, under `/_fake/`, for a test in another process (e2e): set
 * the world up, act as a person on todo.sr.ht, read the state. Never gated nor recorded. JSON in,
 * JSON out; what the fake cannot do (an unknown tracker, a person without access) answers 400
 * with why.
 *
 * - `GET /_fake/health`, `GET /_fake/public-key` (`{"publicKey"}`: an integration's `publicKey`)
 * - `POST /_fake/users` `{"username", "token"?, "grants"?}`
 * - `POST /_fake/trackers` `{"tracker": "~owner/name", "visibility"?, "access"?}`
 * - `POST /_fake/hooks` `{"tracker", "url", "username", "events"?, "query"?}` (default: the sync's query and events)
 * - `GET /_fake/trackers/~owner/name/tickets`: every ticket, with `labels` and `comments`
 * - `POST /_fake/trackers/~owner/name/tickets` `{"subject", "body"?, "username"}`: a person submits a ticket
 * - `POST /_fake/trackers/~owner/name/tickets/<id>/comments` `{"text", "username"}`: a person comments
 * - `GET /_fake/deliveries`: the webhooks sent and their answers
 */
export function serveControl(fake: FakeTodo, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const tickets = /^\/_fake\/trackers\/(~[^/]+\/[^/]+)\/tickets$/.exec(request.path);
  const comments = /^\/_fake\/trackers\/(~[^/]+\/[^/]+)\/tickets\/(\d+)\/comments$/.exec(request.path);
  serveControlSurface(request, res, {
    deliveries: () => fake.webhookDeliveries,
    route(method, path, input) {
      if (method === "GET" && path === "/_fake/public-key") return [200, { publicKey: fake.publicKey }];
      if (method === "POST" && path === "/_fake/users") return [201, fake.addUser(input as Parameters<FakeTodo["addUser"]>[0])];
      if (method === "POST" && path === "/_fake/trackers") {
        const tracker = fake.addTracker(input as Parameters<FakeTodo["addTracker"]>[0]);
        return [201, { id: tracker.id, tracker: `~${tracker.owner}/${tracker.name}` }];
      }
      if (method === "POST" && path === "/_fake/hooks") {
        const hook = fake.addHook(input as Parameters<FakeTodo["addHook"]>[0]);
        return [201, { id: hook.id, url: hook.url, events: hook.events }];
      }
      if (method === "GET" && tickets) return [200, fake.tickets(tickets[1]).map((t) => ({ ...t, comments: fake.comments(tickets[1], t.id) }))];
      if (method === "POST" && tickets) return [201, fake.userSubmitsTicket({ ...(input as { subject: string; username: string }), tracker: tickets[1] })];
      if (method === "POST" && comments) {
        const event = fake.userComments({ ...(input as { text: string; username: string }), tracker: comments[1], id: Number(comments[2]) });
        return [201, { id: event.id, created: event.created }];
      }
    },
  });
}
