import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/detail-states";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function DeploymentNotFound() {
  return (
    <div className="space-y-4">
      <BackLink href="../deployments">All deployments</BackLink>
      <Card>
        <EmptyState icon={<Icon name="bolt" />} title="Deployment not found">
          It may belong to another dataspace, or the link is wrong.
        </EmptyState>
      </Card>
    </div>
  );
}
