import { z } from "zod";

export const listEventsInput = z.object({
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
  type: z.string().trim().max(100).refine((value) => !value.includes("\u0000"), "Text cannot contain NUL characters").optional(),
});

export const getEventInput = z.object({ id: z.string().uuid("Unknown event") });
