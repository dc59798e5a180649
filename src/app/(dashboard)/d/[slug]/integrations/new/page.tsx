import type { Metadata } from "next";
import Link from "next/link";
import { NewIntegration } from "@/components/integrations/new-integration";
import { Notice } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Icon } from "@/components/ui/icons";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "New integration" };

export default async function NewIntegrationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/integrations/new`);
  const dataspace = await requireDataspace(slug);
  const admin = isAdminRole(dataspace.role);
  if (admin) await getQueryClient().prefetchQuery(trpc.integration.types.queryOptions());
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <Link href={`/d/${slug}/integrations`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
          <Icon name="arrowLeft" className="size-4" />
          All integrations
        </Link>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">New integration</h1>
        {admin ? (
          <Card className="p-6">
            <NewIntegration />
          </Card>
        ) : (
          <Notice>Only admins and owners can add integrations.</Notice>
        )}
      </div>
    </HydrateClient>
  );
}
