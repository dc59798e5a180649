import type { Metadata } from "next";
import Link from "next/link";
import { CreateDataspaceForm } from "@/components/onboarding/create-dataspace-form";
import { getCaller } from "@/trpc/server";
import { AccountPageFrame } from "../../account-page-frame";
import { requireUser } from "../../_lib/session";

export const metadata: Metadata = { title: "New dataspace" };

export default async function NewDataspacePage() {
  const user = await requireUser("/dataspaces/new");
  const mine = await (await getCaller()).dataspace.mine();
  const back = mine[0];
  return (
    <AccountPageFrame email={user.email} mainClassName="flex flex-1 items-start justify-center px-4 pt-10 pb-24 sm:pt-20">
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
    </AccountPageFrame>
  );
}
