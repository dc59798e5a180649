import type { Metadata } from "next";
import { DeclareIncident } from "@/components/incidents/declare-incident";
import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/detail-states";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { pathWithQuery, requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Declare incident" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?request=<id>` declares the incident from a request (linked to it). */
export default async function DeclareIncidentPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  await requireUser(pathWithQuery(`/d/${slug}/incidents/new`, query));
  const requestId = typeof query.request === "string" && UUID.test(query.request) ? query.request : null;
  const caller = await getCaller();
  const [request] = await Promise.all([
    // A request the user cannot see (or that does not exist) is simply not linked.
    requestId ? caller.request.get({ dataspace: slug, id: requestId }).catch(() => null) : null,
    getQueryClient().prefetchQuery(trpc.service.options.queryOptions({ dataspace: slug })).catch(() => undefined),
  ]);
  return (
    <HydrateClient>
      <div className="mx-auto max-w-3xl">
        <BackLink href={`/d/${slug}/incidents`}>All incidents</BackLink>
        <h1 className="mt-3 mb-6 text-2xl font-semibold tracking-tight text-slate-900">Declare incident</h1>
        <Card className="p-6">
          <DeclareIncident request={request ? { id: request.id, title: request.title } : null} />
        </Card>
      </div>
    </HydrateClient>
  );
}
