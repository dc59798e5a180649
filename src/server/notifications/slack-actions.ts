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

/**
 * Buttons on a Slack bot's messages about an alert (Acknowledge, Resolve), and what a click does.
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
  if (subject?.kind !== "alert") return [];
  const value = `alert:${subject.id}`;
  const buttons: SlackButton[] = [];
  if (subject.state === "triggered") buttons.push({ actionId: `${ACTION_PREFIX}acknowledge`, text: "Acknowledge", value, style: "primary" });
  if (subject.state !== "resolved") buttons.push({ actionId: `${ACTION_PREFIX}resolve`, text: "Resolve", value });
  return buttons;
}

type Click = { action: Action; alertId: string; slackUser: string; channel: string | null; threadTs: string | null };

/** The Switchboard action a Slack interaction asks for, or null when it is not one of our buttons. */
export function slackClickOf(payload: unknown): Click | null {
  if (str(payload, "type") !== "block_actions") return null;
  const actions = (payload as { actions?: unknown }).actions;
  const first = Array.isArray(actions) ? (actions[0] as unknown) : null;
  const actionId = str(first, "action_id") ?? "";
  const action = actionId.startsWith(ACTION_PREFIX) ? actionId.slice(ACTION_PREFIX.length) : "";
  const [kind, alertId] = (str(first, "value") ?? "").split(":");
  const slackUser = str(payload, "user.id");
  if ((action !== "acknowledge" && action !== "resolve") || kind !== "alert" || !alertId || !slackUser) return null;
  return { action, alertId, slackUser, channel: str(payload, "channel.id") ?? str(payload, "container.channel_id") ?? null, threadTs: str(payload, "container.message_ts") ?? null };
}

/** Performs a click; the line for the delivery's log. Throws only what is worth retrying (Slack or the database unreachable). */
export async function performSlackClick(dataspace: { id: string; slug: string; name: string }, integration: { id: string; config: unknown }, click: Click): Promise<string> {
  const tdb = scopedDb(dataspace.id);
  const secrets = await loadIntegrationSecrets(tdb, integration.id);
  const config = (integration.config ?? {}) as SlackNotifyConfig;
  if (!secrets.botToken) return "Slack button ignored: the integration has no bot token to look the user up with";
  // Telling them is a courtesy: when Slack will not show it (they left the channel), the click is still done with.
  const tell = async (text: string) => {
    if (!click.channel) return;
    await sendSlackEphemeral({ config, botToken: secrets.botToken, channel: click.channel, userId: click.slackUser, text, threadTs: click.threadTs ?? undefined }).catch((error: Error) => {
      if (!(isNotificationSendError(error) && error.permanent)) throw error;
    });
  };
  const email = await slackUserEmail({ config, botToken: secrets.botToken, userId: click.slackUser });
  const membership = email
    ? await tdb.membership.findFirst({ where: { user: { email: email.toLowerCase() } }, select: { userId: true, role: true, user: { select: { email: true } } } })
    : null;
  if (!membership) {
    await tell(`Nothing was done: no member of ${dataspace.name} on Switchboard has ${email ? `the email ${email}` : "your Slack account's email"}. Ask an admin to invite you.`);
    return `Slack button by ${click.slackUser} refused: ${email ? `no member with ${email}` : "Slack shows no email for the user"}`;
  }
  const ctx: TenantContext = { db: tdb, dataspace, actor: { userId: membership.userId, role: membership.role } };
  try {
    if (click.action === "acknowledge") await acknowledgeAlert(ctx, { id: click.alertId });
    else await resolveAlert(ctx, { id: click.alertId });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const why = error.code === "FORBIDDEN" ? `your role in ${dataspace.name} (${membership.role.toLowerCase()}) may not ${click.action} alerts` : error.message;
    await tell(`Nothing was done: ${why}.`);
    return `Slack button by ${membership.user.email} refused: ${why}`;
  }
  return `Slack: ${membership.user.email} ${click.action === "acknowledge" ? "acknowledged" : "resolved"} alert ${click.alertId}`;
}
