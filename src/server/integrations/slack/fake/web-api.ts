import { randomBytes } from "node:crypto";
import { TEAM, type FakeBot, type FakeChannel, type FakeMessage, type FakeView, type SlackState } from "./state";

/**
 * The fake Slack's Web API methods, answered from the state as Slack answers them: HTTP 200
 * with `{ok: true, …}` or `{ok: false, error}` (Slack's Web API uses no other statuses but 429;
 * faults are the server's). Called after the gate and the token check, with decoded arguments.
 * Errors per method: https://docs.slack.dev/reference/methods/<method>#errors.
 */
export type ApiAnswer = Record<string, unknown> & { ok: boolean };

/** The scope each method needs of a bot token (conversations.info: channels:read, or groups:read for a private channel). */
export const SCOPES: Record<string, string | null> = {
  "auth.test": null,
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "users.lookupByEmail": "users:read.email",
  "users.info": "users:read",
  "conversations.info": "channels:read",
  "views.open": null,
};

/** The fake's one app, whose bots all the tokens are. */
export const APP_ID = "A0FAKE0001";

const fail = (error: string, extra: Record<string, unknown> = {}): ApiAnswer => ({ ok: false, error, ...extra });
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export function callMethod(state: SlackState, bot: FakeBot, method: string, args: Record<string, unknown>, origin: string): ApiAnswer {
  const needed = SCOPES[method];
  if (needed && !bot.scopes.has(needed)) return fail("missing_scope", { needed, provided: [...bot.scopes].join(",") });
  switch (method) {
    case "auth.test":
      return { ok: true, url: `${origin}/`, team: TEAM.name, user: bot.name, team_id: TEAM.id, user_id: bot.userId, bot_id: bot.botId, is_enterprise_install: false };
    case "chat.postMessage":
      return postMessage(state, bot, args);
    case "chat.update":
      return updateMessage(state, bot, args);
    case "chat.postEphemeral":
      return postEphemeral(state, bot, args);
    case "users.lookupByEmail": {
      const user = state.userByEmail(str(args.email) ?? "");
      return user ? { ok: true, user: userJson(user, true) } : fail("users_not_found");
    }
    case "users.info": {
      const user = state.users.get(str(args.user) ?? "");
      // Slack leaves the email out of a profile for a token without users:read.email.
      return user ? { ok: true, user: userJson(user, bot.scopes.has("users:read.email")) } : fail("user_not_found");
    }
    case "conversations.info": {
      const channel = state.channels.get(str(args.channel) ?? "");
      if (!channel || (channel.isPrivate && !channel.members.has(bot.userId))) return fail("channel_not_found");
      if (channel.isPrivate && !bot.scopes.has("groups:read")) return fail("missing_scope", { needed: "groups:read", provided: [...bot.scopes].join(",") });
      return { ok: true, channel: channelJson(channel, bot) };
    }
    case "views.open":
      return openView(state, bot, args);
    default:
      return fail("unknown_method");
  }
}

/** Where a bot may post: the channel, or Slack's refusal (a private channel the bot is not in does not exist for it). */
function postableChannel(state: SlackState, bot: FakeBot, reference: string): FakeChannel | ApiAnswer {
  const channel = state.findChannel(reference);
  if (!channel || (channel.isPrivate && !channel.members.has(bot.userId))) return fail("channel_not_found");
  if (channel.archived) return fail("is_archived");
  if (!channel.members.has(bot.userId) && !bot.scopes.has("chat:write.public")) return fail("not_in_channel");
  return channel;
}

const isAnswer = (value: FakeChannel | ApiAnswer): value is ApiAnswer => "ok" in value;

function postMessage(state: SlackState, bot: FakeBot, args: Record<string, unknown>): ApiAnswer {
  const channel = postableChannel(state, bot, str(args.channel)!);
  if (isAnswer(channel)) return channel;
  const threadTs = str(args.thread_ts) ?? null;
  if (threadTs) {
    const parent = state.message(channel.id, threadTs);
    if (!parent) return fail("thread_not_found");
    if (parent.threadTs) return fail("cannot_reply_to_message"); // a reply cannot have replies of its own
  }
  const message: FakeMessage = {
    ts: state.nextTs(),
    channel: channel.id,
    text: str(args.text) ?? "",
    blocks: (args.blocks as unknown[] | undefined) ?? null,
    threadTs,
    user: bot.userId,
    botId: bot.botId,
    username: str(args.username) ?? null,
    edits: [],
    ephemeralTo: null,
    via: "api",
  };
  state.messages.push(message);
  return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(message) };
}

function updateMessage(state: SlackState, bot: FakeBot, args: Record<string, unknown>): ApiAnswer {
  // chat.update takes the channel's id only, not its name.
  const channel = state.channels.get(str(args.channel)!);
  if (!channel || (channel.isPrivate && !channel.members.has(bot.userId))) return fail("channel_not_found");
  if (channel.archived) return fail("is_archived");
  const message = state.message(channel.id, str(args.ts)!);
  if (!message) return fail("message_not_found");
  if (message.user !== bot.userId) return fail("cant_update_message");
  message.edits.push({ text: message.text, blocks: message.blocks });
  if (args.text !== undefined) message.text = str(args.text) ?? "";
  if (args.blocks !== undefined) message.blocks = args.blocks as unknown[];
  return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: messageJson(message) };
}

function postEphemeral(state: SlackState, bot: FakeBot, args: Record<string, unknown>): ApiAnswer {
  const channel = postableChannel(state, bot, str(args.channel)!);
  if (isAnswer(channel)) return channel;
  const user = str(args.user)!;
  if (!state.users.has(user)) return fail("user_not_found");
  if (!channel.members.has(user)) return fail("user_not_in_channel");
  const message: FakeMessage = {
    ts: state.nextTs(),
    channel: channel.id,
    text: str(args.text) ?? "",
    blocks: (args.blocks as unknown[] | undefined) ?? null,
    threadTs: str(args.thread_ts) ?? null,
    user: bot.userId,
    botId: bot.botId,
    username: null,
    edits: [],
    ephemeralTo: user,
    via: "api",
  };
  state.messages.push(message);
  return { ok: true, message_ts: message.ts };
}

/** Exchanges an interaction's trigger_id for a modal: once, and within the trigger's lifetime. */
function openView(state: SlackState, bot: FakeBot, args: Record<string, unknown>): ApiAnswer {
  const trigger = state.triggers.get(str(args.trigger_id) ?? str(args.interactivity_pointer) ?? "");
  if (!trigger) return fail("invalid_trigger_id");
  if (trigger.exchanged) return fail("exchanged_trigger_id");
  if (Date.now() - trigger.issuedAt > state.triggerLifetimeMs) return fail("expired_trigger_id");
  trigger.exchanged = true;
  const view: FakeView = {
    id: state.newViewId(),
    userId: trigger.userId,
    botId: bot.botId,
    view: args.view as Record<string, unknown>,
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
    openedAt: Date.now(),
    closed: false,
  };
  state.views.push(view);
  return { ok: true, view: viewJson(view) };
}

/** A view as Slack shows it back: what the app sent, with Slack's own fields. */
export function viewJson(view: FakeView, values: Record<string, unknown> = {}): Record<string, unknown> {
  const sent = view.view;
  return {
    id: view.id,
    team_id: TEAM.id,
    type: "modal",
    blocks: sent.blocks,
    private_metadata: sent.private_metadata ?? "",
    callback_id: sent.callback_id ?? "",
    state: { values },
    hash: view.hash,
    title: sent.title,
    clear_on_close: sent.clear_on_close ?? false,
    notify_on_close: sent.notify_on_close ?? false,
    close: sent.close ?? null,
    submit: sent.submit ?? null,
    previous_view_id: null,
    root_view_id: view.id,
    app_id: APP_ID,
    external_id: sent.external_id ?? "",
    app_installed_team_id: TEAM.id,
    bot_id: view.botId,
  };
}

export function messageJson(message: FakeMessage): Record<string, unknown> {
  return {
    type: "message",
    ...(message.user ? { user: message.user, bot_id: message.botId } : { subtype: "bot_message" }),
    text: message.text,
    ts: message.ts,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.username ? { username: message.username } : {}),
    ...(message.edits.length > 0 ? { edited: { user: message.user, ts: message.ts } } : {}),
    team: TEAM.id,
  };
}

function userJson(user: { id: string; name: string; realName: string; email: string; deleted: boolean }, withEmail: boolean) {
  const profile = { ...(withEmail ? { email: user.email } : {}), real_name: user.realName, display_name: user.name };
  return { id: user.id, team_id: TEAM.id, name: user.name, real_name: user.realName, deleted: user.deleted, is_bot: false, profile };
}

function channelJson(channel: FakeChannel, bot: FakeBot) {
  return { id: channel.id, name: channel.name, is_channel: !channel.isPrivate, is_group: false, is_private: channel.isPrivate, is_archived: channel.archived, is_member: channel.members.has(bot.userId) };
}
