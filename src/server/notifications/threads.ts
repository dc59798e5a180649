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
export type KnownThread = { id: string; conversationId: string; rootTs: string };
/** Threads a delivery group read at once, by `<ruleId> <subjectKey>` (null: known to have none); kept up to date here. */
export type KnownThreads = Map<string, KnownThread | null>;

export const subjectKeyOf = (subject: { kind: string; id: string }) => `${subject.kind}:${subject.id}`;

/** The threads of these (rule, record) pairs, in one query. */
export async function readThreads(tdb: TenantDb, pairs: { ruleId: string; subjectKey: string }[]): Promise<KnownThreads> {
  const known: KnownThreads = new Map(pairs.map((pair) => [`${pair.ruleId} ${pair.subjectKey}`, null]));
  if (pairs.length === 0) return known;
  const rows = await tdb.notificationThread.findMany({
    where: { ruleId: { in: [...new Set(pairs.map((p) => p.ruleId))] }, subjectKey: { in: [...new Set(pairs.map((p) => p.subjectKey))] } },
    select: { id: true, ruleId: true, subjectKey: true, conversationId: true, rootTs: true },
  });
  for (const row of rows) if (known.has(`${row.ruleId} ${row.subjectKey}`)) known.set(`${row.ruleId} ${row.subjectKey}`, row);
  return known;
}

export async function sendInSlackThread(tdb: TenantDb, rule: { id: string; dataspaceId: string }, input: SlackSendInput, known: KnownThreads = new Map()): Promise<SendOutcome> {
  const subjectKey = subjectKeyOf(input.content.subject!);
  const cacheKey = `${rule.id} ${subjectKey}`;
  const thread = known.has(cacheKey) ? known.get(cacheKey)! : await tdb.notificationThread.findFirst({ where: { ruleId: rule.id, subjectKey }, select: { id: true, conversationId: true, rootTs: true } });
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
      known.delete(cacheKey);
    }
  }
  const first = await sendSlackNotification(input);
  if (first.providerMessageId && first.conversationId) {
    await tdb.notificationThread.createMany({
      data: [{ dataspaceId: rule.dataspaceId, ruleId: rule.id, subjectKey, conversationId: first.conversationId, rootTs: first.providerMessageId }],
      skipDuplicates: true, // another run started the thread meanwhile: this message stays on its own
    });
    known.delete(cacheKey); // read again by the next message about it (its id is the database's)
  }
  return first;
}
