import { LogLevel, WebClient } from "@slack/web-api";
import { IncomingWebhook } from "@slack/webhook";
import { NotificationSendError, type NotificationContent, type SendOutcome } from "@/server/notifications/channel";
import { platformFetch } from "@/server/issue-sync/platform-fetch";
import { slackWebhookUrlOf } from "../config";
import { slackMessageOf, type SlackButton } from "./blocks";
import { webApiFailure, webhookFailure } from "./errors";

/** Slack's commercial Web API; `config.apiUrl` names another (GovSlack, or the fake in tests). */
export const SLACK_API_URL = "https://slack.com/api/";

/** The stored Slack config as read here (secrets apart); the full schema is ../config.ts. */
export type SlackNotifyConfig = { channel?: string; username?: string; apiUrl?: string };

export type SlackSendInput = {
  config: SlackNotifyConfig;
  /** The integration's decrypted secrets: `botToken`, or `webhookUrl` / `webhook_url`. */
  secrets: Readonly<Record<string, string>>;
  content: NotificationContent;
  /** The channel to post in (id or "#name"); the config's `channel` when left out. Bot only. */
  channel?: string;
  /** Reply in the thread of this message (its ts). Bot only. */
  threadTs?: string;
  /** Replace this message (its ts) instead of posting a new one; `channel` must then be the channel's id. Bot only. */
  updateTs?: string;
  buttons?: SlackButton[];
};

/**
 * Sends a notification to Slack, as the app's bot when the integration has a bot token (a
 * channel of our choosing, threads, updates, buttons), otherwise through its incoming webhook.
 * Both go through platformFetch, the guarded transport: the admin chooses apiUrl and the webhook
 * URL, so private and loopback addresses are refused unless the operator allow-listed them. Both
 * Slack libraries take a `fetch`, so nothing calls Slack around them. Their own retries are off:
 * the durable runtime retries (a NotificationSendError says whether and when).
 */
export async function sendSlackNotification(input: SlackSendInput): Promise<SendOutcome> {
  if (input.secrets.botToken) return sendAsBot(input, input.secrets.botToken);
  const webhookUrl = slackWebhookUrlOf(input.secrets);
  if (webhookUrl) return sendByWebhook(input, webhookUrl);
  throw new NotificationSendError("The Slack integration has neither a botToken nor a webhookUrl to send with", { permanent: true });
}

/**
 * A client for the integration's bot: its own retries off, and a 429 handed back to us rather than
 * slept on. Kept per API root and token (a client holds no per-call state, and making one per
 * message was a measurable part of sending it: bench:notify).
 */
export function slackBotClient(config: SlackNotifyConfig, botToken: string): WebClient {
  const key = `${config.apiUrl ?? ""} ${botToken}`;
  let client = botClients.get(key);
  if (!client) {
    if (botClients.size >= MAX_CACHED_CLIENTS) botClients.delete(botClients.keys().next().value!);
    client = newBotClient(config, botToken);
    botClients.set(key, client);
  }
  return client;
}

const MAX_CACHED_CLIENTS = 200;
const botClients = new Map<string, WebClient>();

function newBotClient(config: SlackNotifyConfig, botToken: string): WebClient {
  return new WebClient(botToken, {
    slackApiUrl: config.apiUrl ? `${config.apiUrl.replace(/\/+$/, "")}/` : SLACK_API_URL,
    fetch: platformFetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Only method names are called; an absolute URL would bypass apiUrl.
    allowAbsoluteUrls: false,
    // Its warnings repeat the failures we turn into NotificationSendErrors.
    logLevel: LogLevel.ERROR,
  });
}

async function sendAsBot(input: SlackSendInput, botToken: string): Promise<SendOutcome> {
  const channel = input.channel ?? input.config.channel;
  if (!channel) throw new NotificationSendError("No Slack channel to post in: set channel in the integration's config or the rule's destination", { permanent: true });
  const { text, blocks } = slackMessageOf(input.content, { buttons: input.buttons });
  const client = slackBotClient(input.config, botToken);
  try {
    if (input.updateTs) {
      const updated = await client.chat.update({ channel, ts: input.updateTs, text, blocks });
      return { providerMessageId: updated.ts ?? input.updateTs, conversationId: updated.channel ?? channel, answer: "ok (updated)" };
    }
    const posted = await client.chat.postMessage({
      channel,
      text,
      blocks,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      ...(input.config.username ? { username: input.config.username } : {}),
    });
    return { providerMessageId: posted.ts ?? null, conversationId: posted.channel ?? null, answer: "ok" };
  } catch (error) {
    throw webApiFailure(error);
  }
}

/**
 * An incoming webhook posts to the one channel it was made for: it cannot choose another, reply
 * in a thread or update a message, and Slack answers a bare "ok" without the message's ts — so
 * the outcome has no providerMessageId and follow-ups about the same subject are new messages.
 */
async function sendByWebhook(input: SlackSendInput, webhookUrl: string): Promise<SendOutcome> {
  if (input.threadTs || input.updateTs) {
    throw new NotificationSendError("An incoming webhook cannot reply in a thread or update a message: give the integration a botToken", { permanent: true });
  }
  let retryAfter: string | null = null;
  // @slack/webhook keeps no headers of a refused answer; Retry-After is read on the way.
  const fetchKeepingRetryAfter: typeof fetch = async (url, init) => {
    const response = await platformFetch(url, init);
    retryAfter = response.headers.get("retry-after");
    return response;
  };
  const { text, blocks } = slackMessageOf(input.content, { buttons: input.buttons });
  const webhook = new IncomingWebhook(webhookUrl, { fetch: fetchKeepingRetryAfter, retryConfig: { retries: 0 }, ...(input.config.username ? { username: input.config.username } : {}) });
  try {
    const result = await webhook.send({ text, blocks });
    return { providerMessageId: null, conversationId: null, answer: `200 ${result.text}`.slice(0, 200) };
  } catch (error) {
    throw webhookFailure(error, retryAfter);
  }
}
