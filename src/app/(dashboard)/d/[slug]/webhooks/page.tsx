import type { Metadata } from "next";
import { Notice } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Icon } from "@/components/ui/icons";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Webhooks" };

const DESCRIPTION = "Send this dataspace’s events to your own URLs, signed, with retries, and watch every delivery.";

export default async function WebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/webhooks`);
  const dataspace = await requireDataspace(slug);
  if (!isAdminRole(dataspace.role)) {
    return (
      <>
        <PageHeader title="Webhooks" description={DESCRIPTION} />
        <Notice>Only admins and owners can manage webhooks: they receive every event, private requests included.</Notice>
      </>
    );
  }
  await getQueryClient().prefetchQuery(trpc.webhook.list.queryOptions({ dataspace: slug }));
  return (
    <HydrateClient>
      <PageHeader
        title="Webhooks"
        description={DESCRIPTION}
        actions={
          <ButtonLink href={`/d/${slug}/webhooks/new`}>
            <Icon name="plus" className="-ml-0.5 size-4" />
            Add webhook
          </ButtonLink>
        }
      />
      <WebhooksView />
    </HydrateClient>
  );
}
