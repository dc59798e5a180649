import type { Metadata } from "next";
import { requireDataspace, requireUser } from "../../../_lib/session";
import { GraphqlExplorer } from "@/components/graphql/graphql-explorer";

export const metadata: Metadata = { title: "GraphQL" };

/** GraphiQL against /api/graphql, as the signed-in member in this dataspace (docs/graphql.md). */
export default async function GraphqlPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireUser(`/d/${slug}/graphql`);
  const dataspace = await requireDataspace(slug);
  return (
    <div className="flex h-[calc(100vh-8rem)] min-h-[32rem] flex-col gap-3">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">GraphQL</h1>
        <p className="text-sm text-slate-600">
          Queries and mutations on {dataspace.name} as you, with your role. Scripts use an API token instead: replace the header with{" "}
          <code>{'{"authorization": "Bearer sb_…"}'}</code>. The schema is at <code>/api/graphql/schema.graphql</code>.
        </p>
      </div>
      <div className="min-h-0 flex-1 overflow-hidden rounded-lg border border-slate-200">
        <GraphqlExplorer slug={slug} />
      </div>
    </div>
  );
}
