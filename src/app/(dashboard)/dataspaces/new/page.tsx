import type { Metadata } from "next";
import Link from "next/link";
import { CreateDataspaceForm } from "@/components/onboarding/create-dataspace-form";
import { Logo } from "@/components/ui/icons";
import { getCaller } from "@/trpc/server";
import { requireUser } from "../../_lib/session";
import { signOutAction } from "../../actions";

export const metadata: Metadata = { title: "New dataspace" };

export default async function NewDataspacePage() {
  const user = await requireUser("/dataspaces/new");
  const mine = await (await getCaller()).dataspace.mine();
  const back = mine[0];
  return (
    <div className="flex min-h-full flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <Link href="/" className="flex items-center gap-2.5">
          <Logo />
          <span className="text-base font-semibold tracking-tight text-slate-900">Switchboard</span>
        </Link>
        <div className="flex items-center gap-3 text-sm text-slate-600">
          <span>{user.email}</span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-2 py-1.5 font-medium hover:bg-slate-100 hover:text-slate-900">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 pb-24 sm:pt-20">
        <div className="w-full max-w-md">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{back ? "Create a dataspace" : "Create your first dataspace"}</h1>
          <p className="mt-2 text-sm text-slate-600">
            A dataspace holds a team’s requests, events, integrations and members, kept apart from every other dataspace.
          </p>
          <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <CreateDataspaceForm />
          </div>
          {back && (
            <p className="mt-6 text-center text-sm text-slate-500">
              <Link href={`/d/${back.slug}/requests`} className="font-medium text-indigo-600 hover:text-indigo-500">
                Back to {back.name}
              </Link>
            </p>
          )}
        </div>
      </main>
    </div>
  );
}
