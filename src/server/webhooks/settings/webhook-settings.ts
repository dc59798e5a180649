import { z } from "zod";
import { requireRole } from "@/server/dataspaces/roles";
import type { TenantContext, TenantDb } from "@/server/dataspaces/tenant-context";
import { checkField } from "@/server/errors";
import { DEFAULT_RETRY_SCHEDULE_SECONDS, validateRetrySchedule } from "@/server/webhooks/rules";

/**
 * A dataspace's delivery settings, within limits: the retry schedule, whether plain-HTTP targets
 * are allowed, and the circuit breaker (pause after N consecutive failed attempts, for how long;
 * disable when an endpoint has been failing for how many hours).
 */
export type WebhookSettingsValue = {
  retryScheduleSeconds: number[];
  allowHttp: boolean;
  pauseAfterFailures: number;
  pauseSeconds: number;
  disableAfterHours: number;
};

export const WEBHOOK_SETTINGS_DEFAULTS: WebhookSettingsValue = {
  retryScheduleSeconds: [...DEFAULT_RETRY_SCHEDULE_SECONDS],
  allowHttp: false,
  pauseAfterFailures: 10,
  pauseSeconds: 300,
  disableAfterHours: 24,
};

export const webhookSettingsInput = z.object({
  retryScheduleSeconds: z.array(z.number().int()).optional(),
  allowHttp: z.boolean().optional(),
  pauseAfterFailures: z.number().int().min(3, "Pause after at least 3 failures").max(100, "Pause after at most 100 failures").optional(),
  pauseSeconds: z.number().int().min(10, "Pause for at least 10 seconds").max(3600, "Pause for at most an hour").optional(),
  disableAfterHours: z.number().int().min(1, "Disable after at least 1 hour").max(168, "Disable after at most 168 hours (a week)").optional(),
});

export function settingsOrDefaults(row: WebhookSettingsValue | null | undefined): WebhookSettingsValue {
  if (!row) return WEBHOOK_SETTINGS_DEFAULTS;
  const { retryScheduleSeconds, allowHttp, pauseAfterFailures, pauseSeconds, disableAfterHours } = row;
  return { retryScheduleSeconds, allowHttp, pauseAfterFailures, pauseSeconds, disableAfterHours };
}

export async function readWebhookSettings(tdb: TenantDb, dataspaceId: string): Promise<WebhookSettingsValue> {
  return settingsOrDefaults(await tdb.webhookSettings.findUnique({ where: { dataspaceId } }));
}

export async function getWebhookSettings(ctx: TenantContext): Promise<WebhookSettingsValue> {
  requireRole(ctx.actor, "ADMIN");
  return readWebhookSettings(ctx.db, ctx.dataspace.id);
}

export async function updateWebhookSettings(ctx: TenantContext, input: z.output<typeof webhookSettingsInput>): Promise<WebhookSettingsValue> {
  requireRole(ctx.actor, "ADMIN");
  const current = await readWebhookSettings(ctx.db, ctx.dataspace.id);
  const next: WebhookSettingsValue = {
    retryScheduleSeconds: input.retryScheduleSeconds ? checkField("retryScheduleSeconds", () => validateRetrySchedule(input.retryScheduleSeconds!)) : current.retryScheduleSeconds,
    allowHttp: input.allowHttp ?? current.allowHttp,
    pauseAfterFailures: input.pauseAfterFailures ?? current.pauseAfterFailures,
    pauseSeconds: input.pauseSeconds ?? current.pauseSeconds,
    disableAfterHours: input.disableAfterHours ?? current.disableAfterHours,
  };
  const row = await ctx.db.webhookSettings.upsert({
    where: { dataspaceId: ctx.dataspace.id },
    create: { ...next, dataspaceId: ctx.dataspace.id },
    update: next,
  });
  return settingsOrDefaults(row);
}
