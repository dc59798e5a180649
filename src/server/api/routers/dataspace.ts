import {
  changeRoleInput,
  createDataspaceInput,
  createInvitationInput,
  invitationTokenInput,
  removeMemberInput,
  renameDataspaceInput,
  revokeInvitationInput,
} from "@/server/dataspaces/dataspace.schema";
import { createDataspace } from "@/server/dataspaces/create-dataspace";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "@/server/dataspaces/invitations";
import { listMyDataspaces } from "@/server/dataspaces/list-my-dataspaces";
import { changeMemberRole, leaveDataspace, listMembers, removeMember } from "@/server/dataspaces/members";
import { renameDataspace } from "@/server/dataspaces/rename-dataspace";
import { authedProcedure, dataspaceProcedure, router } from "../trpc";

export const dataspaceRouter = router({
  mine: authedProcedure.query(({ ctx }) => listMyDataspaces(ctx.userId)),
  create: authedProcedure.input(createDataspaceInput).mutation(({ ctx, input }) => createDataspace(ctx.userId, input)),
  current: dataspaceProcedure.query(({ ctx }) => ({ ...ctx.tenant.dataspace, role: ctx.tenant.actor.role })),
  rename: dataspaceProcedure.input(renameDataspaceInput).mutation(({ ctx, input }) => renameDataspace(ctx.tenant, input)),
});

export const memberRouter = router({
  list: dataspaceProcedure.query(({ ctx }) => listMembers(ctx.tenant)),
  changeRole: dataspaceProcedure.input(changeRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx.tenant, input)),
  remove: dataspaceProcedure.input(removeMemberInput).mutation(({ ctx, input }) => removeMember(ctx.tenant, input)),
  leave: dataspaceProcedure.mutation(({ ctx }) => leaveDataspace(ctx.tenant)),
});

export const invitationRouter = router({
  list: dataspaceProcedure.query(({ ctx }) => listInvitations(ctx.tenant)),
  create: dataspaceProcedure.input(createInvitationInput).mutation(({ ctx, input }) => createInvitation(ctx.tenant, input)),
  revoke: dataspaceProcedure.input(revokeInvitationInput).mutation(({ ctx, input }) => revokeInvitation(ctx.tenant, input)),
  preview: authedProcedure.input(invitationTokenInput).query(({ input }) => previewInvitation(input.token)),
  accept: authedProcedure.input(invitationTokenInput).mutation(({ ctx, input }) => acceptInvitation(ctx.userId, input.token)),
});
