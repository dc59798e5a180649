import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { resetTokenInput } from "@/server/accounts/accounts.schema";
import { previewPasswordReset } from "@/server/accounts/password-reset";
import { AppError } from "@/server/errors";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

async function loadPreview(token: string) {
  if (!resetTokenInput.safeParse({ token }).success) return null;
  try {
    return await previewPasswordReset(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

const GONE = {
  expired: { title: "This reset link has expired", text: "Reset links work for a limited time." },
  used: { title: "This reset link has already been used", text: "Each reset link works once." },
} as const;

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const preview = await loadPreview(token);
  const again = (
    <Link href="/forgot-password" className="mt-4 inline-block text-sm font-semibold text-indigo-600 hover:text-indigo-500">
      Ask for a new link
    </Link>
  );
  if (!preview) {
    return (
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Reset link not found</h1>
        <p className="mt-3 text-sm text-slate-600">This link does not match any reset link. Check that you copied all of it.</p>
        {again}
      </div>
    );
  }
  if (preview.state !== "pending") {
    return (
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{GONE[preview.state].title}</h1>
        <p className="mt-3 text-sm text-slate-600">{GONE[preview.state].text}</p>
        {again}
      </div>
    );
  }
  return (
    <div>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-500">For {preview.email}. Every session of this account will be signed out.</p>
      <div className="mt-6">
        <ResetPasswordForm token={token} email={preview.email} />
      </div>
    </div>
  );
}
