import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunDetail } from "@/components/runs/run-detail";
import { Notice } from "@/components/ui/alert";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../_lib/session";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/runs/${id}`);
  const input = { dataspace: slug, id };
  try {
    getQueryClient().setQueryData(trpc.run.get.queryKey(input), await (await getCaller()).run.get(input));
  } catch (error) {
    // Unknown ids, malformed ids and other dataspaces' runs all read "not found".
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Notice>Only admins and owners can see runs.</Notice>;
    throw error;
  }
  return (
    <HydrateClient>
      <RunDetail scope="dataspace" id={id} />
    </HydrateClient>
  );
}
