import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeploymentDetail } from "@/components/deployments/deployment-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/deployments/${id}`);
  const input = { dataspace: slug, id };
  const deployment = await (await getCaller()).deployment.get(input).catch((error: unknown) => {
    // Unknown ids, malformed ids and another dataspace's deployments all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  getQueryClient().setQueryData(trpc.deployment.get.queryKey(input), deployment);
  return (
    <HydrateClient>
      <DeploymentDetail id={id} />
    </HydrateClient>
  );
}
