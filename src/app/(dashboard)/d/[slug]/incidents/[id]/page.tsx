import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentDetail } from "@/components/incidents/incident-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/incidents/${id}`);
  const input = { dataspace: slug, id };
  const incident = await (await getCaller()).incident.get(input).catch((error: unknown) => {
    // Unknown ids, malformed ids and another dataspace's incidents all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  getQueryClient().setQueryData(trpc.incident.get.queryKey(input), incident);
  return (
    <HydrateClient>
      <IncidentDetail id={id} />
    </HydrateClient>
  );
}
