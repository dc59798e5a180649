"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp, signOut, startSignIn } from "@/auth";
import { signUpInput } from "@/server/accounts/accounts.schema";
import { signUpWithInvitation } from "@/server/accounts/sign-up";
import { AppError } from "@/server/errors";
import { fieldErrorsOf, text, type AuthFormState } from "../../(auth)/form-state";

/** Signs out and comes back to the invitation, to accept it with another account. */
export async function switchAccount(token: string): Promise<void> {
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}` });
}

/** Creates an account through the invitation, signs it in and opens the dataspace. */
export async function createAccountAndJoin(token: string, _prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: text(formData, "name"), email: text(formData, "email") };
  const parsed = signUpInput.safeParse({ token, name: values.name, email: values.email || undefined, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  let joined: Awaited<ReturnType<typeof signUpWithInvitation>>;
  try {
    joined = await signUpWithInvitation({ ...parsed.data, ip: clientIp(await headers()) });
  } catch (error) {
    if (error instanceof AppError && error.code !== "NOT_FOUND") return { message: error.message, fieldErrors: error.fieldErrors, values };
    throw error;
  }
  const target = `/d/${joined.dataspace.slug}/requests`;
  const signedIn = await startSignIn("credentials", { redirectTo: target, fields: { email: joined.user.email, password: parsed.data.password } });
  redirect(signedIn.ok ? target : `/signin?callbackUrl=${encodeURIComponent(target)}`);
}
