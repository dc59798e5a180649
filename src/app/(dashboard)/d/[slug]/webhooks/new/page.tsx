import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Icon } from "@/components/ui/icons";
import { NewWebhook } from "@/components/webhooks/new-webhook";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { isAdminRole, requireDataspace, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "New webhook" };

export default async function NewWebhookPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/webhooks/new`);
  const dataspace = await requireDataspace(slug);
  const admin = isAdminRole(dataspace.role);
  if (admin) await getQueryClient().prefetchQuery(trpc.webhook.eventTypes.queryOptions());
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <Link href={`/d/${slug}/webhooks`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
          <Icon name="arrowLeft" className="size-4" />
          All webhooks
        </Link>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">New webhook</h1>
        {admin ? (
          <Card className="p-6">
            <NewWebhook />
          </Card>
        ) : (
          <Notice>Only admins and owners can add webhooks.</Notice>
        )}
      </div>
    </HydrateClient>
  );
}
