import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { needsSetup } from "@/server/auth/setup-owner";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Switchboard" };

// First run only: once a local owner exists, this page is closed for good.
export default async function SetupPage() {
  await connection();
  if (!(await needsSetup())) redirect("/signin");
  return (
    <div>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Set up Switchboard</h1>
      <p className="mt-1 text-sm text-slate-500">
        Create the owner account of this instance. You can add single sign-on and invite your team afterwards.
      </p>
      <div className="mt-6">
        <SetupForm />
      </div>
    </div>
  );
}
