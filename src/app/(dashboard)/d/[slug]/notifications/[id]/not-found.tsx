import { Card } from "@/components/ui/card";
import { BackLink } from "@/components/ui/detail-states";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";

export default function NotificationRuleNotFound() {
  return (
    <div className="space-y-4">
      <BackLink href="../notifications">All notification rules</BackLink>
      <Card>
        <EmptyState icon={<Icon name="chat" />} title="Notification rule not found">
          It may have been deleted, or it belongs to another dataspace.
        </EmptyState>
      </Card>
    </div>
  );
}
