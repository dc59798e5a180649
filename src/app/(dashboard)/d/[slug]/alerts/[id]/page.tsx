import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertDetail } from "@/components/alerts/alert-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/alerts/${id}`);
  const input = { dataspace: slug, id };
  const alert = await (await getCaller()).alert.get(input).catch((error: unknown) => {
    // Unknown ids, malformed ids and other dataspaces' alerts all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  getQueryClient().setQueryData(trpc.alert.get.queryKey(input), alert);
  return (
    <HydrateClient>
      <AlertDetail id={id} />
    </HydrateClient>
  );
}
