import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/icons";
import { signOutAction } from "./actions";

/**
 * The frame of the signed-in pages that stand outside any dataspace (creating one, the profile):
 * the logo home, who is signed in with a sign-out button, and the page centred below.
 */
export function AccountPageFrame({ email, mainClassName, children }: { email: string; mainClassName: string; children: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <Link href="/" className="flex items-center gap-2.5">
          <Logo />
          <span className="text-base font-semibold tracking-tight text-slate-900">Switchboard</span>
        </Link>
        <div className="flex items-center gap-3 text-sm text-slate-600">
          <span>{email}</span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-2 py-1.5 font-medium hover:bg-slate-100 hover:text-slate-900">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main className={mainClassName}>{children}</main>
    </div>
  );
}
