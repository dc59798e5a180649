import { createHmac } from "node:crypto";
import { TEAM, type FakeMessage, type FakeUser } from "./state";

/**
 * What Slack sends an app's Interactivity Request URL when someone clicks a button: a form post
 * `payload=<the interaction's JSON>`, signed as every Slack request is —
 * `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">` keyed by the app's
 * signing secret, with the timestamp in `X-Slack-Request-Timestamp`
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack; what ../verify.ts checks).
 */
export type InteractionDelivery = { url: string; body: string; headers: Record<string, string>; status: number | null; answer: string | null; error: string | null };

/** Posts `payload` signed with `signingSecret`; `timestamp` (seconds) to send a stale one. Never throws: a failure is the delivery's `error`. */
export async function sendInteraction(input: { url: string; signingSecret: string; payload: unknown; timestamp?: number }): Promise<InteractionDelivery> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const body = new URLSearchParams({ payload: JSON.stringify(input.payload) }).toString();
  const signature = `v0=${createHmac("sha256", input.signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const headers = { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature, "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)" };
  const delivery: InteractionDelivery = { url: input.url, body, headers, status: null, answer: null, error: null };
  try {
    const response = await fetch(input.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(10_000) });
    delivery.status = response.status;
    delivery.answer = await response.text();
  } catch (error) {
    delivery.error = (error as Error).message;
  }
  return delivery;
}

/**
 * The `block_actions` payload of `user` clicking the button `actionId` on `message`, as Slack
 * builds it (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload): the
 * button's value and block, the message as posted, a response_url and trigger_id.
 * Throws when the message has no such button (a test clicking what no one could).
 */
export function blockActionsPayload(input: { message: FakeMessage; user: FakeUser; actionId: string; origin: string }): Record<string, unknown> {
  const { message, user, actionId } = input;
  const blocks = (message.blocks ?? []) as { type: string; block_id?: string; elements?: { type: string; action_id?: string; value?: string; text?: unknown; style?: string }[] }[];
  const block = blocks.find((b) => b.type === "actions" && b.elements?.some((e) => e.action_id === actionId));
  const button = block?.elements?.find((e) => e.action_id === actionId);
  if (!block || !button) throw new Error(`the message ${message.ts} has no button ${actionId}`);
  const now = Date.now() / 1000;
  return {
    type: "block_actions",
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: "A0FAKE0001",
    token: "verification-token-unused",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: `${Math.floor(now)}.${Math.floor(Math.random() * 1e9)}.fake`,
    team: { id: TEAM.id, domain: TEAM.domain },
    channel: { id: message.channel },
    message: { type: "message", ts: message.ts, text: message.text, blocks: message.blocks, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
    response_url: `${input.origin}/actions/${TEAM.id}/${message.ts.replace(".", "")}/fake`,
    actions: [{ type: "button", block_id: block.block_id ?? "fake-block", action_id: actionId, text: button.text, ...(button.value ? { value: button.value } : {}), ...(button.style ? { style: button.style } : {}), action_ts: now.toFixed(6) }],
  };
}
