import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function InstanceRunNotFound() {
  return (
    <div className="space-y-4">
      <Link href="../instance" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <Icon name="arrowLeft" className="size-4" />
        All instance-wide runs
      </Link>
      <Card>
        <EmptyState icon={<Icon name="bolt" />} title="Run not found">
          It may belong to a dataspace, or its function was removed from the app.
        </EmptyState>
      </Card>
    </div>
  );
}
