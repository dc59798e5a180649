import type { Metadata } from "next";
import Link from "next/link";
import { PipelineRulesView } from "@/components/deployments/pipeline-rules-view";
import { PageHeader } from "@/components/ui/card";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Pipeline rules" };

export default async function PipelineRulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/deployments/pipelines`);
  await getQueryClient().prefetchQuery(trpc.ci.rules.queryOptions({ dataspace: slug }));
  return (
    <HydrateClient>
      <PageHeader
        title="Pipeline rules"
        description={
          <>
            Start a GitHub Actions workflow or a GitLab pipeline when an event matches: run the eval workflow when a pull request opens, a smoke test after
            a deployment succeeds. The platform&apos;s webhooks, received on the integration&apos;s inbound URL, move each run on.{" "}
            <Link className="font-medium text-indigo-700 hover:underline" href={`/d/${slug}/deployments`}>
              Back to Deployments
            </Link>
          </>
        }
      />
      <PipelineRulesView />
    </HydrateClient>
  );
}
