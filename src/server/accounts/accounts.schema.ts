import { z } from "zod";
import { emailSchema } from "@/server/auth/auth.schema";
import { passwordSchema } from "@/server/auth/password";

export const nameSchema = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(80, "Use at most 80 characters")
  // PostgreSQL text cannot hold NUL, and no name needs control characters.
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "Use letters, not control characters")
  .refine((name) => name.isWellFormed(), "Remove the broken character");

/** Sign-up through an invitation. `email` is ignored when the invitation names one. */
export const signUpInput = z.object({
  token: z.string().min(10).max(200),
  name: nameSchema,
  email: emailSchema.optional(),
  password: passwordSchema,
});
export type SignUpInput = z.output<typeof signUpInput>;

export const updateProfileInput = z.object({ name: nameSchema });

export const changePasswordInput = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
  newPassword: passwordSchema,
});

export const requestPasswordResetInput = z.object({ email: emailSchema });

export const resetTokenInput = z.object({ token: z.string().min(10).max(200) });

export const resetPasswordInput = resetTokenInput.extend({ password: passwordSchema });

export const createResetLinkInput = z.object({ userId: z.string().uuid("Unknown user") });

export const listUsersInput = z.object({ query: z.string().trim().max(254).optional() });
