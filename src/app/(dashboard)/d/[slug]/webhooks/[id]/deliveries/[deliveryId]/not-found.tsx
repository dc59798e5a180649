import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function DeliveryNotFound() {
  return (
    <div className="space-y-4">
      <Link href="../../../webhooks" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <Icon name="arrowLeft" className="size-4" />
        All webhooks
      </Link>
      <Card>
        <EmptyState icon={<Icon name="envelope" />} title="Delivery not found">
          Its webhook may have been deleted with its delivery history, or it belongs to another dataspace.
        </EmptyState>
      </Card>
    </div>
  );
}
