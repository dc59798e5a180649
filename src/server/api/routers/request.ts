import { z } from "zod";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { createRequest } from "@/server/records/requests/create-request";
import { getRequest } from "@/server/records/requests/get-request";
import { listRequests } from "@/server/records/requests/list-requests";
import {
  addCommentInput,
  createRequestInput,
  listRequestsInput,
  updateRequestInput,
} from "@/server/records/requests/request.schema";
import { updateRequest } from "@/server/records/requests/update-request";
import { dataspaceProcedure, router } from "../trpc";

const requestId = z.object({ id: z.string().uuid("Unknown request") });

export const requestRouter = router({
  list: dataspaceProcedure.input(listRequestsInput).query(({ ctx, input }) => listRequests(ctx.tenant, input)),
  get: dataspaceProcedure.input(requestId).query(({ ctx, input }) => getRequest(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createRequestInput).mutation(({ ctx, input }) => createRequest(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateRequestInput).mutation(({ ctx, input }) => updateRequest(ctx.tenant, input)),
  close: dataspaceProcedure
    .input(requestId)
    .mutation(({ ctx, input }) => updateRequest(ctx.tenant, { id: input.id, patch: { status: "closed" } })),
  comment: dataspaceProcedure.input(addCommentInput).mutation(({ ctx, input }) => addRequestComment(ctx.tenant, input)),
});
