"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

const BASE =
  "block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 " +
  "read-only:bg-slate-50";
const CONTROL = `${BASE} w-full`;
const INVALID = "ring-red-400 focus:ring-red-600";

/** A field's error: one message, or several (a JSON config can break more than one rule). */
type FieldError = string | readonly string[];
const messagesOf = (error?: FieldError) => (error === undefined ? [] : typeof error === "string" ? (error ? [error] : []) : error);

type FieldShellProps = { id: string; label: ReactNode; hint?: ReactNode; error?: FieldError; children: ReactNode; className?: string };

/** Label, control, hint and the field's error message(s), wired together for assistive tech. */
function FieldShell({ id, label, hint, error, children, className }: FieldShellProps) {
  const messages = messagesOf(error);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5">{children}</div>
      {messages.length === 1 ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600">
          {messages[0]}
        </p>
      ) : messages.length > 1 ? (
        <ul id={`${id}-error`} className="mt-1.5 list-disc space-y-0.5 pl-5 text-sm text-red-600">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: FieldError, hint?: ReactNode) {
  return messagesOf(error).length ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

const invalid = (error?: FieldError) => (messagesOf(error).length ? true : undefined);

type Common = { label: ReactNode; hint?: ReactNode; error?: FieldError; className?: string };

export function TextField({ label, hint, error, className, id: givenId, ...rest }: Common & ComponentProps<"input">) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input id={id} aria-invalid={invalid(error)} aria-describedby={describedBy(id, error, hint)} className={cn(CONTROL, invalid(error) && INVALID)} {...rest} />
    </FieldShell>
  );
}

export function TextAreaField({ label, hint, error, className, id: givenId, ...rest }: Common & ComponentProps<"textarea">) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea id={id} aria-invalid={invalid(error)} aria-describedby={describedBy(id, error, hint)} className={cn(CONTROL, "min-h-24", invalid(error) && INVALID)} {...rest} />
    </FieldShell>
  );
}

/** A textarea for code (JSON, CEL): monospace, no spell-check. */
export function CodeField({ label, hint, error, className, id: givenId, ...rest }: Common & ComponentProps<"textarea">) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        spellCheck={false}
        aria-invalid={invalid(error)}
        aria-describedby={describedBy(id, error, hint)}
        className={cn(CONTROL, "font-mono text-xs leading-5", invalid(error) && INVALID)}
        {...rest}
      />
    </FieldShell>
  );
}

export function SelectField({ label, hint, error, className, id: givenId, children, ...rest }: Common & ComponentProps<"select">) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} aria-invalid={invalid(error)} aria-describedby={describedBy(id, error, hint)} className={cn(CONTROL, "pr-8", invalid(error) && INVALID)} {...rest}>
        {children}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ label, hint, error, className, id: givenId, ...rest }: Common & Omit<ComponentProps<"input">, "type">) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className={cn("flex gap-3", className)}>
      <input
        id={id}
        type="checkbox"
        aria-invalid={invalid(error)}
        aria-describedby={describedBy(id, error, hint)}
        className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
        {...rest}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-slate-800">
          {label}
        </label>
        {invalid(error) ? (
          <p id={`${id}-error`} className="text-red-600">{messagesOf(error).join(" ")}</p>
        ) : hint ? (
          <p id={`${id}-hint`} className="text-slate-500">{hint}</p>
        ) : null}
      </div>
    </div>
  );
}

/** A bare control styled like the fields, for compact places (filters, table cells). */
export const controlClasses = CONTROL;
/** The same without a width, for controls that set their own. */
export const controlBaseClasses = BASE;
