import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequestDetail } from "@/components/requests/request-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/requests/${id}`);
  const queryClient = getQueryClient();
  const input = { dataspace: slug, id };
  const [request] = await Promise.all([
    (await getCaller()).request.get(input).catch((error: unknown) => {
      // Unknown ids, malformed ids and private requests the user may not see all read "not found".
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      throw error;
    }),
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ dataspace: slug })),
  ]);
  queryClient.setQueryData(trpc.request.get.queryKey(input), request);
  return (
    <HydrateClient>
      <RequestDetail id={id} />
    </HydrateClient>
  );
}
