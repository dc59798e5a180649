import type { Metadata } from "next";
import { Suspense } from "react";
import { AlertsView } from "@/components/alerts/alerts-view";
import { listInput, parseAlertFilters } from "@/components/alerts/filters";
import { paramsFromRecord } from "@/components/requests/filters";
import { PageHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Alerts" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AlertsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/alerts`, query));
  // Prefetch the first page for the filters in the URL, so the table paints with data.
  const queryClient = getQueryClient();
  const input = listInput(slug, parseAlertFilters(paramsFromRecord(query)));
  await queryClient.prefetchInfiniteQuery(trpc.alert.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader title="Alerts" description="What your monitors raised: one alert per fingerprint while it is open, its repeats counted." />
      <Suspense fallback={<div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={6} label="Loading alerts" /></div>}>
        <AlertsView />
      </Suspense>
    </HydrateClient>
  );
}
