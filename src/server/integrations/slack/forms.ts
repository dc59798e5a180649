import { z } from "zod";
import { checkWithZod } from "../shared/payload-check";
import { clip, compact, str } from "../shared/read";
import type { MappedEvent, PayloadCheck } from "../provider";

/**
 * Slack's form-encoded posts, signed like everything else it sends: interactivity (a `payload`
 * field holding the interaction's JSON: block_actions, view_submission, shortcut, …) and slash
 * commands (plain fields: command, text, user_id, …, typed here as `slash_command`).
 * https://api.slack.com/interactivity/handling#payloads — https://api.slack.com/interactivity/slash-commands#app_command_handling
 */
export const SLASH_COMMAND = "slash_command";

export function decodeSlackForm(text: string): unknown {
  const fields = new URLSearchParams(text);
  const interaction = fields.get("payload");
  if (interaction !== null) return JSON.parse(interaction) as unknown;
  if (fields.has("command")) return { type: SLASH_COMMAND, ...Object.fromEntries(fields) };
  throw new Error("a Slack form post carries either a `payload` field (interactivity) or a `command` (slash command)");
}

const interaction = z.looseObject({
  type: z.string().min(1),
  team: z.looseObject({ id: z.string() }).nullable().optional(),
  user: z.looseObject({ id: z.string() }),
  trigger_id: z.string().optional(),
});
const slashCommand = z.looseObject({
  type: z.literal(SLASH_COMMAND),
  command: z.string().regex(/^\//, "a slash command starts with /"),
  text: z.string(),
  team_id: z.string(),
  user_id: z.string(),
  channel_id: z.string().optional(),
  trigger_id: z.string(),
});

// What Slack posts as forms; anything else (event_callback, url_verification, app_rate_limited) is the Events API's JSON.
const FORM_TYPES = new Set([
  SLASH_COMMAND,
  "block_actions",
  "block_suggestion",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
  "interactive_message",
  "dialog_submission",
  "dialog_cancellation",
  "dialog_suggestion",
  "workflow_step_edit",
]);
export const isFormPayloadType = (type: string | undefined) => type !== undefined && FORM_TYPES.has(type);

export function validateSlackForm(payload: unknown): PayloadCheck {
  return checkWithZod(str(payload, "type") === SLASH_COMMAND ? slashCommand : interaction, payload);
}

export function mapSlackForm(type: string, payload: unknown): MappedEvent {
  if (type === SLASH_COMMAND) {
    const summary = { team: str(payload, "team_id"), channel: str(payload, "channel_id"), actor: str(payload, "user_id"), command: str(payload, "command"), text: clip(str(payload, "text")) };
    return { type: "slack.slash_command", summary: compact(summary) };
  }
  const actions = (payload as { actions?: { action_id?: unknown }[] }).actions;
  const summary = {
    team: str(payload, "team.id"),
    channel: str(payload, "channel.id") ?? str(payload, "container.channel_id"),
    actor: str(payload, "user.id"),
    callback_id: str(payload, "callback_id") ?? str(payload, "view.callback_id"),
    actions: Array.isArray(actions) ? actions.map((action) => action.action_id).filter((id) => typeof id === "string") : undefined,
  };
  return { type: `slack.interaction.${type.replace(/[^a-z0-9_]/g, "_")}`, summary: compact(summary) };
}
