import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCaller } from "@/trpc/server";
import { requireUser } from "../../_lib/session";
import { UsersAdmin } from "./users-admin";

export const metadata: Metadata = { title: "Users" };

/** Instance administration: reset links for people who cannot sign in (no SMTP, lost password). */
export default async function UsersAdminPage() {
  await requireUser("/admin/users");
  const me = await (await getCaller()).account.me();
  if (!me.isInstanceAdmin) notFound();
  return (
    <main className="mx-auto w-full max-w-2xl px-4 pt-10 pb-24">
      <Link href="/profile" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
        ← Profile
      </Link>
      <h1 className="mt-3 text-2xl font-semibold tracking-tight text-slate-900">Users</h1>
      <p className="mt-2 mb-6 text-sm text-slate-600">
        Everyone with an account on this instance. A reset link lets its holder choose a new password once and signs out every
        session of that account.
      </p>
      <UsersAdmin />
    </main>
  );
}
