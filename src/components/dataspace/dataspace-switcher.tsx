"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { Icon } from "@/components/ui/icons";
import { useTRPC } from "@/trpc/react";
import { ROLE_LABELS, useDataspace } from "./dataspace-context";

export function DataspaceAvatar({ name, active }: { name: string; active?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-6 shrink-0 items-center justify-center rounded-md text-xs font-semibold",
        active ? "bg-indigo-600 text-white" : "bg-slate-200 text-slate-600",
      )}
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/** The user's dataspaces, always in view: switching is one click. */
export function DataspaceSwitcher() {
  const trpc = useTRPC();
  const current = useDataspace();
  const { data: mine } = useQuery(trpc.dataspace.mine.queryOptions());
  const list = mine ?? [current];
  return (
    <nav aria-label="Dataspaces">
      <h2 className="px-2.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">Dataspaces</h2>
      <ul className="mt-2 max-h-64 space-y-0.5 overflow-y-auto">
        {list.map((ds) => {
          const active = ds.slug === current.slug;
          return (
            <li key={ds.slug}>
              <Link
                href={`/d/${ds.slug}/requests`}
                aria-current={active ? "true" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm",
                  active ? "bg-slate-100 font-semibold text-slate-900" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                <DataspaceAvatar name={active ? current.name : ds.name} active={active} />
                <span className="min-w-0 flex-1 truncate">{active ? current.name : ds.name}</span>
                {active && <span className="text-xs font-normal text-slate-500">{ROLE_LABELS[current.role]}</span>}
              </Link>
            </li>
          );
        })}
        <li>
          <Link href="/dataspaces/new" className="flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            <span className="flex size-6 items-center justify-center rounded-md border border-dashed border-slate-300 text-slate-400">
              <Icon name="plus" className="size-4" />
            </span>
            New dataspace
          </Link>
        </li>
      </ul>
    </nav>
  );
}
