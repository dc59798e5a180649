import { z } from "zod";
import { createIssueForRequest, linkExistingIssue, listIssueLinks, unlinkIssue } from "@/server/issue-sync/manage-links";
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

// Issue sync's links of a request (src/server/issue-sync/manage-links.ts).
const issueLinksInput = z.object({ requestId: z.string().uuid("Unknown request") });
const createIssueInput = issueLinksInput.extend({ integrationId: z.string().uuid("Unknown integration") });
const linkIssueInput = createIssueInput.extend({
  reference: z
    .string()
    .trim()
    .min(1, 'Enter the issue: its number ("12", "#12"), key ("OPS-7") or URL')
    .max(500, "An issue reference is at most 500 characters"),
});
const unlinkIssueInput = issueLinksInput.extend({ linkId: z.string().uuid("Unknown link") });

export const requestRouter = router({
  list: dataspaceProcedure.input(listRequestsInput).query(({ ctx, input }) => listRequests(ctx.tenant, input)),
  get: dataspaceProcedure.input(requestId).query(({ ctx, input }) => getRequest(ctx.tenant, input.id)),
  create: dataspaceProcedure.input(createRequestInput).mutation(({ ctx, input }) => createRequest(ctx.tenant, input)),
  update: dataspaceProcedure.input(updateRequestInput).mutation(({ ctx, input }) => updateRequest(ctx.tenant, input)),
  close: dataspaceProcedure
    .input(requestId)
    .mutation(({ ctx, input }) => updateRequest(ctx.tenant, { id: input.id, patch: { status: "closed" } })),
  comment: dataspaceProcedure.input(addCommentInput).mutation(({ ctx, input }) => addRequestComment(ctx.tenant, input)),
  issueLinks: dataspaceProcedure.input(issueLinksInput).query(({ ctx, input }) => listIssueLinks(ctx.tenant, input)),
  createIssue: dataspaceProcedure.input(createIssueInput).mutation(({ ctx, input }) => createIssueForRequest(ctx.tenant, input)),
  linkIssue: dataspaceProcedure.input(linkIssueInput).mutation(({ ctx, input }) => linkExistingIssue(ctx.tenant, input)),
  unlinkIssue: dataspaceProcedure.input(unlinkIssueInput).mutation(({ ctx, input }) => unlinkIssue(ctx.tenant, input)),
});
