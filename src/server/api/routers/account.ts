import { createResetLinkInput, listUsersInput, updateProfileInput } from "@/server/accounts/accounts.schema";
import { createPasswordResetLink, listUsersForAdmin } from "@/server/accounts/password-reset";
import { getProfile, updateProfile } from "@/server/accounts/profile";
import { authedProcedure, router } from "../trpc";

/**
 * The signed-in user's own account. Password change and "sign out everywhere" are server actions
 * (src/app/(dashboard)/profile/actions.ts): they replace or clear the session cookie.
 */
export const accountRouter = router({
  me: authedProcedure.query(({ ctx }) => getProfile(ctx.userId)),
  updateProfile: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx.userId, input)),
});

/** Instance administration of accounts; the domain refuses anyone but an instance admin. */
export const userAdminRouter = router({
  list: authedProcedure.input(listUsersInput).query(({ ctx, input }) => listUsersForAdmin(ctx.userId, input)),
  createResetLink: authedProcedure.input(createResetLinkInput).mutation(({ ctx, input }) => createPasswordResetLink(ctx.userId, input)),
});
