import type { Role } from "@/generated/prisma/enums";

/**
 * The order of roles, in one place for the server's checks and the dashboard's controls (this
 * module imports nothing server-only, so client components may use it).
 */
const RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export const ROLES: Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}
