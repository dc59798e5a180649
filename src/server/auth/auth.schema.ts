import { z } from "zod";
import { passwordSchema } from "./password";

export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .email("Enter a valid email address");

export const credentialsInput = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type CredentialsInput = z.output<typeof credentialsInput>;

export const setupOwnerInput = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(80, "Use at most 80 characters"),
  email: emailSchema,
  password: passwordSchema,
});
export type SetupOwnerInput = z.output<typeof setupOwnerInput>;

export const ssoEmailInput = z.object({ email: emailSchema });
