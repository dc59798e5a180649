"use server";

import { redirect } from "next/navigation";
import { startSignIn } from "@/auth";
import { credentialsInput, ssoEmailInput } from "@/server/auth/auth.schema";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { envProviderInfos, ssoProviderId } from "@/server/auth/providers";
import { emailDomainOf } from "@/server/auth/resolve-sign-in";
import { findSsoConnectionForEmail } from "@/server/auth/sso-connections";
import { fieldErrorsOf, text, type AuthFormState } from "../form-state";

export async function signInWithPassword(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData, "email") };
  const parsed = credentialsInput.safeParse({ email: values.email, password: text(formData, "password") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const redirectTo = safeCallbackPath(text(formData, "callbackUrl"));
  const result = await startSignIn("credentials", { redirectTo, fields: parsed.data });
  if (!result.ok) return { message: result.message, values };
  redirect(redirectTo);
}

/** "Sign in with SSO": the email's domain picks the dataspace's SSO connection. */
export async function signInWithSso(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: text(formData, "email") };
  const parsed = ssoEmailInput.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  const connection = await findSsoConnectionForEmail(parsed.data.email);
  if (!connection) {
    const domain = emailDomainOf(parsed.data.email);
    return { fieldErrors: { email: [`No SSO is set up for ${domain}. Sign in another way, or ask your admin.`] }, values };
  }
  const result = await startSignIn(ssoProviderId(connection.id), {
    redirectTo: safeCallbackPath(text(formData, "callbackUrl")),
    authorizationParams: { login_hint: parsed.data.email },
  });
  if (!result.ok) return { message: result.message, values };
  redirect(result.url);
}

/** The instance-wide providers (OIDC, GitHub, GitLab): the clicked button names one. */
export async function signInWithProvider(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const provider = envProviderInfos().find((p) => p.id === text(formData, "provider"));
  if (!provider) return { message: "That sign-in option is not available." };
  const result = await startSignIn(provider.id, { redirectTo: safeCallbackPath(text(formData, "callbackUrl")) });
  if (!result.ok) return { message: result.message };
  redirect(result.url);
}
