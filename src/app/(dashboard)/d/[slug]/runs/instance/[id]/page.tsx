import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RunDetail } from "@/components/runs/run-detail";
import { Notice } from "@/components/ui/alert";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireDataspace, requireUser } from "../../../../../_lib/session";

export const metadata: Metadata = { title: "Run" };

export default async function InstanceRunPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requireUser(`/d/${slug}/runs/instance/${id}`);
  await requireDataspace(slug);
  const input = { id };
  try {
    getQueryClient().setQueryData(trpc.run.instance.get.queryKey(input), await (await getCaller()).run.instance.get(input));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Notice>Only instance admins can see runs that belong to no dataspace.</Notice>;
    throw error;
  }
  return (
    <HydrateClient>
      <RunDetail scope="instance" id={id} />
    </HydrateClient>
  );
}
