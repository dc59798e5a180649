import type { Metadata } from "next";
import Link from "next/link";
import { NewMaintenance } from "@/components/maintenances/new-maintenance";
import { Card } from "@/components/ui/card";
import { Icon } from "@/components/ui/icons";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Schedule maintenance" };

export default async function NewMaintenancePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/maintenance/new`);
  await getQueryClient().prefetchQuery(trpc.service.options.queryOptions({ dataspace: slug }));
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <Link href={`/d/${slug}/maintenance`} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
          <Icon name="arrowLeft" className="size-4" />
          All maintenance
        </Link>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">Schedule maintenance</h1>
        <Card className="p-6">
          <NewMaintenance />
        </Card>
      </div>
    </HydrateClient>
  );
}
