import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { notificationMail } from "@/server/mail/notification-mail";
import { sendMailWithAnswer } from "@/server/mail/transport";
import { NotificationSendError, type NotificationContent, type SendOutcome } from "./channel";
import type { MEMBER_ROLES } from "./rule.schema";

/** The addresses a rule mails: those it names, and the members of the dataspace with the roles it names. */
export async function recipientsOf(tdb: TenantDb, destination: { to?: string[]; roles?: (typeof MEMBER_ROLES)[number][] }): Promise<string[]> {
  const members = destination.roles?.length
    ? await tdb.membership.findMany({ where: { role: { in: destination.roles } }, select: { user: { select: { email: true } } } })
    : [];
  return [...new Set([...(destination.to ?? []), ...members.map((m) => m.user.email)].map((email) => email.toLowerCase()))].sort();
}

/**
 * Mails the notification through SMTP_URL. A 5xx answer is for good (no such mailbox, refused
 * sender); a 4xx, a connection failure or a timeout is tried again.
 */
export async function sendEmailNotification(to: string[], content: NotificationContent): Promise<SendOutcome> {
  if (to.length === 0) throw new NotificationSendError("No recipients: the rule names none, and no member has the roles it names", { permanent: true });
  let sent: Awaited<ReturnType<typeof sendMailWithAnswer>>;
  try {
    sent = await sendMailWithAnswer(notificationMail(to, content));
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const message = `The mail server refused the message: ${(error as Error).message}`;
    throw new NotificationSendError(message, { permanent: typeof code === "number" && code >= 500 });
  }
  if (!sent) throw new NotificationSendError("Email is not set up on this Switchboard: the operator sets SMTP_URL (and SMTP_FROM)", { permanent: true });
  return { providerMessageId: sent.messageId || null, conversationId: null, answer: sent.answer.slice(0, 500) };
}
