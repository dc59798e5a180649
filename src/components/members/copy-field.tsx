"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { Icon } from "@/components/ui/icons";

/** A read-only value with a Copy button (falls back to selecting the text when the clipboard API is unavailable). */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      input.current?.select();
      document.execCommand("copy");
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} className={`${controlClasses} font-mono text-xs`} />
        <Button variant="secondary" onClick={copy}>
          <Icon name={copied ? "check" : "copy"} className="size-4" />
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      {hint && <p className="mt-1.5 text-xs text-slate-500">{hint}</p>}
      <span role="status" className="sr-only">{copied ? "Copied to clipboard" : ""}</span>
    </div>
  );
}
