"use server";

import { headers } from "next/headers";
import { clientIp } from "@/auth";
import { requestPasswordResetInput } from "@/server/accounts/accounts.schema";
import { requestPasswordReset } from "@/server/accounts/password-reset";
import { AppError } from "@/server/errors";
import { fieldErrorsOf, text, type AuthFormState } from "../form-state";

export type ForgotPasswordState = AuthFormState & { sent?: boolean };

/** Mails a reset link; the answer is the same whether or not the email has an account. */
export async function requestResetAction(_prev: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const values = { email: text(formData, "email") };
  const parsed = requestPasswordResetInput.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await requestPasswordReset({ email: parsed.data.email, ip: clientIp(await headers()) });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, values };
    throw error;
  }
  return { sent: true, values };
}
