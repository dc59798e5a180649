import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { RenameForm } from "@/components/settings/rename-form";
import { SsoConnections } from "@/components/settings/sso-connections";
import { WebhookSettingsForm } from "@/components/settings/webhook-settings-form";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Settings" };

/** Pending domain claims across the instance, or null when the user is not an instance admin. */
async function pendingDomainClaims(): Promise<number | null> {
  try {
    const claims = await getQueryClient().fetchQuery(trpc.sso.domainClaims.list.queryOptions());
    return claims.filter((c) => c.status === "pending").length;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  }
}

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
  const pending = await pendingDomainClaims();
  const reviewLink =
    pending === null ? undefined : (
      <ButtonLink variant="secondary" size="sm" href={`/d/${slug}/settings/domain-claims`}>
        Review domain claims{pending > 0 ? ` (${pending} pending)` : ""}
      </ButtonLink>
    );
  return (
    <HydrateClient>
      <PageHeader title="Settings" description={`How ${dataspace.name} is set up.`} actions={reviewLink} />
      <div className="space-y-8">
        <RenameForm />
        {admin && <SsoConnections />}
        {admin && <WebhookSettingsForm />}
      </div>
    </HydrateClient>
  );
}
