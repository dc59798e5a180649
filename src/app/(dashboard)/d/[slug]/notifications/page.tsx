import type { Metadata } from "next";
import { NewRuleLink } from "@/components/notifications/new-rule-link";
import { RulesView } from "@/components/notifications/rules-view";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/notifications`);
  const dataspace = await requireDataspace(slug);
  const queryClient = getQueryClient();
  // Members read the rules; only admins may list integrations, whose names the rules show.
  await Promise.all([
    queryClient.prefetchQuery(trpc.notification.list.queryOptions({ dataspace: slug })),
    isAdminRole(dataspace.role) ? queryClient.prefetchQuery(trpc.integration.list.queryOptions({ dataspace: slug })) : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Notifications"
        description="Rules that send this dataspace’s events as messages to Slack, Microsoft Teams or email, with every message logged."
        actions={<NewRuleLink />}
      />
      <RulesView />
    </HydrateClient>
  );
}
