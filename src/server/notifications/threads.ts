import type { TenantDb } from "@/server/dataspaces/tenant-context";
import { sendSlackNotification, type SlackSendInput } from "@/server/integrations/slack/notify/send";
import { isNotificationSendError, type SendOutcome } from "./channel";

/**
 * Threads for Slack bot rules: the first message about a record (an alert, an incident, a
 * request) starts a thread; each later one about it is a reply in that thread, and the first
 * message is edited to show the record as it is now ("Alert resolved: …"). An incoming webhook
 * cannot do either, so those rules post every message on its own.
 *
 * The reply is what the message is: if the edit of the first message fails, the reply still went
 * through, and retrying would post it twice — so the edit's failure is only noted in the answer.
 */
export async function sendInSlackThread(tdb: TenantDb, rule: { id: string; dataspaceId: string }, input: SlackSendInput): Promise<SendOutcome> {
  const subject = input.content.subject!;
  const subjectKey = `${subject.kind}:${subject.id}`;
  const thread = await tdb.notificationThread.findFirst({ where: { ruleId: rule.id, subjectKey } });
  if (thread) {
    try {
      const reply = await sendSlackNotification({ ...input, channel: thread.conversationId, threadTs: thread.rootTs });
      const edited = await sendSlackNotification({ ...input, channel: thread.conversationId, updateTs: thread.rootTs }).then(
        () => "first message updated",
        (error: Error) => `first message not updated: ${error.message}`,
      );
      return { ...reply, answer: `${reply.answer} (in thread ${thread.rootTs}; ${edited})` };
    } catch (error) {
      // The first message was deleted: start again with a new one.
      if (!(isNotificationSendError(error) && /thread_not_found|message_not_found/.test(error.message))) throw error;
      await tdb.notificationThread.deleteMany({ where: { id: thread.id } });
    }
  }
  const first = await sendSlackNotification(input);
  if (first.providerMessageId && first.conversationId) {
    await tdb.notificationThread.createMany({
      data: [{ dataspaceId: rule.dataspaceId, ruleId: rule.id, subjectKey, conversationId: first.conversationId, rootTs: first.providerMessageId }],
      skipDuplicates: true, // another run started the thread meanwhile: this message stays on its own
    });
  }
  return first;
}
