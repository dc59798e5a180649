import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { getCaller } from "@/trpc/server";
import { AccountPageFrame } from "../account-page-frame";
import { requireUser } from "../_lib/session";
import { signOutEverywhereAction } from "./actions";
import { NameForm, PasswordForm } from "./profile-forms";

export const metadata: Metadata = { title: "Profile" };

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProfilePage({ searchParams }: Props) {
  const user = await requireUser("/profile");
  const [profile, mine, params] = await Promise.all([(await getCaller()).account.me(), (await getCaller()).dataspace.mine(), searchParams]);
  const back = mine[0];
  return (
    <AccountPageFrame email={user.email} mainClassName="flex flex-1 justify-center px-4 pt-10 pb-24">
      <div className="w-full max-w-lg space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Profile</h1>
          <p className="mt-2 text-sm text-slate-600">Signed in as {profile.email}.</p>
          {back && (
            <Link href={`/d/${back.slug}/requests`} className="mt-2 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">
              ← Back to {back.name}
            </Link>
          )}
        </div>
        {params.password === "changed" && <Notice>Password changed. Every other session was signed out.</Notice>}
        <Section title="Name">
          <NameForm name={profile.name} />
        </Section>
        <Section
          title="Password"
          description={profile.hasPassword ? "Changing it signs out every other browser and device." : undefined}
        >
          {profile.hasPassword ? (
            <PasswordForm />
          ) : (
            <p className="text-sm text-slate-600">This account signs in through an identity provider and has no password here.</p>
          )}
        </Section>
        <Section title="Sessions" description="Signs out every browser and device where you are signed in, this one included.">
          <form action={signOutEverywhereAction}>
            <button type="submit" className={buttonClasses("secondary")}>
              Sign out everywhere
            </button>
          </form>
        </Section>
        {profile.isInstanceAdmin && (
          <Section title="Instance administration" description="Create one-time password reset links for people who cannot sign in.">
            <Link href="/admin/users" className={buttonClasses("secondary")}>
              Manage users
            </Link>
          </Section>
        )}
      </div>
    </AccountPageFrame>
  );
}
