"use client";

import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";
import { servicesPath } from "./labels";

/** Viewers cannot create services, so they do not see the button. */
export function NewServiceLink() {
  const { slug, canEdit } = useDataspace();
  if (!canEdit) return null;
  return (
    <ButtonLink href={`${servicesPath(slug)}/new`}>
      <Icon name="plus" className="-ml-0.5 size-4" />
      New service
    </ButtonLink>
  );
}
