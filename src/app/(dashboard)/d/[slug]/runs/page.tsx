import type { Metadata } from "next";
import { RUNS_PAGE_SIZE } from "@/components/runs/labels";
import { RunsTabs } from "@/components/runs/runs-tabs";
import { RunsView } from "@/components/runs/runs-view";
import { Notice } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Runs" };

const DESCRIPTION = "Runs of the durable functions this dataspace's events started, newest first: their steps, retries and timing.";

export default async function RunsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/runs`);
  const dataspace = await requireDataspace(slug);
  if (!isAdminRole(dataspace.role)) {
    return (
      <>
        <PageHeader title="Runs" description={DESCRIPTION} />
        <Notice>Only admins and owners can see runs: their steps carry full event payloads, private requests included.</Notice>
      </>
    );
  }
  const queryClient = getQueryClient();
  const [, instanceAdmin] = await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.run.list.infiniteQueryOptions({ dataspace: slug, limit: RUNS_PAGE_SIZE }, { getNextPageParam: (page) => (page.external ? null : page.nextCursor) }),
    ),
    // Instance admins also get a tab for the runs of no dataspace.
    (await getCaller()).run.instance.list({ limit: 1 }).then(() => true, () => false),
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Runs" description={DESCRIPTION} />
      {instanceAdmin && <RunsTabs slug={slug} current="dataspace" />}
      <RunsView scope="dataspace" />
    </HydrateClient>
  );
}
