import type { ReactNode } from "react";

/** The note under a form whose fields are CEL expressions: what they can read, examples in monospace, and a last word. */
export function ExpressionHelp({ children, examples, note }: { children: ReactNode; examples: string[]; note: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-4 py-3 text-xs leading-5 text-slate-600 ring-1 ring-slate-200">
      <p className="font-medium text-slate-700">Expressions</p>
      <p>{children}</p>
      <ul className="mt-1 list-disc pl-5 font-mono">
        {examples.map((example) => (
          <li key={example}>{example}</li>
        ))}
      </ul>
      <p className="mt-1">{note}</p>
    </div>
  );
}
