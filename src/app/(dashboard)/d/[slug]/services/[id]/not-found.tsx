import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function ServiceNotFound() {
  return (
    <div className="space-y-4">
      <Link href="../services" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <Icon name="arrowLeft" className="size-4" />
        All services
      </Link>
      <Card>
        <EmptyState icon={<Icon name="squares" />} title="Service not found">
          It may have been deleted, or it belongs to another dataspace.
        </EmptyState>
      </Card>
    </div>
  );
}
