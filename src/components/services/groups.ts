"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { servicesListInput } from "./labels";

/** Group names in use (from the first 100 services), for the form's suggestions. */
export function useServiceGroups(slug: string): string[] {
  const trpc = useTRPC();
  const list = useQuery(trpc.service.list.queryOptions(servicesListInput(slug)));
  return [...new Set((list.data?.items ?? []).flatMap((s) => (s.group ? [s.group] : [])))];
}
