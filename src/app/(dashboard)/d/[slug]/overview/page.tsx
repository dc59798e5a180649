import type { Metadata } from "next";
import { Suspense } from "react";
import { CustomCharts } from "@/components/metrics/custom-charts";
import { OverviewCharts } from "@/components/metrics/overview-charts";
import { parseRange } from "@/components/metrics/ranges";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/overview`, query));
  const range = parseRange(typeof query.range === "string" ? query.range : null);
  await getQueryClient().prefetchQuery(trpc.metric.overview.queryOptions({ dataspace: slug, range }));
  return (
    <HydrateClient>
      <PageHeader
        title="Overview"
        description="How the dataspace's webhooks, integrations and records are doing, minute by minute."
        actions={
          <ButtonLink variant="secondary" href={`/d/${slug}/overview/mappings`}>
            Custom metrics
          </ButtonLink>
        }
      />
      <div className="space-y-8">
        <Suspense fallback={<div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={6} label="Loading charts" /></div>}>
          <OverviewCharts />
        </Suspense>
        <Suspense fallback={null}>
          <CustomCharts />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
