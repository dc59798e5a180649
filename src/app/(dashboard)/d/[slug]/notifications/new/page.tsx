import type { Metadata } from "next";
import { NewRule } from "@/components/notifications/new-rule";
import { Notice } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/detail-states";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "New notification rule" };

export default async function NewNotificationRulePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/notifications/new`);
  const dataspace = await requireDataspace(slug);
  const admin = isAdminRole(dataspace.role);
  if (admin) {
    const queryClient = getQueryClient();
    await Promise.all([
      queryClient.prefetchQuery(trpc.integration.list.queryOptions({ dataspace: slug })),
      queryClient.prefetchQuery(trpc.webhook.eventTypes.queryOptions()),
    ]);
  }
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <BackLink href={`/d/${slug}/notifications`}>All notification rules</BackLink>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">New notification rule</h1>
        {admin ? (
          <Card className="p-6">
            <NewRule />
          </Card>
        ) : (
          <Notice>Only admins and owners can create notification rules: they send the dataspace’s events outside it.</Notice>
        )}
      </div>
    </HydrateClient>
  );
}
