import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function AlertNotFound() {
  return (
    <div className="space-y-4">
      <Link href="../alerts" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <Icon name="arrowLeft" className="size-4" />
        All alerts
      </Link>
      <Card>
        <EmptyState icon={<Icon name="bolt" />} title="Alert not found">
          It may belong to another dataspace, or the link is wrong.
        </EmptyState>
      </Card>
    </div>
  );
}
