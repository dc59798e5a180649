"use client";

import { ErrorAlert } from "./alert";
import { Button } from "./button";

/** The foot of a form: an error no field owns, then Cancel (when the form can be left) and submit. */
export function FormActions({ error, pending, submitLabel, onCancel }: { error?: string | null; pending: boolean; submitLabel: string; onCancel?: () => void }) {
  return (
    <>
      <ErrorAlert>{error}</ErrorAlert>
      <div className="flex items-center justify-end gap-3 border-t border-slate-200 pt-5">
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        )}
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </>
  );
}
