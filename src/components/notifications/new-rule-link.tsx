"use client";

import { useDataspace } from "@/components/dataspace/dataspace-context";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/ui/icons";
import { rulesPath } from "./labels";

/** Only admins make rules (they send the dataspace's events outside), so only they see the button. */
export function NewRuleLink() {
  const { slug, isAdmin } = useDataspace();
  if (!isAdmin) return null;
  return (
    <ButtonLink href={`${rulesPath(slug)}/new`}>
      <Icon name="plus" className="-ml-0.5 size-4" />
      New rule
    </ButtonLink>
  );
}
