import { scopedDb } from "@/server/db/scoped";
import { mailConfigured } from "@/server/mail/transport";
import { matchesEventPattern } from "@/server/webhooks/rules";
import { contentOf, type EventForContent } from "./content";
import { recipientsOf, sendEmailNotification } from "./email-channel";

/**
 * The operational notices a dataspace hears of without any rule: a webhook endpoint paused or
 * disabled, an issue sync that failed, a notification rule failing. When this Switchboard has
 * SMTP set up, each mails the dataspace's owners and admins — unless an active notification rule
 * of the dataspace takes the event's type, in which case the admins chose where it goes (a Slack
 * channel, other recipients) and that rule alone sends it.
 */
export const DEFAULT_NOTICE_TYPES = ["webhook_endpoint.paused", "webhook_endpoint.disabled", "issue_sync.failed", "notification_rule.failing"] as const;

export type DefaultNoticeOutcome = { mailed: string[]; answer: string } | { skipped: string };

export async function mailDefaultNotice(event: EventForContent & { dataspaceId: string }): Promise<DefaultNoticeOutcome> {
  if (!mailConfigured()) return { skipped: "no mail server is set up (SMTP_URL)" };
  const tdb = scopedDb(event.dataspaceId);
  const rules = await tdb.notificationRule.findMany({ where: { isActive: true }, select: { eventTypes: true } });
  if (rules.some((rule) => matchesEventPattern(rule.eventTypes, event.type))) return { skipped: "a notification rule of the dataspace takes this event" };
  const to = await recipientsOf(tdb, { roles: ["OWNER", "ADMIN"] });
  if (to.length === 0) return { skipped: "the dataspace has no owner or admin to mail" };
  const { answer } = await sendEmailNotification(to, contentOf(event, null, { id: "default-notice", channel: "EMAIL" }));
  return { mailed: to, answer };
}
