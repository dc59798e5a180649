import type { z } from "zod";
import type { renameDataspaceInput } from "./dataspace.schema";
import { requireRole } from "./roles";
import type { TenantContext } from "./tenant-context";

export async function renameDataspace(ctx: TenantContext, input: z.output<typeof renameDataspaceInput>) {
  requireRole(ctx.actor, "ADMIN");
  return ctx.db.dataspace.update({
    where: { id: ctx.dataspace.id },
    data: { name: input.name },
    select: { id: true, slug: true, name: true },
  });
}
