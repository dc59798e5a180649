import type { Metadata } from "next";
import { Suspense } from "react";
import { listInput, paramsFromRecord, parseRequestFilters } from "@/components/requests/filters";
import { NewRequestLink } from "@/components/requests/new-request-link";
import { RequestsView } from "@/components/requests/requests-view";
import { PageHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Requests" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RequestsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/requests`, query));
  // Prefetch the first page for the filters in the URL, so the table paints with data.
  const queryClient = getQueryClient();
  const input = listInput(slug, parseRequestFilters(paramsFromRecord(query)));
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.request.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor })),
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ dataspace: slug })),
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Requests" description="What your team has been asked to do, newest first." actions={<NewRequestLink />} />
      <Suspense fallback={<div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={6} label="Loading requests" /></div>}>
        <RequestsView />
      </Suspense>
    </HydrateClient>
  );
}
