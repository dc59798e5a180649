import { createHmac } from "node:crypto";
import { TEAM, type FakeMessage, type FakeUser, type FakeView } from "./state";
import { APP_ID, viewJson } from "./web-api";

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
export function blockActionsPayload(input: { message: FakeMessage; user: FakeUser; actionId: string; triggerId: string; origin: string }): Record<string, unknown> {
  const { message, user, actionId } = input;
  const blocks = (message.blocks ?? []) as { type: string; block_id?: string; elements?: { type: string; action_id?: string; value?: string; text?: unknown; style?: string }[] }[];
  const block = blocks.find((b) => b.type === "actions" && b.elements?.some((e) => e.action_id === actionId));
  const button = block?.elements?.find((e) => e.action_id === actionId);
  if (!block || !button) throw new Error(`the message ${message.ts} has no button ${actionId}`);
  const now = Date.now() / 1000;
  return {
    type: "block_actions",
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: APP_ID,
    token: "verification-token-unused",
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: input.triggerId,
    team: { id: TEAM.id, domain: TEAM.domain },
    channel: { id: message.channel },
    message: { type: "message", ts: message.ts, text: message.text, blocks: message.blocks, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
    response_url: `${input.origin}/actions/${TEAM.id}/${message.ts.replace(".", "")}/fake`,
    actions: [{ type: "button", block_id: block.block_id ?? "fake-block", action_id: actionId, text: button.text, ...(button.value ? { value: button.value } : {}), ...(button.style ? { style: button.style } : {}), action_ts: now.toFixed(6) }],
  };
}

type InputBlock = { type: string; block_id?: string; optional?: boolean; element?: { type?: string; action_id?: string; min_length?: number; max_length?: number } };

/**
 * The `view_submission` payload of `user` submitting the modal `view`
 * (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload): the view as
 * opened, with what was typed in `view.state.values[block_id][action_id]`. Throws for what the
 * Slack client would not submit: a view closed or someone else's, a value for no input of it, a
 * required input left empty, a text outside the input's min_length–max_length.
 */
export function viewSubmissionPayload(input: { view: FakeView; user: FakeUser; values: Record<string, Record<string, string>>; triggerId: string }): Record<string, unknown> {
  const { view, user } = input;
  if (view.closed) throw new Error(`the view ${view.id} is closed`);
  if (view.userId !== user.id) throw new Error(`the view ${view.id} was opened for ${view.userId}, not ${user.id}`);
  const inputs = ((view.view.blocks ?? []) as InputBlock[]).filter((block) => block.type === "input");
  for (const [blockId, actions] of Object.entries(input.values)) {
    for (const actionId of Object.keys(actions)) {
      if (!inputs.some((block) => block.block_id === blockId && block.element?.action_id === actionId)) throw new Error(`the view ${view.id} has no input ${blockId}/${actionId}`);
    }
  }
  const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const block of inputs) {
    if (block.element?.type !== "plain_text_input" || !block.block_id || !block.element.action_id) throw new Error(`the fake fills in only plain_text_inputs with a block_id and an action_id`);
    const typed = input.values[block.block_id]?.[block.element.action_id] ?? "";
    if (typed === "" && !block.optional) throw new Error(`the input ${block.block_id} is required: Slack does not submit it empty`);
    if (typed !== "" && (typed.length > (block.element.max_length ?? 3000) || typed.length < (block.element.min_length ?? 0))) {
      throw new Error(`${typed.length} characters in ${block.block_id}: Slack does not submit a text outside ${block.element.min_length ?? 0}–${block.element.max_length ?? 3000}`);
    }
    (values[block.block_id] ??= {})[block.element.action_id] = { type: "plain_text_input", value: typed === "" ? null : typed };
  }
  return {
    type: "view_submission",
    team: { id: TEAM.id, domain: TEAM.domain },
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: APP_ID,
    token: "verification-token-unused",
    trigger_id: input.triggerId,
    view: viewJson(view, values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
