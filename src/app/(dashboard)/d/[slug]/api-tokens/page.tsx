import type { Metadata } from "next";
import { ApiTokensView } from "@/components/api-tokens/api-tokens-view";
import { NewApiToken } from "@/components/api-tokens/new-api-token";
import { Notice } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "API tokens" };

const DESCRIPTION = "Tokens let scripts and other tools use this dataspace through the REST API (/api/v1), with the scopes you choose.";

export default async function ApiTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/api-tokens`);
  const dataspace = await requireDataspace(slug);
  if (!isAdminRole(dataspace.role)) {
    return (
      <>
        <PageHeader title="API tokens" description={DESCRIPTION} />
        <Notice>Only admins and owners can manage API tokens: a token acts for the dataspace without anyone signed in.</Notice>
      </>
    );
  }
  await getQueryClient().prefetchQuery(trpc.apiToken.list.queryOptions({ dataspace: slug }));
  return (
    <HydrateClient>
      <PageHeader title="API tokens" description={DESCRIPTION} />
      <div className="space-y-8">
        <NewApiToken />
        <ApiTokensView />
      </div>
    </HydrateClient>
  );
}
