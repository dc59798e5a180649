import { Prisma } from "@/generated/prisma/client";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db/client";
import { claimInvitation, previewInvitation } from "@/server/dataspaces/invitations";
import { AppError } from "@/server/errors";
import type { SignUpInput } from "./accounts.schema";
import { throttle } from "./rate-limit";

const GONE_MESSAGES = {
  expired: "This invitation has expired; ask an admin for a new link",
  used: "This invitation has already been used",
  revoked: "This invitation was revoked",
} as const;

/**
 * Creates a local account through an invitation and makes it a member of the invitation's
 * dataspace, in one transaction: either the account exists and the invitation is used, or
 * neither. An invitation addressed to an email proves that email, so the account gets exactly
 * that one; a link invitation takes the email the person types. Throttled like login.
 */
export async function signUpWithInvitation(input: SignUpInput & { ip: string }) {
  const preview = await previewInvitation(input.token);
  if (preview.state !== "pending") throw new AppError("GONE", GONE_MESSAGES[preview.state]);
  const email = preview.email ?? input.email;
  if (!email) throw new AppError("UNPROCESSABLE", "Enter your email address", { fieldErrors: { email: ["Enter your email address"] } });
  await throttle(email, input.ip);

  const passwordHash = await hashPassword(input.password); // slow: outside the transaction
  const alreadyRegistered = new AppError(
    "CONFLICT",
    `An account for ${email} already exists: sign in with it to accept the invitation`,
    { fieldErrors: { email: ["This email already has an account: sign in instead"] } },
  );
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw alreadyRegistered;
      const user = await tx.user.create({ data: { email, name: input.name, passwordHash }, select: { id: true, email: true, name: true } });
      const dataspace = await claimInvitation(tx, input.token, user);
      return { user, dataspace };
    });
  } catch (error) {
    // Two sign-ups for the same email at once: the unique index decides, the loser is told why.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadyRegistered;
    throw error;
  }
}
