import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Logo } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
      <Logo className="size-10" />
      <p className="mt-8 text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-3 max-w-md text-base text-slate-600">
        This page doesn’t exist, or it belongs to a dataspace you are not a member of.
      </p>
      <div className="mt-8">
        <ButtonLink href="/">Go to your dashboard</ButtonLink>
      </div>
    </main>
  );
}
