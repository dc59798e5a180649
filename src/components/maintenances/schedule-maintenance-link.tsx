"use client";

import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";

/** Viewers cannot schedule windows, so they do not see the button. */
export function ScheduleMaintenanceLink() {
  const { slug, canEdit } = useDataspace();
  if (!canEdit) return null;
  return (
    <ButtonLink href={`/d/${slug}/maintenance/new`}>
      <Icon name="plus" className="-ml-0.5 size-4" />
      Schedule maintenance
    </ButtonLink>
  );
}
