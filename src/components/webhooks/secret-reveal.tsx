"use client";

import type { ReactNode } from "react";
import { CopyField } from "@/components/members/copy-field";
import { Icon } from "@/components/ui/icons";

/** A signing secret in clear, the one time the server hands it out. */
export function SecretReveal({ secret, children }: { secret: string; children?: ReactNode }) {
  return (
    <div role="status" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="flex items-start gap-2 text-sm font-semibold text-amber-900">
        <Icon name="key" className="mt-0.5 size-4 shrink-0 text-amber-600" />
        Copy the signing secret now: it will not be shown again.
      </p>
      <CopyField
        label="Signing secret"
        value={secret}
        hint="Your receiver verifies each delivery's webhook-signature header with it (any Standard Webhooks library does this). Afterwards only its last four characters are shown."
      />
      {children}
    </div>
  );
}
