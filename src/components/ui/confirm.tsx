import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * An inline "are you sure" that says what will happen, with Back and "Yes, <verb>" — the one way
 * every destructive or consequential action in the dashboard asks first.
 */
export function Confirm(props: {
  label: string;
  children: ReactNode;
  /** What the confirming button does: "delete" → "Yes, delete". */
  verb: string;
  onConfirm: () => void;
  pending?: boolean;
  /** Red for what cannot be taken back or stops something working. */
  danger?: boolean;
  onBack: () => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label={props.label} className={cn("max-w-md rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm", props.className)}>
      <p className="text-slate-700">{props.children}</p>
      <div className="mt-3 flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={props.onBack}>
          Back
        </Button>
        <Button variant={props.danger ? "danger" : undefined} size="sm" pending={props.pending} onClick={props.onConfirm}>
          Yes, {props.verb}
        </Button>
      </div>
    </div>
  );
}
