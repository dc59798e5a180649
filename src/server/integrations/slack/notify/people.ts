import type { ViewsOpenArguments } from "@slack/web-api";
import { webApiFailure } from "./errors";
import { slackBotClient, type SlackNotifyConfig } from "./send";

/**
 * What a button click needs of Slack besides the message: who clicked (their email, to find the
 * Switchboard member with the same one), a word back only they see (an ephemeral message) when
 * they may not do what they clicked, and a modal to type in. Bot token only; a failure is a
 * NotificationSendError.
 */

export type SlackModal = Extract<ViewsOpenArguments["view"], { type: "modal" }>;

/** The email of Slack user `userId`, or null when Slack shows none (a bot, or a token without users:read.email). */
export async function slackUserEmail(input: { config: SlackNotifyConfig; botToken: string; userId: string }): Promise<string | null> {
  try {
    const answer = await slackBotClient(input.config, input.botToken).users.info({ user: input.userId });
    return answer.user?.profile?.email ?? null;
  } catch (error) {
    throw webApiFailure(error);
  }
}

/** Tells `userId` something in `channel` that no one else sees (e.g. why their click did nothing). */
export async function sendSlackEphemeral(input: { config: SlackNotifyConfig; botToken: string; channel: string; userId: string; text: string; threadTs?: string }): Promise<void> {
  try {
    await slackBotClient(input.config, input.botToken).chat.postEphemeral({
      channel: input.channel,
      user: input.userId,
      text: input.text,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    });
  } catch (error) {
    throw webApiFailure(error);
  }
}

/**
 * Opens `view` as a modal for the person whose interaction carried `triggerId`. Slack takes a
 * trigger_id once, and only within 3 seconds of the interaction (`expired_trigger_id` after).
 * Returns the view's id.
 */
export async function openSlackModal(input: { config: SlackNotifyConfig; botToken: string; triggerId: string; view: SlackModal }): Promise<string | null> {
  try {
    const answer = await slackBotClient(input.config, input.botToken).views.open({ trigger_id: input.triggerId, view: input.view });
    return answer.view?.id ?? null;
  } catch (error) {
    throw webApiFailure(error);
  }
}
