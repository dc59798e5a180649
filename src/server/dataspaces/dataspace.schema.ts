import { z } from "zod";

export const dataspaceNameSchema = z
  .string()
  .trim()
  .min(2, "Name must be at least 2 characters")
  .max(80, "Name is at most 80 characters"); // NUL and lone surrogates: refused at the edge (src/server/validation/text.ts)

export const createDataspaceInput = z.object({
  name: dataspaceNameSchema,
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, "Slug must be at least 2 characters")
    .max(48, "Slug is at most 48 characters")
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes")
    .optional(),
});

export const renameDataspaceInput = z.object({ name: dataspaceNameSchema });

export const roleSchema = z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);

export const changeRoleInput = z.object({ userId: z.string().uuid("Unknown member"), role: roleSchema });
export const removeMemberInput = z.object({ userId: z.string().uuid("Unknown member") });

export const createInvitationInput = z.object({
  role: roleSchema.exclude(["OWNER"]).default("MEMBER"),
  email: z.string().trim().toLowerCase().email("Not a valid email address").nullish(),
  expiresInDays: z.number().int().min(1, "At least 1 day").max(30, "At most 30 days").default(7),
});
export const revokeInvitationInput = z.object({ id: z.string().uuid("Unknown invitation") });
export const invitationTokenInput = z.object({ token: z.string().min(10).max(200) });
