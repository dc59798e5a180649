import type { Metadata } from "next";
import { NewDeployment } from "@/components/deployments/new-deployment";
import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/detail-states";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Record a deployment" };

export default async function NewDeploymentPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/deployments/new`);
  await getQueryClient().prefetchQuery(trpc.deployment.facets.queryOptions({ dataspace: slug }));
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <BackLink href={`/d/${slug}/deployments`}>All deployments</BackLink>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">Record a deployment</h1>
        <Card className="p-6">
          <NewDeployment />
        </Card>
      </div>
    </HydrateClient>
  );
}
