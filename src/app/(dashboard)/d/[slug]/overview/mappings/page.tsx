import type { Metadata } from "next";
import Link from "next/link";
import { MappingsView } from "@/components/metrics/mappings-view";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Custom metrics" };

export default async function MetricMappingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/overview/mappings`);
  await getQueryClient().prefetchQuery(trpc.metric.mappings.queryOptions({ dataspace: slug }));
  return (
    <HydrateClient>
      <PageHeader
        title="Custom metrics"
        description={
          <>
            Metrics of your own, computed from the dataspace&apos;s events: each mapping records a number (and tags) for every matching event as{" "}
            <code className="font-mono">custom.&lt;name&gt;</code>, charted on the Overview, read through the metrics API and forwarded by Datadog and New
            Relic integrations like the built-in ones.{" "}
            <Link className="font-medium text-indigo-700 hover:underline" href={`/d/${slug}/overview`}>
              Back to the Overview
            </Link>
          </>
        }
      />
      <MappingsView />
    </HydrateClient>
  );
}
