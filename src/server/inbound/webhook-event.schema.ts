import { z } from "zod";

export const WEBHOOK_EVENT_STATUSES = ["RECEIVED", "PROCESSING", "PROCESSED", "FAILED"] as const;

/** An integration's Recent events: newest first, 50 a page by default, optionally one status. */
export const listWebhookEventsInput = z.object({
  integrationId: z.string().uuid(),
  status: z.enum(WEBHOOK_EVENT_STATUSES).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListWebhookEventsInput = z.input<typeof listWebhookEventsInput>;

export const webhookEventIdInput = z.object({ id: z.string().uuid() });
