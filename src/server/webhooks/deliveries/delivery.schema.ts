import { z } from "zod";

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED", "HELD"] as const;

export const listDeliveriesInput = z.object({
  endpointId: z.string().uuid(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const deliveryIdInput = z.object({ id: z.string().uuid() });

export const replayFailedInput = z.object({
  endpointId: z.string().uuid(),
  since: z.coerce.date({ error: "Enter a valid date and time" }),
});

export const replayIdInput = z.object({ id: z.string().uuid() });
