"use client";

import Link from "next/link";
import { useFormStatus } from "react-dom";
import { Icon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";

export function initialsOf(user: { name: string | null; email: string }) {
  const source = user.name?.trim() || user.email;
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 && user.name ? (parts[1]?.[0] ?? "") : "")).toUpperCase();
}

function SignOutButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60"
    >
      {pending ? <Spinner /> : <Icon name="logout" className="size-4" />}
      Sign out
    </button>
  );
}

/** Who is signed in, and the way out. `signOutAction` is a server action (works without JS too). */
export function UserMenu({ user, signOutAction }: { user: { name: string | null; email: string }; signOutAction: () => Promise<void> }) {
  return (
    <section aria-label="Account" className="space-y-2">
      <div className="flex items-center gap-3 px-1.5">
        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {initialsOf(user)}
        </span>
        <div className="min-w-0 flex-1">
          {user.name && <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>}
          <p className="truncate text-xs text-slate-500" title={user.email}>{user.email}</p>
        </div>
      </div>
      <Link
        href="/profile"
        className="flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <Icon name="settings" className="size-4" />
        Profile
      </Link>
      <form action={signOutAction}>
        <SignOutButton />
      </form>
    </section>
  );
}
