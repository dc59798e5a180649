import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** An inline "are you sure" that says what will happen, with Back and the action itself. */
export function Confirm({ label, children, action, onBack, className }: { label: string; children: ReactNode; action: ReactNode; onBack: () => void; className?: string }) {
  return (
    <div role="group" aria-label={label} className={cn("max-w-md rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm", className)}>
      <p className="text-slate-700">{children}</p>
      <div className="mt-3 flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onBack}>
          Back
        </Button>
        {action}
      </div>
    </div>
  );
}
