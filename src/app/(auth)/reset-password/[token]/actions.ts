"use server";

import { redirect } from "next/navigation";
import { startSignIn } from "@/auth";
import { resetPasswordInput } from "@/server/accounts/accounts.schema";
import { resetPassword } from "@/server/accounts/password-reset";
import { AppError } from "@/server/errors";
import { fieldErrorsOf, text, type AuthFormState } from "../../form-state";

/** Sets the new password with the link, then signs this browser in with it. */
export async function resetPasswordAction(token: string, _prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = resetPasswordInput.safeParse({ token, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  let reset: { email: string };
  try {
    reset = await resetPassword(parsed.data);
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  const signedIn = await startSignIn("credentials", { redirectTo: "/", fields: { email: reset.email, password: parsed.data.password } });
  redirect(signedIn.ok ? "/" : "/signin");
}
