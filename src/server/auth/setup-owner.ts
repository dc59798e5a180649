import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { adoptOwnerlessDataspaces } from "@/server/seed/demo-dataspace";
import type { SetupOwnerInput } from "./auth.schema";
import { hashPassword } from "./password";

const OWNER_WHERE = { isInstanceAdmin: true, passwordHash: { not: null } };

/** True while the instance has no local owner (first run): /setup is open only then. */
export async function needsSetup(): Promise<boolean> {
  const owner = await db.user.findFirst({ where: OWNER_WHERE, select: { id: true } });
  return owner === null;
}

/**
 * Creates the local owner account of a self-hosted instance, once. Two setup forms submitted at
 * the same moment are serialized by an advisory lock; the second one is refused. If the email
 * already belongs to a user (e.g. someone who signed in with SSO first), that user becomes the
 * owner. The owner adopts every dataspace that has no owner yet (the seeded demo).
 */
export async function setupOwner(input: SetupOwnerInput) {
  const passwordHash = await hashPassword(input.password); // slow: outside the transaction
  const user = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchboard:setup-owner'))`;
    if (await tx.user.findFirst({ where: OWNER_WHERE, select: { id: true } })) {
      throw new AppError("CONFLICT", "This instance already has an owner; sign in instead");
    }
    return tx.user.upsert({
      where: { email: input.email },
      create: { email: input.email, name: input.name, passwordHash, isInstanceAdmin: true },
      update: { name: input.name, passwordHash, isInstanceAdmin: true },
      select: { id: true, email: true, name: true },
    });
  });
  await adoptOwnerlessDataspaces(user.id);
  return user;
}
