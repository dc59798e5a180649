import type { Metadata } from "next";
import { servicesListInput } from "@/components/services/labels";
import { NewServiceLink } from "@/components/services/new-service-link";
import { ServicesView } from "@/components/services/services-view";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../_lib/session";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/services`);
  // Prefetch the first page (unfiltered), so the list paints with data.
  await getQueryClient().prefetchInfiniteQuery(
    trpc.service.list.infiniteQueryOptions(servicesListInput(slug), { getNextPageParam: (page) => page.nextCursor }),
  );
  return (
    <HydrateClient>
      <PageHeader
        title="Services"
        description="What your status page shows, by group, with each service's status. Incidents and maintenance windows move it."
        actions={<NewServiceLink />}
      />
      <ServicesView />
    </HydrateClient>
  );
}
