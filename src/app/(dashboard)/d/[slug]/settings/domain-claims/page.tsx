import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { DomainClaimsReview } from "@/components/settings/domain-claims-review";
import { Notice } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireDataspace, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Email domain claims" };

const DESCRIPTION = "Instance-wide: the email domains every dataspace's SSO connections claim.";

export default async function DomainClaimsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/settings/domain-claims`);
  await requireDataspace(slug);
  try {
    await getQueryClient().fetchQuery(trpc.sso.domainClaims.list.queryOptions());
  } catch (error) {
    if (!(error instanceof TRPCError && error.code === "FORBIDDEN")) throw error;
    return (
      <>
        <PageHeader title="Email domain claims" description={DESCRIPTION} />
        <Notice>Only instance admins can review the email domains that dataspaces claim.</Notice>
      </>
    );
  }
  return (
    <HydrateClient>
      <PageHeader title="Email domain claims" description={DESCRIPTION} />
      <DomainClaimsReview />
    </HydrateClient>
  );
}
