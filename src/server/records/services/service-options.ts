import type { TenantContext } from "@/server/dataspaces/tenant-context";

/** The most services a picker offers. */
const MAX_OPTIONS = 500;

/** The dataspace's services as the incident and maintenance forms' pickers list them: by group, then name. */
export function listServiceOptions(ctx: TenantContext) {
  return ctx.db.service.findMany({
    orderBy: [{ group: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, name: true, group: true, status: true },
    take: MAX_OPTIONS,
  });
}
