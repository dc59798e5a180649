import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { messagesInput } from "@/components/notifications/labels";
import { RuleDetail } from "@/components/notifications/rule-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Notification rule" };

export default async function NotificationRulePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/notifications/${id}`);
  const dataspace = await requireDataspace(slug);
  const input = { dataspace: slug, id };
  const queryClient = getQueryClient();
  try {
    queryClient.setQueryData(trpc.notification.get.queryKey(input), await (await getCaller()).notification.get(input));
  } catch (error) {
    // Unknown ids, malformed ids and other dataspaces' rules all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  await Promise.all([
    queryClient.prefetchInfiniteQuery(trpc.notification.messages.infiniteQueryOptions(messagesInput(slug, id, ""), { getNextPageParam: (page) => page.nextCursor })),
    isAdminRole(dataspace.role) ? queryClient.prefetchQuery(trpc.integration.list.queryOptions({ dataspace: slug })) : null,
  ]);
  return (
    <HydrateClient>
      <RuleDetail id={id} />
    </HydrateClient>
  );
}
