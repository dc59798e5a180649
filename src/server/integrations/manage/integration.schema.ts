import { z } from "zod";
import { IntegrationType } from "@/generated/prisma/enums";

/** Inputs shared by every surface; each type's config is checked by its provider's schema. */
export const INTEGRATION_TYPES = Object.values(IntegrationType);

const name = z.string().trim().min(1, "Give the integration a name").max(100, "At most 100 characters");
const config = z.record(z.string(), z.unknown(), { error: "Config must be a JSON object" });

export const createIntegrationInput = z.object({
  type: z.enum(INTEGRATION_TYPES, { error: `Type must be one of ${INTEGRATION_TYPES.join(", ")}` }),
  name,
  config,
  isActive: z.boolean().default(true),
});
export type CreateIntegrationInput = z.output<typeof createIntegrationInput>;

export const updateIntegrationInput = z.object({
  id: z.string().uuid(),
  patch: z.object({ name, config, isActive: z.boolean() }).partial(),
});
export type UpdateIntegrationInput = z.output<typeof updateIntegrationInput>;

export const integrationIdInput = z.object({ id: z.string().uuid() });
