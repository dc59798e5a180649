import type { ReactNode } from "react";
import { cn } from "./cn";

/** An inline message for a failed action; announced to screen readers. */
export function ErrorAlert({ children, className }: { children: ReactNode; className?: string }) {
  if (!children) return null;
  return (
    <div role="alert" className={cn("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800", className)}>
      {children}
    </div>
  );
}

export function Notice({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div role="status" className={cn("rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700", className)}>
      {children}
    </div>
  );
}
