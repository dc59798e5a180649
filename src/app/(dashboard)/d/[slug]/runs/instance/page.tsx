import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { RUNS_PAGE_SIZE } from "@/components/runs/labels";
import { RunsTabs } from "@/components/runs/runs-tabs";
import { RunsView } from "@/components/runs/runs-view";
import { Notice } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireDataspace, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Instance-wide runs" };

const DESCRIPTION = "Runs that belong to no dataspace: scheduled (cron) functions and instance-wide events.";

export default async function InstanceRunsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/runs/instance`);
  await requireDataspace(slug);
  try {
    await getQueryClient().fetchInfiniteQuery(
      trpc.run.instance.list.infiniteQueryOptions({ limit: RUNS_PAGE_SIZE }, { getNextPageParam: (page) => (page.external ? null : page.nextCursor) }),
    );
  } catch (error) {
    if (!(error instanceof TRPCError && error.code === "FORBIDDEN")) throw error;
    return (
      <>
        <PageHeader title="Instance-wide runs" description={DESCRIPTION} />
        <Notice>Only instance admins can see runs that belong to no dataspace.</Notice>
      </>
    );
  }
  return (
    <HydrateClient>
      <PageHeader title="Runs" description={DESCRIPTION} />
      <RunsTabs slug={slug} current="instance" />
      <RunsView scope="instance" />
    </HydrateClient>
  );
}
