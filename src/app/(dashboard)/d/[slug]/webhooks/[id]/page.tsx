import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/alert";
import { deliveriesInput } from "@/components/webhooks/labels";
import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhookPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/webhooks/${id}`);
  const input = { dataspace: slug, id };
  const queryClient = getQueryClient();
  try {
    queryClient.setQueryData(trpc.webhook.get.queryKey(input), await (await getCaller()).webhook.get(input));
  } catch (error) {
    // Unknown ids, malformed ids and other dataspaces' webhooks all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Notice>Only admins and owners can manage webhooks.</Notice>;
    throw error;
  }
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.webhook.deliveries.infiniteQueryOptions(deliveriesInput(slug, id, ""), { getNextPageParam: (page) => page.nextCursor }),
    ),
    queryClient.prefetchQuery(trpc.webhook.latestReplay.queryOptions(input)),
    queryClient.prefetchQuery(trpc.webhook.eventTypes.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <WebhookDetail id={id} />
    </HydrateClient>
  );
}
