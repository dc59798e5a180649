import type { FakeMessage, SlackState } from "./state";
import { checkSlackWebhookBody } from "./gate";

/**
 * The fake Slack's incoming webhooks, `POST /services/T…/B…/…` with a JSON message, answered as
 * Slack answers them: `200 ok` as text, or an error as text with its status
 * (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks#handling_errors):
 * 400 invalid_payload / no_text / invalid_blocks, 404 no_service (removed or disabled),
 * 404 channel_not_found, 410 channel_is_archived. An app's webhook posts to its own channel
 * whatever `channel` the body names, under the app's name.
 */
export type WebhookAnswer = { status: number; text: string; violation: string | null };

export function receiveWebhook(state: SlackState, path: string, contentType: string, text: string): WebhookAnswer {
  const hook = state.webhooks.get(path);
  if (!hook || hook.revoked) return { status: 404, text: "no_service", violation: null };
  let body: unknown;
  try {
    if (!/^application\/json\b/i.test(contentType)) throw new Error(`sent as ${contentType || "no content type"}, not application/json`);
    body = JSON.parse(text);
  } catch (error) {
    return { status: 400, text: "invalid_payload", violation: `the body is not JSON: ${(error as Error).message}` };
  }
  const verdict = checkSlackWebhookBody(body);
  if (!verdict.ok) {
    const error = verdict.error === "no_text" || verdict.error === "invalid_blocks" ? verdict.error : "invalid_payload";
    return { status: 400, text: error, violation: `${error}: ${verdict.errors.join("; ")}` };
  }
  const channel = state.channels.get(hook.channel);
  if (!channel) return { status: 404, text: "channel_not_found", violation: null };
  if (channel.archived) return { status: 410, text: "channel_is_archived", violation: null };
  const message = body as { text?: string; blocks?: unknown[]; username?: string };
  const posted: FakeMessage = {
    ts: state.nextTs(),
    channel: channel.id,
    text: message.text ?? "",
    blocks: message.blocks ?? null,
    threadTs: null,
    user: null,
    botId: null,
    username: message.username ?? null,
    edits: [],
    ephemeralTo: null,
    via: "webhook",
  };
  state.messages.push(posted);
  return { status: 200, text: "ok", violation: null };
}
