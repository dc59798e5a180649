import type { Metadata } from "next";
import { servicesListInput } from "@/components/services/labels";
import { NewService } from "@/components/services/new-service";
import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/detail-states";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/services/new`);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.member.list.queryOptions({ dataspace: slug })),
    queryClient.prefetchQuery(trpc.service.list.queryOptions(servicesListInput(slug))),
  ]);
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <BackLink href={`/d/${slug}/services`}>All services</BackLink>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">New service</h1>
        <Card className="p-6">
          <NewService />
        </Card>
      </div>
    </HydrateClient>
  );
}
