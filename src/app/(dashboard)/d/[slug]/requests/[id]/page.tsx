import type { Metadata } from "next";
import { RequestDetail } from "@/components/requests/request-detail";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/requests/${id}`);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.request.get.queryOptions({ dataspace: slug, id })),
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ dataspace: slug })),
  ]);
  return (
    <HydrateClient>
      <RequestDetail id={id} />
    </HydrateClient>
  );
}
