import type { Metadata } from "next";
import { Suspense } from "react";
import { DeclareIncidentLink } from "@/components/incidents/declare-incident-link";
import { listInput, parseIncidentFilters } from "@/components/incidents/filters";
import { IncidentsView } from "@/components/incidents/incidents-view";
import { paramsFromRecord } from "@/components/requests/filters";
import { PageHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Incidents" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IncidentsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/incidents`, query));
  // Prefetch the first page for the filters in the URL, so the table paints with data.
  const input = listInput(slug, parseIncidentFilters(paramsFromRecord(query)));
  await getQueryClient().prefetchInfiniteQuery(trpc.incident.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader title="Incidents" description="What is broken right now and what was, newest first." actions={<DeclareIncidentLink />} />
      <Suspense fallback={<div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={5} label="Loading incidents" /></div>}>
        <IncidentsView />
      </Suspense>
    </HydrateClient>
  );
}
