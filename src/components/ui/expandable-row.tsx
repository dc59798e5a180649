"use client";

import { useState, type ReactNode } from "react";
import { cn } from "./cn";
import { Icon } from "./icons";

/** Which rows of a list are open: `isOpen(id)` and `toggle(id)`. */
export function useToggleSet() {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return { isOpen: (id: string) => open.has(id), toggle };
}

/** A list row whose summary line opens a detail panel below it (events, run steps). */
export function ExpandableRow({
  panelId,
  expanded,
  onToggle,
  summary,
  children,
}: {
  panelId: string;
  expanded: boolean;
  onToggle: () => void;
  summary: ReactNode;
  children: ReactNode;
}) {
  return (
    <li>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={onToggle}
        className="flex w-full items-center gap-3 px-4 py-3 text-left text-sm hover:bg-slate-50"
      >
        <Icon name="chevronRight" className={cn("size-4 shrink-0 text-slate-400 transition-transform", expanded && "rotate-90")} />
        {summary}
      </button>
      {expanded && (
        <div id={panelId} className="border-t border-slate-100 bg-slate-50 px-4 py-3">
          {children}
        </div>
      )}
    </li>
  );
}
