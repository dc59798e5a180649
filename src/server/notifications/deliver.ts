import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { scopedDb } from "@/server/db/scoped";
import { publishEvent } from "@/server/events/publish-event";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { jsonbSafeText } from "@/server/inbound/jsonb-safe";
import { nextRetryDelayMs } from "@/server/webhooks/rules/retry-schedule";
import { isNotificationSendError, type NotificationContent, type SendOutcome } from "./channel";
import { channelCache, sendThroughChannel, type ChannelCache } from "./channels";
import { digestContent } from "./content";
import { readThreads, subjectKeyOf } from "./threads";

/**
 * One attempt of each message in a dispatched group (as webhook deliveries are: the message row
 * holds attempts, next attempt and dispatch, so there are no runtime steps to store). A message
 * whose dispatch moved on (retried meanwhile) or that is no longer pending is left alone.
 *
 * Outcomes: sent → SENT with the platform's answer, and a failing rule is active again; a
 * permanent refusal → FAILED and the rule FAILING with the platform's words; anything else is
 * queued again after a growing wait (or the platform's Retry-After), up to RETRY_SCHEDULE.
 */
export type MessageRef = { id: string; dispatch: number };

/** Seconds to wait after the 1st, 2nd, … failed attempt: about a day and a half in all. */
export const RETRY_SCHEDULE_SECONDS = [10, 30, 120, 600, 1_800, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600, 12 * 3_600];

/** Sends in flight at once per group; messages about one record (one thread) still go one after the other. */
const MAX_PARALLEL_SENDS = 16;

type PendingMessage = Prisma.NotificationMessageGetPayload<{ include: { rule: true } }>;

export async function deliverNotifications(input: { dataspaceId: string; messages: MessageRef[] }): Promise<{ sent: number; failed: number; retrying: number }> {
  const outcome = { sent: 0, failed: 0, retrying: 0 };
  const tdb = scopedDb(input.dataspaceId);
  const wanted = new Map(input.messages.map((ref) => [ref.id, ref.dispatch]));
  // Not "queuedAt: null": the dispatcher hands a group over before its own commit unqueues it
  // (its row locks make this run's writes wait for that commit).
  const rows = await tdb.notificationMessage.findMany({ where: { id: { in: [...wanted.keys()] }, status: "PENDING" }, include: { rule: true }, orderBy: { id: "asc" } });
  const live = rows.filter((row) => row.dispatch === wanted.get(row.id));
  const lanes = new Map<string, PendingMessage[]>();
  const threaded: { ruleId: string; subjectKey: string }[] = [];
  for (const row of live) {
    const subject = (row.content as { subject?: { kind: string; id: string } | null }).subject;
    const lane = subject ? `${row.ruleId}:${subjectKeyOf(subject)}` : row.id;
    if (subject && row.rule.channel === "SLACK" && !lanes.has(lane)) threaded.push({ ruleId: row.ruleId, subjectKey: subjectKeyOf(subject) });
    lanes.set(lane, [...(lanes.get(lane) ?? []), row]);
  }
  const channels = channelCache(tdb, await readThreads(tdb, threaded));
  const queue = [...lanes.values()];
  await Promise.all(
    Array.from({ length: Math.min(MAX_PARALLEL_SENDS, queue.length) }, async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const message of lane) {
          const result = await deliverOne(tdb, message, channels);
          if (result) outcome[result]++;
        }
      }
    }),
  );
  return outcome;
}

async function deliverOne(tdb: ReturnType<typeof scopedDb>, message: PendingMessage, channels: ChannelCache): Promise<"sent" | "failed" | "retrying" | null> {
  const content = message.digestKey ? await digestOf(tdb, message) : (message.content as unknown as NotificationContent);
  if (!content) {
    await tdb.notificationMessage.update({ where: { id: message.id }, data: { status: "SENT", completedAt: new Date(), providerAnswer: "Nothing to send: no event was folded" } });
    return null;
  }
  const attemptAt = new Date();
  try {
    const sent: SendOutcome = await sendThroughChannel(tdb, message.rule, content, { isTest: message.isTest, channels });
    await tdb.notificationMessage.update({
      where: { id: message.id },
      data: {
        status: "SENT",
        attemptCount: { increment: 1 },
        lastAttemptAt: attemptAt,
        completedAt: new Date(),
        providerMessageId: sent.providerMessageId,
        conversationId: sent.conversationId,
        providerAnswer: jsonbSafeText(sent.answer.slice(0, 500)),
        lastError: null,
      },
    });
    if (message.rule.state === "FAILING" && !message.isTest) await tdb.notificationRule.update({ where: { id: message.ruleId }, data: { state: "ACTIVE", lastError: null } });
    return "sent";
  } catch (error) {
    const text = jsonbSafeText((error as Error).message.slice(0, 2_000));
    const permanent = isNotificationSendError(error) ? error.permanent : false;
    const retryAfterMs = isNotificationSendError(error) ? error.retryAfterMs : null;
    const attempts = message.attemptCount + 1;
    const delay = permanent ? null : nextRetryDelayMs({ scheduleSeconds: RETRY_SCHEDULE_SECONDS, attemptsMade: attempts, retryAfterMs });
    if (delay !== null) {
      await tdb.notificationMessage.update({
        where: { id: message.id },
        data: { attemptCount: attempts, lastAttemptAt: attemptAt, lastError: `${text} (will retry)`, queuedAt: new Date(Date.now() + delay), dispatch: { increment: 1 } },
      });
      return "retrying";
    }
    const why = permanent ? text : `Gave up after ${attempts} attempts: ${text}`;
    await tdb.notificationMessage.update({ where: { id: message.id }, data: { status: "FAILED", attemptCount: attempts, lastAttemptAt: attemptAt, completedAt: new Date(), lastError: why } });
    // A test message tells the person who sent it; the rule's state is about its real messages.
    if (!message.isTest) await markFailing(tdb, message.rule, why);
    return "failed";
  }
}

/** The digest of a throttled minute, counted now: the events folded into it. */
async function digestOf(
  tdb: ReturnType<typeof scopedDb>,
  message: { ruleId: string; window: Date | null; rule: { name: string } },
): Promise<NotificationContent | null> {
  if (!message.window) return null;
  const folded = await tdb.notificationMessage.groupBy({ by: ["eventType"], where: { ruleId: message.ruleId, window: message.window, status: "FOLDED" }, _count: { _all: true } });
  const count = folded.reduce((sum, row) => sum + row._count._all, 0);
  if (count === 0) return null;
  return digestContent({
    ruleName: message.rule.name,
    count,
    eventTypes: folded.sort((a, b) => b._count._all - a._count._all).map((row) => row.eventType),
    since: message.window,
    until: new Date(message.window.getTime() + 60_000),
    url: null,
  });
}

/** When the runtime gives up on a group (its own retries exhausted), its pending messages say so. */
export async function markNotificationsAbandoned(input: { dataspaceId: string; messages: MessageRef[] }, error: string) {
  const tdb = scopedDb(input.dataspaceId);
  for (const ref of input.messages) {
    await tdb.notificationMessage.updateMany({
      where: { id: ref.id, dispatch: ref.dispatch, status: "PENDING" },
      data: { status: "FAILED", completedAt: new Date(), lastError: `Gave up: ${error}` },
    });
  }
}

/**
 * The rule is failing: it says why, and its turning failing (not every failure after) is an event,
 * `notification_rule.failing`, that another rule can take to the admins.
 */
async function markFailing(tdb: ReturnType<typeof scopedDb>, rule: { id: string; dataspaceId: string; name: string; channel: string }, why: string): Promise<void> {
  const now = new Date();
  await transactionWithEvents(tdb, async (tx) => {
    const { count } = await tx.notificationRule.updateMany({ where: { id: rule.id, state: "ACTIVE" }, data: { state: "FAILING", lastError: why, lastErrorAt: now } });
    if (count === 0) {
      await tx.notificationRule.updateMany({ where: { id: rule.id }, data: { lastError: why, lastErrorAt: now } });
      return;
    }
    const { slug } = await tx.dataspace.findFirstOrThrow({ select: { slug: true } });
    await publishEvent(tx, rule.dataspaceId, "notification_rule.failing", {
      uuid: rule.id,
      name: rule.name,
      channel: rule.channel.toLowerCase() as "slack" | "teams" | "email",
      last_error: why,
      failing_since: now.toISOString(),
      dashboard_url: `${appUrl()}/d/${slug}/notifications/${rule.id}`,
    });
  });
}
