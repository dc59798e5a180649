import { approveDomainClaim, checkDomainClaim, listDomainClaims, revokeDomainClaim } from "@/server/auth/domain-claims/domain-claims";
import {
  createSsoConnection,
  deleteSsoConnection,
  listSsoConnections,
  updateSsoConnection,
} from "@/server/auth/sso-connections";
import {
  createSsoConnectionInput,
  domainClaimIdInput,
  ssoConnectionIdInput,
  updateSsoConnectionInput,
} from "@/server/auth/sso.schema";
import { authedProcedure, dataspaceProcedure, router } from "../trpc";

/**
 * A dataspace's SSO connections (admins only; client secrets come back masked, always), the
 * "Check now" of a domain's DNS proof, and the instance admins' review of every domain claim.
 */
export const ssoRouter = router({
  list: dataspaceProcedure.query(({ ctx }) => listSsoConnections(ctx.tenant)),
  create: dataspaceProcedure
    .input(createSsoConnectionInput)
    .mutation(({ ctx, input }) => createSsoConnection(ctx.tenant, input)),
  update: dataspaceProcedure
    .input(updateSsoConnectionInput)
    .mutation(({ ctx, input }) => updateSsoConnection(ctx.tenant, input)),
  delete: dataspaceProcedure.input(ssoConnectionIdInput).mutation(({ ctx, input }) => deleteSsoConnection(ctx.tenant, input)),
  checkDomain: dataspaceProcedure.input(domainClaimIdInput).mutation(({ ctx, input }) => checkDomainClaim(ctx.tenant, input)),
  domainClaims: router({
    list: authedProcedure.query(({ ctx }) => listDomainClaims({ userId: ctx.userId })),
    approve: authedProcedure.input(domainClaimIdInput).mutation(({ ctx, input }) => approveDomainClaim({ userId: ctx.userId }, input)),
    revoke: authedProcedure.input(domainClaimIdInput).mutation(({ ctx, input }) => revokeDomainClaim({ userId: ctx.userId }, input)),
  }),
});
