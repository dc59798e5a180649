import type { Metadata } from "next";
import { Suspense } from "react";
import { MaintenanceList } from "@/components/maintenances/maintenance-list";
import { ScheduleMaintenanceLink } from "@/components/maintenances/schedule-maintenance-link";
import { listInputFor, parseTab } from "@/components/maintenances/tabs";
import { PageHeader } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Maintenance" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MaintenancePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/maintenance`, query));
  // Prefetch the tab in the URL, so the list paints with data.
  const tab = parseTab(typeof query.tab === "string" ? query.tab : null);
  await getQueryClient().prefetchInfiniteQuery(trpc.maintenance.list.infiniteQueryOptions(listInputFor(slug, tab), { getNextPageParam: (page) => page.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader
        title="Maintenance"
        description="Planned maintenance windows: they start and end by themselves at their times, and their services show as under maintenance meanwhile."
        actions={<ScheduleMaintenanceLink />}
      />
      <Suspense fallback={<div className="rounded-lg border border-slate-200 bg-white"><SkeletonRows rows={4} label="Loading maintenance windows" /></div>}>
        <MaintenanceList />
      </Suspense>
    </HydrateClient>
  );
}
