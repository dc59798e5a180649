"use client";

import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";

/** Viewers cannot record deployments, so they do not see the button. */
export function NewDeploymentLink() {
  const { slug, canEdit } = useDataspace();
  if (!canEdit) return null;
  return (
    <ButtonLink href={`/d/${slug}/deployments/new`}>
      <Icon name="plus" className="-ml-0.5 size-4" />
      Record deployment
    </ButtonLink>
  );
}
