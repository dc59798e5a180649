import { apiTokenIdInput, createApiTokenInput } from "@/server/api-tokens/api-token.schema";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/api-tokens/manage-api-tokens";
import { dataspaceProcedure, router } from "../trpc";

/** API tokens for the public REST API. Admins only; the token string is in `create`'s answer, once. */
export const apiTokenRouter = router({
  list: dataspaceProcedure.query(({ ctx }) => listApiTokens(ctx.tenant)),
  create: dataspaceProcedure.input(createApiTokenInput).mutation(({ ctx, input }) => createApiToken(ctx.tenant, input)),
  revoke: dataspaceProcedure.input(apiTokenIdInput).mutation(({ ctx, input }) => revokeApiToken(ctx.tenant, input.id)),
});
