import type { Prisma } from "@/generated/prisma/client";

/** A rule as the APIs show it (snake_case, as the REST API speaks; tRPC returns the same). */
export function serializeRule(row: Prisma.NotificationRuleGetPayload<object>) {
  return {
    uuid: row.id,
    name: row.name,
    is_active: row.isActive,
    events: row.eventTypes,
    filter: row.filter,
    channel: row.channel.toLowerCase() as "slack" | "teams" | "email",
    integration: row.integrationId,
    destination: row.destination as Record<string, unknown>,
    template: row.template as { title: string; text?: string } | null,
    quiet_hours: row.quietHours as { start: string; end: string; timeZone: string } | null,
    throttle_per_minute: row.throttlePerMinute,
    state: row.state.toLowerCase() as "active" | "failing",
    last_error: row.lastError,
    last_error_date: row.lastErrorAt?.toISOString() ?? null,
    created_date: row.createdAt.toISOString(),
    last_modified_date: row.updatedAt.toISOString(),
  };
}
export type SerializedRule = ReturnType<typeof serializeRule>;

export function serializeMessage(row: Prisma.NotificationMessageGetPayload<object>) {
  const content = row.content as { title?: string } | null;
  return {
    uuid: row.id,
    rule: row.ruleId,
    event: row.eventId,
    event_type: row.eventType,
    title: content?.title ?? null,
    status: row.status.toLowerCase() as "pending" | "sent" | "failed" | "folded",
    is_test: row.isTest,
    is_digest: row.digestKey !== null,
    attempts: row.attemptCount,
    provider_answer: row.providerAnswer,
    provider_message_id: row.providerMessageId,
    last_error: row.lastError,
    next_attempt_date: row.status === "PENDING" ? (row.queuedAt?.toISOString() ?? null) : null,
    completed_date: row.completedAt?.toISOString() ?? null,
    created_date: row.createdAt.toISOString(),
  };
}
export type SerializedMessage = ReturnType<typeof serializeMessage>;
