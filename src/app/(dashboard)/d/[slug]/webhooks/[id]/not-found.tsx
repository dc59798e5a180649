import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function WebhookNotFound() {
  return (
    <div className="space-y-4">
      <Link href="../webhooks" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <Icon name="arrowLeft" className="size-4" />
        All webhooks
      </Link>
      <Card>
        <EmptyState icon={<Icon name="link" />} title="Webhook not found">
          It may have been deleted, or it belongs to another dataspace.
        </EmptyState>
      </Card>
    </div>
  );
}
