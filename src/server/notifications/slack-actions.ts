import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { scopedDb } from "@/server/db/scoped";
import { AppError } from "@/server/errors";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import type { SlackButton } from "@/server/integrations/slack/notify/blocks";
import { sendSlackEphemeral, slackUserEmail } from "@/server/integrations/slack/notify/people";
import type { SlackNotifyConfig } from "@/server/integrations/slack/notify/send";
import { str } from "@/server/integrations/shared/read";
import { acknowledgeAlert, resolveAlert } from "@/server/records/alerts/alert-status";
import { isNotificationSendError, type NotificationContent } from "./channel";
import { commentButtonFor, performSlackComment, slackCommentOf, type CommentInteraction } from "./slack-comments";

/**
 * Buttons on a Slack bot's messages about an alert (Acknowledge, Resolve) or a request (Comment,
 * see slack-comments.ts), and what a click does.
 * The click comes back through the Slack integration's inbound URL (verified like every Slack
 * delivery); processing it performs the action as the Switchboard member whose email is the
 * clicking Slack user's, with that member's role — so a viewer's click changes nothing. Whoever
 * cannot act gets a message only they see, saying why. Every outcome goes into the delivery's log.
 */
const ACTION_PREFIX = "switchboard:";
type Action = "acknowledge" | "resolve";

/** The buttons a message about `content`'s record gets: what can still be done to it. */
export function slackButtonsFor(content: NotificationContent): SlackButton[] {
  const subject = content.subject;
  const buttons: SlackButton[] = [];
  if (subject?.kind === "alert") {
    const value = `alert:${subject.id}`;
    if (subject.state === "triggered") buttons.push({ actionId: `${ACTION_PREFIX}acknowledge`, text: "Acknowledge", value, style: "primary" });
    if (subject.state !== "resolved") buttons.push({ actionId: `${ACTION_PREFIX}resolve`, text: "Resolve", value });
  }
  const comment = commentButtonFor(subject);
  if (comment) buttons.push(comment);
  return buttons;
}

type Click = { kind: "button"; action: Action; alertId: string; slackUser: string; channel: string | null; threadTs: string | null };
export type SlackInteraction = Click | CommentInteraction;

/**
 * The Switchboard action an inbound delivery asks for — a Slack interaction with one of our
 * messages (a click on our buttons, our comment modal submitted) — or null for any other delivery.
 */
export function notificationInteractionOf(integrationType: string, payload: unknown): SlackInteraction | null {
  if (integrationType !== "SLACK") return null;
  return slackClickOf(payload) ?? slackCommentOf(payload);
}

function slackClickOf(payload: unknown): Click | null {
  if (str(payload, "type") !== "block_actions") return null;
  const actions = (payload as { actions?: unknown }).actions;
  const first = Array.isArray(actions) ? (actions[0] as unknown) : null;
  const actionId = str(first, "action_id") ?? "";
  const action = actionId.startsWith(ACTION_PREFIX) ? actionId.slice(ACTION_PREFIX.length) : "";
  const [kind, alertId] = (str(first, "value") ?? "").split(":");
  const slackUser = str(payload, "user.id");
  if ((action !== "acknowledge" && action !== "resolve") || kind !== "alert" || !alertId || !slackUser) return null;
  return { kind: "button", action, alertId, slackUser, channel: str(payload, "channel.id") ?? str(payload, "container.channel_id") ?? null, threadTs: str(payload, "container.message_ts") ?? null };
}

/** The member an interaction is done as, and the way back to them in Slack. */
export type SlackActor = {
  ctx: TenantContext;
  email: string;
  slack: { config: SlackNotifyConfig; botToken: string };
  /** Tells them something no one else sees, in the channel (and thread) they acted in. */
  tell(text: string): Promise<void>;
};

/**
 * Performs an interaction; the line for the delivery's log. Throws only what is worth retrying
 * (Slack or the database unreachable). `delivery.receivedAt`: when the inbound URL took it.
 */
export async function performSlackInteraction(
  dataspace: { id: string; slug: string; name: string },
  integration: { id: string; config: unknown },
  interaction: SlackInteraction,
  delivery: { receivedAt: Date },
): Promise<string> {
  const tdb = scopedDb(dataspace.id);
  const secrets = await loadIntegrationSecrets(tdb, integration.id);
  const config = (integration.config ?? {}) as SlackNotifyConfig;
  const botToken = secrets.botToken;
  if (!botToken) return "Slack interaction ignored: the integration has no bot token to look the user up with";
  // Telling them is a courtesy: when Slack will not show it (they left the channel), the click is still done with.
  const tell = async (text: string) => {
    if (!interaction.channel) return;
    await sendSlackEphemeral({ config, botToken, channel: interaction.channel, userId: interaction.slackUser, text, threadTs: interaction.threadTs ?? undefined }).catch((error: Error) => {
      if (!(isNotificationSendError(error) && error.permanent)) throw error;
    });
  };
  const email = await slackUserEmail({ config, botToken, userId: interaction.slackUser });
  const membership = email
    ? await tdb.membership.findFirst({ where: { user: { email: email.toLowerCase() } }, select: { userId: true, role: true, user: { select: { email: true } } } })
    : null;
  if (!membership) {
    await tell(`Nothing was done: no member of ${dataspace.name} on Switchboard has ${email ? `the email ${email}` : "your Slack account's email"}. Ask an admin to invite you.`);
    return `Slack ${interaction.kind === "comment" ? "comment" : "button"} by ${interaction.slackUser} refused: ${email ? `no member with ${email}` : "Slack shows no email for the user"}`;
  }
  const ctx: TenantContext = { db: tdb, dataspace, actor: { userId: membership.userId, role: membership.role } };
  const actor: SlackActor = { ctx, email: membership.user.email, slack: { config, botToken }, tell };
  if (interaction.kind !== "button") return performSlackComment(actor, interaction, delivery);
  try {
    if (interaction.action === "acknowledge") await acknowledgeAlert(ctx, { id: interaction.alertId });
    else await resolveAlert(ctx, { id: interaction.alertId });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const why = error.code === "FORBIDDEN" ? `your role in ${dataspace.name} (${membership.role.toLowerCase()}) may not ${interaction.action} alerts` : error.message;
    await tell(`Nothing was done: ${why}.`);
    return `Slack button by ${actor.email} refused: ${why}`;
  }
  return `Slack: ${actor.email} ${interaction.action === "acknowledge" ? "acknowledged" : "resolved"} alert ${interaction.alertId}`;
}
