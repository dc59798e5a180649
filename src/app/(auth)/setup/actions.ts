"use server";

import { redirect } from "next/navigation";
import { startSignIn } from "@/auth";
import { setupOwnerInput } from "@/server/auth/auth.schema";
import { setupOwner } from "@/server/auth/setup-owner";
import { AppError } from "@/server/errors";
import { fieldErrorsOf, text, type AuthFormState } from "../form-state";

/** Creates the instance owner (first run only) and signs them in. */
export async function createOwner(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: text(formData, "name"), email: text(formData, "email") };
  const parsed = setupOwnerInput.safeParse({ ...values, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await setupOwner(parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return { message: error.message, values };
    throw error;
  }
  const signedIn = await startSignIn("credentials", {
    redirectTo: "/",
    fields: { email: parsed.data.email, password: parsed.data.password },
  });
  redirect(signedIn.ok ? "/" : "/signin");
}
