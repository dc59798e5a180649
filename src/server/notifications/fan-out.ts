import type { Prisma } from "@/generated/prisma/client";
import { filterMatches, matchesEventPattern } from "@/server/webhooks/rules";
import { contentOf, type MessageTemplate } from "./content";
import { quietUntil } from "./quiet-hours";
import type { QuietHours } from "./rule.schema";

/**
 * Fan-out: one message per (event, matching rule), written in the outbox relay's transaction, as
 * webhook deliveries are (webhooks/deliveries/fan-out.ts), so an event is marked relayed exactly
 * when its messages exist; idempotent on (rule, event).
 *
 * The throttle is decided here too: a rule with `throttlePerMinute` N sends at most N messages
 * in a minute; the others are stored FOLDED and its one digest for that minute is queued for the
 * minute's end. The rule rows are locked for the count, so two relays at once cannot both take
 * the last place. Quiet hours queue a message for their end instead of now.
 */
export type NotifiedEvent = { id: string; type: string; data: unknown; dataspaceId: string; createdAt: Date; actorId?: string | null };

type Rule = Prisma.NotificationRuleGetPayload<object>;
export type RulesByDataspace = ReadonlyMap<string, Rule[]>;

/** Every active rule of these dataspaces: read once per relay batch. */
export async function activeNotificationRules(tx: Prisma.TransactionClient, dataspaceIds: readonly string[]): Promise<RulesByDataspace> {
  const rules = await tx.notificationRule.findMany({ where: { dataspaceId: { in: [...new Set(dataspaceIds)] }, isActive: true }, orderBy: { createdAt: "asc" } });
  const byDataspace = new Map<string, Rule[]>();
  for (const rule of rules) byDataspace.set(rule.dataspaceId, [...(byDataspace.get(rule.dataspaceId) ?? []), rule]);
  return byDataspace;
}

/** Whether any active rule of the event's dataspace takes its type (the relay then reads its payload). */
export function wantedByRules(rules: RulesByDataspace, event: { type: string; dataspaceId: string }): boolean {
  return (rules.get(event.dataspaceId) ?? []).some((rule) => matchesEventPattern(rule.eventTypes, event.type));
}

export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

export async function planNotifications(tx: Prisma.TransactionClient, events: readonly NotifiedEvent[], rules: RulesByDataspace, now = new Date()): Promise<number> {
  const matches: { rule: Rule; event: NotifiedEvent }[] = [];
  for (const event of events) {
    for (const rule of rules.get(event.dataspaceId) ?? []) {
      if (!matchesEventPattern(rule.eventTypes, event.type)) continue;
      const variables = { event: { id: event.id, type: event.type, timestamp: event.createdAt.toISOString() }, data: event.data };
      if (!filterMatches(rule.filter, variables)) continue;
      matches.push({ rule, event });
    }
  }
  if (matches.length === 0) return 0;
  const window = minuteOf(now);
  const room = await throttleRoom(tx, [...new Set(matches.filter((m) => m.rule.throttlePerMinute !== null).map((m) => m.rule))], window);
  const rows: Prisma.NotificationMessageCreateManyInput[] = [];
  const digests = new Map<string, Prisma.NotificationMessageCreateManyInput>();
  for (const { rule, event } of matches) {
    const quiet = quietUntil(rule.quietHours as QuietHours | null, now);
    const base = { dataspaceId: rule.dataspaceId, ruleId: rule.id, eventId: event.id, eventType: event.type, window };
    const content = contentOf(event, rule.template as MessageTemplate | null, rule) as unknown as Prisma.InputJsonValue;
    const left = room.get(rule.id);
    if (left !== undefined && left <= 0) {
      rows.push({ ...base, content, status: "FOLDED", queuedAt: null, completedAt: now });
      const windowEnd = new Date(window.getTime() + 60_000);
      const due = quiet && quiet > windowEnd ? quiet : windowEnd;
      digests.set(rule.id, { dataspaceId: rule.dataspaceId, ruleId: rule.id, eventType: "digest", content: {}, window, digestKey: `${rule.id}:${window.toISOString()}`, queuedAt: due });
      continue;
    }
    if (left !== undefined) room.set(rule.id, left - 1);
    rows.push({ ...base, content, queuedAt: quiet ?? now });
  }
  const { count } = await tx.notificationMessage.createMany({ data: [...rows, ...digests.values()], skipDuplicates: true });
  return count;
}

/** How many more messages each throttled rule may send in `window`, its row locked meanwhile. */
async function throttleRoom(tx: Prisma.TransactionClient, rules: Rule[], window: Date): Promise<Map<string, number>> {
  const room = new Map<string, number>();
  if (rules.length === 0) return room;
  const ids = rules.map((rule) => rule.id);
  await tx.$queryRaw`SELECT id FROM "NotificationRule" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const counts = await tx.notificationMessage.groupBy({
    by: ["ruleId"],
    where: { ruleId: { in: ids }, window, digestKey: null, isTest: false, status: { not: "FOLDED" } },
    _count: { _all: true },
  });
  for (const rule of rules) room.set(rule.id, rule.throttlePerMinute! - (counts.find((c) => c.ruleId === rule.id)?._count._all ?? 0));
  return room;
}
