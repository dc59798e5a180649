import { z } from "zod";

export const listEventsInput = z.object({
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
  type: z.string().trim().max(100).optional(), // NUL and lone surrogates: refused at the edge (src/server/validation/text.ts)
});

export const getEventInput = z.object({ id: z.string().uuid("Unknown event") });
