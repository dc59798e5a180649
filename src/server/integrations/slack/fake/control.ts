import type http from "node:http";
import { serveControlSurface } from "../../shared/fake/control";
import type { FakeSlack } from "./fake-slack";
import { messageJson } from "./web-api";

/**
 * The fake Slack's test-only side, under `/_fake/`, for a test in another process (e2e): set the
 * workspace up and read what was posted. Never gated nor recorded. JSON in, JSON out; a request
 * the fake cannot do answers 400 with why.
 *
 * - `POST /_fake/bots` `{"token", "scopes", "name"?}`
 * - `POST /_fake/users` `{"email", "name"}`
 * - `POST /_fake/channels` `{"name", "isPrivate"?, "archived"?, "members"?}` (members: user ids or bot tokens)
 * - `POST /_fake/channels/<id or name>/webhooks`: an incoming webhook into it, `{"url"}`
 * - `GET /_fake/channels/<id or name>/messages`: its messages as the API shows them, each with `replies` and `edits`
 * - `GET /_fake/deliveries`: the interactions sent back and their answers
 * - `GET /_fake/views`: the modals opened with views.open
 * - `GET /_fake/health`
 */
export function serveSlackControl(fake: FakeSlack, request: { method: string; path: string; text: string }, res: http.ServerResponse): void {
  const channelPath = /^\/_fake\/channels\/([^/]+)\/(webhooks|messages)$/.exec(request.path);
  serveControlSurface(request, res, {
    deliveries: () => fake.interactions,
    route(method, path, input) {
      if (method === "POST" && path === "/_fake/bots") {
        const bot = fake.addBot(input as Parameters<FakeSlack["addBot"]>[0]);
        return [201, { token: bot.token, bot_id: bot.botId, user_id: bot.userId, scopes: [...bot.scopes] }];
      }
      if (method === "POST" && path === "/_fake/users") return [201, fake.addUser(input as Parameters<FakeSlack["addUser"]>[0])];
      if (method === "GET" && path === "/_fake/views") return [200, fake.views()];
      if (method === "POST" && path === "/_fake/channels") {
        const channel = fake.addChannel(input as Parameters<FakeSlack["addChannel"]>[0]);
        return [201, { ...channel, members: [...channel.members] }];
      }
      if (!channelPath) return undefined;
      const channel = fake.channel(decodeURIComponent(channelPath[1]));
      if (method === "POST" && channelPath[2] === "webhooks") return [201, { url: fake.addWebhook(channel).url }];
      if (method === "GET" && channelPath[2] === "messages") {
        const messages = fake.messages(channel.id).map((m) => ({ ...messageJson(m), via: m.via, edits: m.edits, replies: fake.replies(channel.id, m.ts).map(messageJson) }));
        return [200, messages];
      }
      return undefined;
    },
  });
}
