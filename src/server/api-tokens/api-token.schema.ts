import { z } from "zod";

/**
 * Inputs shared by every surface. Shapes only; the rules (name length, known scopes, expiry
 * window) are checked by the domain in validate-api-token.ts, so every caller gets them.
 */
export const createApiTokenInput = z.object({
  name: z.string().max(1000, "At most 100 characters"),
  scopes: z.array(z.string().max(100, "Not a known scope")).max(50, "Too many scopes"),
  // Dates arrive as Date over tRPC and as ISO strings over REST.
  expiresAt: z.coerce.date({ error: "Enter a valid date" }).nullish(),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenInput>;

export const apiTokenIdInput = z.object({ id: z.string().uuid("Not a token id") });
