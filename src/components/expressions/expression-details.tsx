import type { ReactNode } from "react";

/** An item's events, filter and expressions as a list reads them: terms on the left, the values in monospace. */
export function ExpressionDetails({ children }: { children: ReactNode }) {
  return <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">{children}</dl>;
}

/** One term; `none` says what an empty value means ("none, every event"). */
export function ExpressionDetail({ term, none, children }: { term: string; none?: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="font-mono text-xs leading-5 break-words text-slate-800 sm:pt-px">{none !== undefined && !children ? <span className="font-sans text-slate-400">{none}</span> : children}</dd>
    </>
  );
}
