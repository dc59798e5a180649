import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/alert";
import { DeliveryDetail } from "@/components/webhooks/delivery-detail";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";
import { requireUser } from "../../../../../../_lib/session";

export const metadata: Metadata = { title: "Webhook delivery" };

type Params = { slug: string; id: string; deliveryId: string };

export default async function DeliveryPage({ params }: { params: Promise<Params> }) {
  const { slug, id, deliveryId } = await params;
  await requireUser(`/d/${slug}/webhooks/${id}/deliveries/${deliveryId}`);
  const input = { dataspace: slug, id: deliveryId };
  try {
    const delivery = await (await getCaller()).webhook.delivery(input);
    // A delivery is only found under its own webhook's address.
    if (delivery.endpointId !== id) notFound();
    getQueryClient().setQueryData(trpc.webhook.delivery.queryKey(input), delivery);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return <Notice>Only admins and owners can see webhook deliveries.</Notice>;
    throw error;
  }
  return (
    <HydrateClient>
      <DeliveryDetail endpointId={id} id={deliveryId} />
    </HydrateClient>
  );
}
