import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { servicesListInput } from "@/components/services/labels";
import { ServiceDetail } from "@/components/services/service-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Service" };

export default async function ServicePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/services/${id}`);
  const queryClient = getQueryClient();
  const input = { dataspace: slug, id };
  try {
    queryClient.setQueryData(trpc.service.get.queryKey(input), await (await getCaller()).service.get(input));
  } catch (error) {
    // Unknown ids, malformed ids and other dataspaces' services all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  await Promise.all([
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ dataspace: slug })),
    queryClient.prefetchQuery(trpc.service.list.queryOptions(servicesListInput(slug))),
  ]);
  return (
    <HydrateClient>
      <ServiceDetail id={id} />
    </HydrateClient>
  );
}
