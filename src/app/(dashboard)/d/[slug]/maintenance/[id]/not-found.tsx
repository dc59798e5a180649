import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function MaintenanceNotFound() {
  return (
    <div className="space-y-4">
      <Link href="../maintenance" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <Icon name="arrowLeft" className="size-4" />
        All maintenance
      </Link>
      <Card>
        <EmptyState icon={<Icon name="inbox" />} title="Maintenance window not found">
          It may be in another dataspace, or the link is wrong.
        </EmptyState>
      </Card>
    </div>
  );
}
