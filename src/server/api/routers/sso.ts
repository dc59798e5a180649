import {
  createSsoConnection,
  deleteSsoConnection,
  listSsoConnections,
  updateSsoConnection,
} from "@/server/auth/sso-connections";
import { createSsoConnectionInput, ssoConnectionIdInput, updateSsoConnectionInput } from "@/server/auth/sso.schema";
import { dataspaceProcedure, router } from "../trpc";

/** A dataspace's SSO connections (admins only). Client secrets come back masked, always. */
export const ssoRouter = router({
  list: dataspaceProcedure.query(({ ctx }) => listSsoConnections(ctx.tenant)),
  create: dataspaceProcedure
    .input(createSsoConnectionInput)
    .mutation(({ ctx, input }) => createSsoConnection(ctx.tenant, input)),
  update: dataspaceProcedure
    .input(updateSsoConnectionInput)
    .mutation(({ ctx, input }) => updateSsoConnection(ctx.tenant, input)),
  delete: dataspaceProcedure.input(ssoConnectionIdInput).mutation(({ ctx, input }) => deleteSsoConnection(ctx.tenant, input)),
});
