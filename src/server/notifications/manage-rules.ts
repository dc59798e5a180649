import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { AppError, badRequest, notFound } from "@/server/errors";
import { signalOutbox } from "@/server/events/outbox-signal";
import { loadIntegrationSecrets } from "@/server/integrations/manage/secrets-store";
import { afterTimeKey, decodeTimeCursor, timePage, type Page } from "@/server/pagination/cursor";
import type { NotificationContent } from "./channel";
import { destinationFor, type CreateRuleInput, type UpdateRuleInput } from "./rule.schema";
import { serializeMessage, serializeRule, type SerializedMessage, type SerializedRule } from "./serialize";

/**
 * Notification rules: admins manage them (they send the dataspace's events to outside places);
 * every member may read them and their message log. One domain for tRPC and REST.
 */

const INTEGRATION_OF_CHANNEL = { SLACK: "SLACK", TEAMS: "MS_TEAMS" } as const;

/** What the database must confirm: the integration is this dataspace's, of the channel's kind, and can do what the rule asks. */
async function checkedTarget(ctx: TenantContext, rule: { channel: CreateRuleInput["channel"]; integrationId: string | null; destination: unknown }) {
  const destination = destinationFor(rule.channel, rule.destination);
  if (rule.channel === "EMAIL") {
    if (rule.integrationId) throw badRequest("integration: an email rule sends through SMTP, not an integration; leave it out", { integrationId: ["leave it out for email"] });
    return destination;
  }
  if (!rule.integrationId) throw badRequest(`integration: a ${rule.channel === "SLACK" ? "Slack" : "Microsoft Teams"} rule needs the integration to send through`, { integrationId: ["required"] });
  const integration = await ctx.db.integration.findFirst({ where: { id: rule.integrationId }, select: { id: true, type: true, name: true } });
  if (!integration) throw badRequest("integration: no such integration in this dataspace", { integrationId: ["no such integration"] });
  if (integration.type !== INTEGRATION_OF_CHANNEL[rule.channel]) {
    throw badRequest(`integration: "${integration.name}" is not a ${rule.channel === "SLACK" ? "Slack" : "Microsoft Teams"} integration`, { integrationId: ["wrong kind"] });
  }
  const secrets = await loadIntegrationSecrets(ctx.db, integration.id);
  if (rule.channel === "SLACK") {
    if (!secrets.botToken && !(secrets.webhookUrl ?? secrets.webhook_url)) throw badRequest(`integration: "${integration.name}" has neither a bot token nor an incoming-webhook URL to post with`);
    if (destination.channel && !secrets.botToken) throw badRequest(`destination.channel: choosing a channel needs a bot token on "${integration.name}"; an incoming webhook posts to its own channel`);
  }
  if (rule.channel === "TEAMS" && !secrets.webhookUrl) throw badRequest(`integration: "${integration.name}" has no Workflows webhook URL to post to`);
  return destination;
}

export async function listNotificationRules(ctx: TenantContext, input: { limit?: number; cursor?: string } = {}): Promise<Page<SerializedRule>> {
  const rows = await ctx.db.notificationRule.findMany({
    where: afterTimeKey("createdAt", decodeTimeCursor(input.cursor, "notification-rules:createdAt"), "asc"),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(input.limit !== undefined ? { take: input.limit + 1 } : {}),
  });
  return timePage(rows, input.limit, (row) => row.createdAt, serializeRule, "notification-rules:createdAt");
}

export async function getNotificationRule(ctx: TenantContext, id: string): Promise<SerializedRule> {
  const row = await ctx.db.notificationRule.findFirst({ where: { id } });
  if (!row) throw notFound("Notification rule");
  return serializeRule(row);
}

const json = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

export async function createNotificationRule(ctx: TenantContext, input: CreateRuleInput): Promise<SerializedRule> {
  requireRole(ctx.actor, "ADMIN");
  const destination = await checkedTarget(ctx, input);
  const row = await ctx.db.notificationRule.create({
    data: {
      dataspaceId: ctx.dataspace.id,
      name: input.name,
      isActive: input.isActive,
      eventTypes: input.eventTypes,
      filter: input.filter,
      channel: input.channel,
      integrationId: input.integrationId,
      destination: destination as Prisma.InputJsonValue,
      template: json(input.template),
      quietHours: json(input.quietHours),
      throttlePerMinute: input.throttlePerMinute,
    },
  });
  return serializeRule(row);
}

export async function updateNotificationRule(ctx: TenantContext, id: string, input: UpdateRuleInput, options: { precondition?: (current: SerializedRule) => void } = {}): Promise<SerializedRule> {
  requireRole(ctx.actor, "ADMIN");
  const current = await ctx.db.notificationRule.findFirst({ where: { id } });
  if (!current) throw notFound("Notification rule");
  options.precondition?.(serializeRule(current));
  const channel = input.channel ?? current.channel;
  const integrationId = input.integrationId !== undefined ? input.integrationId : channel === "EMAIL" ? null : current.integrationId;
  const destination = await checkedTarget(ctx, { channel, integrationId, destination: input.destination ?? (input.channel && input.channel !== current.channel ? {} : current.destination) });
  const row = await ctx.db.notificationRule.update({
    where: { id },
    data: {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.isActive !== undefined && { isActive: input.isActive }),
      ...(input.eventTypes !== undefined && { eventTypes: input.eventTypes }),
      ...(input.filter !== undefined && { filter: input.filter }),
      ...(input.template !== undefined && { template: json(input.template) }),
      ...(input.quietHours !== undefined && { quietHours: json(input.quietHours) }),
      ...(input.throttlePerMinute !== undefined && { throttlePerMinute: input.throttlePerMinute }),
      channel,
      integrationId,
      destination: destination as Prisma.InputJsonValue,
    },
  });
  return serializeRule(row);
}

export async function deleteNotificationRule(ctx: TenantContext, id: string): Promise<void> {
  requireRole(ctx.actor, "ADMIN");
  const { count } = await ctx.db.notificationRule.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Notification rule");
}

/** "Send test notification": a message like the rule's real ones, sent now through its channel; its outcome shows in the log. */
export async function sendTestNotification(ctx: TenantContext, id: string): Promise<SerializedMessage> {
  requireRole(ctx.actor, "ADMIN");
  const rule = await ctx.db.notificationRule.findFirst({ where: { id } });
  if (!rule) throw notFound("Notification rule");
  const content: NotificationContent = {
    eventType: "test",
    title: `Test notification from Switchboard: “${rule.name}”`,
    text: `An admin of ${ctx.dataspace.name} sent this to check where the rule's messages go. Real messages follow its events: ${rule.eventTypes.join(", ")}.`,
    facts: [{ name: "Dataspace", value: ctx.dataspace.name }],
    url: null,
    tone: "info",
    subject: null,
  };
  const row = await ctx.db.notificationMessage.create({
    data: { dataspaceId: ctx.dataspace.id, ruleId: rule.id, eventType: "test", isTest: true, content: content as unknown as Prisma.InputJsonValue },
  });
  signalOutbox();
  return serializeMessage(row);
}

/** The rule's messages, newest first, keyset-paginated. */
export async function listNotificationMessages(ctx: TenantContext, ruleId: string, input: { limit?: number; cursor?: string; status?: "PENDING" | "SENT" | "FAILED" | "FOLDED" }): Promise<Page<SerializedMessage>> {
  const rule = await ctx.db.notificationRule.findFirst({ where: { id: ruleId }, select: { id: true } });
  if (!rule) throw notFound("Notification rule");
  const limit = input.limit ?? 50;
  if (limit < 1 || limit > 200) throw new AppError("BAD_REQUEST", "limit: between 1 and 200");
  const rows = await ctx.db.notificationMessage.findMany({
    where: { ruleId, ...(input.status && { status: input.status }), ...afterTimeKey("createdAt", decodeTimeCursor(input.cursor, "notification-messages:createdAt"), "desc") },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  return timePage(rows, limit, (row) => row.createdAt, serializeMessage, "notification-messages:createdAt");
}
