import type { Metadata } from "next";
import { RenameForm } from "@/components/settings/rename-form";
import { SsoConnections } from "@/components/settings/sso-connections";
import { WebhookSettingsForm } from "@/components/settings/webhook-settings-form";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/settings`);
  const dataspace = await requireDataspace(slug);
  const admin = isAdminRole(dataspace.role);
  if (admin) {
    await Promise.all([
      getQueryClient().prefetchQuery(trpc.sso.list.queryOptions({ dataspace: slug })),
      getQueryClient().prefetchQuery(trpc.webhook.settings.queryOptions({ dataspace: slug })),
    ]);
  }
  return (
    <HydrateClient>
      <PageHeader title="Settings" description={`How ${dataspace.name} is set up.`} />
      <div className="space-y-8">
        <RenameForm />
        {admin && <SsoConnections />}
        {admin && <WebhookSettingsForm />}
      </div>
    </HydrateClient>
  );
}
