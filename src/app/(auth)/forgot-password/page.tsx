import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { mailConfigured } from "@/server/mail/transport";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default async function ForgotPasswordPage() {
  await connection();
  return (
    <div>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Reset your password</h1>
      <div className="mt-6 space-y-4 text-sm text-slate-600">
        {mailConfigured() ? (
          <>
            <p>Enter the email of your account and we will send you a link to choose a new password.</p>
            <ForgotPasswordForm />
          </>
        ) : (
          <p>
            This instance does not send email. Ask an administrator of this Switchboard instance for a password reset link; they
            can create one for you under Profile → Manage users.
          </p>
        )}
        <Link href="/signin" className="inline-block font-semibold text-indigo-600 hover:text-indigo-500">
          Back to sign in
        </Link>
      </div>
    </div>
  );
}
