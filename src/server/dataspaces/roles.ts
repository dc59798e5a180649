import type { Role } from "@/generated/prisma/enums";
import { AppError } from "@/server/errors";
import { roleAtLeast } from "./role-rank";

export { roleAtLeast, ROLES } from "./role-rank";

const WHAT_IT_TAKES: Record<Role, string> = {
  VIEWER: "a member of this dataspace",
  MEMBER: "a member with edit rights (viewers can only read)",
  ADMIN: "an admin or owner of this dataspace",
  OWNER: "an owner of this dataspace",
};

export function requireRole(actor: { role: Role }, minimum: Role): void {
  if (!roleAtLeast(actor.role, minimum)) {
    throw new AppError("FORBIDDEN", `You need to be ${WHAT_IT_TAKES[minimum]} to do this`);
  }
}
