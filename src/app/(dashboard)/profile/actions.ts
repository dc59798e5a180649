"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp, getSessionUser, signOut, startSignIn } from "@/auth";
import { changePasswordInput } from "@/server/accounts/accounts.schema";
import { changePassword, signOutEverywhere } from "@/server/accounts/profile";
import { AppError } from "@/server/errors";
import { fieldErrorsOf, text, type AuthFormState } from "../../(auth)/form-state";

/**
 * Changes the password and signs out every other session: the change raises the session
 * version, then this browser signs in again with the new password and gets a current session.
 */
export async function changePasswordAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=%2Fprofile");
  const parsed = changePasswordInput.safeParse({ currentPassword: text(formData, "currentPassword"), newPassword: text(formData, "newPassword") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  let changed: Awaited<ReturnType<typeof changePassword>>;
  try {
    changed = await changePassword(user.id, { ...parsed.data, ip: clientIp(await headers()) });
  } catch (error) {
    if (error instanceof AppError) return { message: error.fieldErrors ? undefined : error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  const signedIn = await startSignIn("credentials", { redirectTo: "/profile", fields: { email: changed.email, password: parsed.data.newPassword } });
  redirect(signedIn.ok ? "/profile?password=changed" : "/signin?callbackUrl=%2Fprofile");
}

/** Signs out every session of the user, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await signOutEverywhere(user.id);
  await signOut({ redirectTo: "/signin" });
}
