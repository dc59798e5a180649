"use client";

import "@fontsource-variable/inter";
import "./globals.css";

import { useEffect } from "react";

// Replaces the root layout when it fails, so it brings its own document and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <html lang="en" className="h-full">
      <body className="h-full font-sans">
        <title>Something went wrong · Switchboard</title>
        <main className="flex min-h-full flex-col items-center justify-center px-6 py-24 text-center">
          <p className="text-sm font-semibold text-red-600">Error</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
          <p className="mt-3 max-w-md text-base text-slate-600">
            Switchboard hit an unexpected problem. Try again; if it keeps happening, tell your administrator
            {digest ? ` (reference ${digest})` : ""}.
          </p>
          <div className="mt-8 flex gap-3">
            <button
              type="button"
              onClick={() => retry()}
              className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
            >
              Try again
            </button>
            <a href="/" className="rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
              Go home
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
