"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Icon, Logo } from "@/components/ui/icons";
import { useDataspace } from "./dataspace-context";

/** Sidebar beside the page on wide screens; behind a menu button on phones. */
export function AppShell({ sidebar, children }: { sidebar: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const { name } = useDataspace();
  useEffect(() => setOpen(false), [pathname]);

  return (
    <div className="min-h-full md:flex">
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <div className="flex min-w-0 items-center gap-2.5">
          <Logo className="size-7 shrink-0" />
          <span className="truncate text-sm font-semibold text-slate-900">{name}</span>
        </div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="app-sidebar"
          onClick={() => setOpen((v) => !v)}
          className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300"
        >
          <Icon name={open ? "x" : "squares"} className="size-4" />
          Menu
        </button>
      </div>
      <aside
        id="app-sidebar"
        className={cn(
          "flex-col gap-6 border-b border-slate-200 bg-white px-3 py-4 md:fixed md:inset-y-0 md:flex md:w-64 md:overflow-y-auto md:border-r md:border-b-0",
          open ? "flex" : "hidden",
        )}
      >
        {sidebar}
      </aside>
      <div className="min-w-0 flex-1 md:pl-64">
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
