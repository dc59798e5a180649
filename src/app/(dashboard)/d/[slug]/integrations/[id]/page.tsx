import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IntegrationDetail } from "@/components/integrations/integration-detail";
import { eventsInput } from "@/components/integrations/labels";
import { Notice } from "@/components/ui/alert";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/integrations/${id}`);
  const input = { dataspace: slug, id };
  const queryClient = getQueryClient();
  try {
    queryClient.setQueryData(trpc.integration.get.queryKey(input), await (await getCaller()).integration.get(input));
  } catch (error) {
    // Unknown ids, malformed ids and other dataspaces' integrations all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Notice>Only admins and owners can manage integrations.</Notice>;
    throw error;
  }
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.integration.events.infiniteQueryOptions(eventsInput(slug, id, ""), { getNextPageParam: (page) => page.nextCursor }),
    ),
    queryClient.prefetchQuery(trpc.integration.setupInstructions.queryOptions(input)),
    queryClient.prefetchQuery(trpc.integration.types.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <IntegrationDetail id={id} />
    </HydrateClient>
  );
}
