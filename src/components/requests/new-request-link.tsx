"use client";

import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";

/** Viewers cannot create requests, so they do not see the button. */
export function NewRequestLink() {
  const { slug, canEdit } = useDataspace();
  if (!canEdit) return null;
  return (
    <ButtonLink href={`/d/${slug}/requests/new`}>
      <Icon name="plus" className="-ml-0.5 size-4" />
      New request
    </ButtonLink>
  );
}
