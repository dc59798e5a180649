import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MaintenanceDetail } from "@/components/maintenances/maintenance-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Maintenance window" };

export default async function MaintenanceWindowPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/maintenance/${id}`);
  const input = { dataspace: slug, id };
  const maintenance = await (await getCaller()).maintenance.get(input).catch((error: unknown) => {
    // Unknown ids, malformed ids and other dataspaces' windows all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  getQueryClient().setQueryData(trpc.maintenance.get.queryKey(input), maintenance);
  return (
    <HydrateClient>
      <MaintenanceDetail id={id} />
    </HydrateClient>
  );
}
