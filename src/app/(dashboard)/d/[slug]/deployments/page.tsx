import type { Metadata } from "next";
import { Suspense } from "react";
import { DeploymentsView } from "@/components/deployments/deployments-view";
import { listInput, parseDeploymentFilters } from "@/components/deployments/filters";
import { NewDeploymentLink } from "@/components/deployments/new-deployment-link";
import { paramsFromRecord } from "@/components/requests/filters";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Deployments" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeploymentsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/deployments`, query));
  // Prefetch the first page for the filters in the URL, so the table paints with data.
  const queryClient = getQueryClient();
  const input = listInput(slug, parseDeploymentFilters(paramsFromRecord(query)));
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.deployment.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor })),
    queryClient.prefetchQuery(trpc.deployment.facets.queryOptions({ dataspace: slug })),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Deployments"
        description="What was deployed where, and how it went, newest first."
        actions={
          <>
            <ButtonLink variant="secondary" href={`/d/${slug}/deployments/pipelines`}>
              Pipeline rules
            </ButtonLink>
            <NewDeploymentLink />
          </>
        }
      />
      <Suspense fallback={<div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={6} label="Loading deployments" /></div>}>
        <DeploymentsView />
      </Suspense>
    </HydrateClient>
  );
}
