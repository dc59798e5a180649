import type { Metadata } from "next";
import { IntegrationsView } from "@/components/integrations/integrations-view";
import { Notice } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Icon } from "@/components/ui/icons";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Integrations" };

const DESCRIPTION = "Connect GitHub, GitLab, Jira, Slack and other tools: each gets its own verified inbound URL, and what it sends becomes events here.";

export default async function IntegrationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/integrations`);
  const dataspace = await requireDataspace(slug);
  if (!isAdminRole(dataspace.role)) {
    return (
      <>
        <PageHeader title="Integrations" description={DESCRIPTION} />
        <Notice>Only admins and owners can manage integrations: they hold credentials and receive other tools’ data.</Notice>
      </>
    );
  }
  const queryClient = getQueryClient();
  await Promise.all([queryClient.prefetchQuery(trpc.integration.list.queryOptions({ dataspace: slug })), queryClient.prefetchQuery(trpc.integration.types.queryOptions())]);
  return (
    <HydrateClient>
      <PageHeader
        title="Integrations"
        description={DESCRIPTION}
        actions={
          <ButtonLink href={`/d/${slug}/integrations/new`}>
            <Icon name="plus" className="-ml-0.5 size-4" />
            New integration
          </ButtonLink>
        }
      />
      <IntegrationsView />
    </HydrateClient>
  );
}
