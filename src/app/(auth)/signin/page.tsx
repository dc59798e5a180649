import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getSessionUser } from "@/auth";
import { ErrorAlert, Notice } from "@/components/ui/alert";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { listSignInOptions } from "@/server/auth/sign-in-options";
import { signInErrorMessage } from "./error-message";
import { PasswordForm, ProviderButtons, SsoForm } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function Divider() {
  return (
    <div className="relative my-6" aria-hidden="true">
      <div className="absolute inset-0 flex items-center">
        <div className="w-full border-t border-slate-200" />
      </div>
      <div className="relative flex justify-center">
        <span className="bg-white px-3 text-xs uppercase tracking-wide text-slate-400">or</span>
      </div>
    </div>
  );
}

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const [options, error] = await Promise.all([listSignInOptions(), signInErrorMessage(params)]);

  const sections = [
    options.providers.length > 0 && <ProviderButtons key="providers" providers={options.providers} callbackUrl={callbackUrl} />,
    options.sso && <SsoForm key="sso" callbackUrl={callbackUrl} />,
    options.password && (
      <div key="password">
        <PasswordForm callbackUrl={callbackUrl} />
        <Link href="/forgot-password" className="mt-3 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Forgot your password?
        </Link>
      </div>
    ),
  ].filter(Boolean);

  return (
    <div>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">Welcome back to your dataspaces.</p>
      <div className="mt-6 space-y-4">
        <ErrorAlert>{error}</ErrorAlert>
        {options.needsSetup && (
          <Notice>
            This instance has no owner yet.{" "}
            <Link href="/setup" className="font-semibold text-indigo-600 hover:text-indigo-500">
              Create the owner account
            </Link>
          </Notice>
        )}
      </div>
      <div className="mt-6">
        {sections.map((section, index) => (
          <div key={index}>
            {index > 0 && <Divider />}
            {section}
          </div>
        ))}
        {sections.length === 0 && !options.needsSetup && (
          <p className="text-sm text-slate-600">No sign-in method is configured. Ask the operator of this instance.</p>
        )}
      </div>
    </div>
  );
}
