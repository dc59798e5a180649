"use client";

import { useState, type ReactNode } from "react";
import { errorMessage } from "@/trpc/errors";
import { ErrorAlert } from "./alert";
import { Button } from "./button";
import { Confirm } from "./confirm";

/** Delete, asked first: the button opens a Confirm that says what goes with the item (`children`); a failed delete is said under it. */
export function DeleteButton({ name, pending, error, onConfirm, children }: { name: string; pending: boolean; error: unknown; onConfirm: () => void; children: ReactNode }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="danger" size="sm" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
        Delete
      </Button>
    );
  }
  return (
    <div>
      <Confirm label={`Confirm delete ${name}`} onBack={() => setConfirming(false)} verb="delete" danger pending={pending} onConfirm={onConfirm}>
        {children}
      </Confirm>
      <ErrorAlert className="mt-2 max-w-md">{error ? errorMessage(error) : null}</ErrorAlert>
    </div>
  );
}
