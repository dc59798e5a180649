"use client";

import { useDataspace } from "@/components/dataspace/dataspace-context";
import { useTRPC } from "@/trpc/react";

export type RunsScope = "dataspace" | "instance";

/**
 * The run procedures for a scope, and where its pages live. Instance procedures take the same
 * inputs minus the dataspace slug and return the same shapes, so both scopes share one set of
 * views (hence the one cast below).
 */
export function useRunProcedures(scope: RunsScope) {
  const trpc = useTRPC();
  const { slug } = useDataspace();
  const dataspaceProcedures = trpc.run;
  const procedures = scope === "instance" ? (trpc.run.instance as unknown as typeof dataspaceProcedures) : dataspaceProcedures;
  const base = scope === "instance" ? `/d/${slug}/runs/instance` : `/d/${slug}/runs`;
  // The slug only goes to dataspace procedures, so query keys match what the pages prefetch.
  const inputOf = <T extends object>(input: T) => (scope === "instance" ? input : { ...input, dataspace: slug }) as T & { dataspace: string };
  return { procedures, inputOf, base, hrefOf: (id: string) => `${base}/${id}` };
}
