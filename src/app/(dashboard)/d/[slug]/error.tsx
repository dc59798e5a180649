"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";

export default function DataspaceError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="flex flex-col items-center rounded-lg border border-slate-200 bg-white px-6 py-16 text-center">
      <div className="mb-3 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600">
        <Icon name="warning" />
      </div>
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-1 max-w-md text-sm text-slate-500">Something went wrong on our side. Try again in a moment.</p>
      <div className="mt-6 flex gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <ButtonLink href="/" variant="secondary">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
