import { z } from "zod";
import { addRequestComment } from "@/server/records/requests/add-request-comment";
import { getRequestComment, listRequestComments } from "@/server/records/requests/list-request-comments";
import { addCommentInput, requestCommentPayloadSchema } from "@/server/records/requests/request.schema";
import { commentUrls, requestUrls, serializeComment, serializeRequest } from "@/server/records/requests/serialize-request";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { defineRoute } from "../route";
import { pageQuery, uuid, uuidParams } from "../schemas";

/** Comments of a request: the object `request_comment.added` webhooks carry, with its own links. */
export const commentObject = z
  .object({ api_url: z.string(), absolute_url: z.string(), ...requestCommentPayloadSchema.shape })
  .meta({ id: "RequestComment", description: "A comment on a request" });

type CommentArgs = Parameters<typeof serializeComment>;

function commentObjectOf(tenant: TenantContext, comment: CommentArgs[0], request: CommentArgs[1]): z.infer<typeof commentObject> {
  return { ...commentUrls(tenant.dataspace.slug, request.uuid, comment.id), ...serializeComment(comment, request, tenant.dataspace) };
}

const commentBody = z
  .strictObject({ text: addCommentInput.shape.text.meta({ description: "The comment, up to 20 000 characters" }) })
  .meta({ id: "RequestCommentCreate" });

const commentParams = uuidParams.extend({ comment_uuid: uuid.meta({ description: "The comment's `uuid`" }) });

export const requestCommentRoutes = [
  defineRoute({
    method: "GET",
    path: "/requests/{uuid}/comments",
    operationId: "listRequestComments",
    tag: "Comments",
    summary: "List a request's comments",
    description: "Oldest first, as the conversation went.",
    scope: { resource: "requests", level: "read" },
    kind: "list",
    params: uuidParams,
    query: z.object(pageQuery),
    response: commentObject,
    errors: [400, 404, 422],
    handle: async ({ tenant, params, query }) => {
      const page = await listRequestComments(tenant, { requestId: params.uuid, limit: query.limit, cursor: query.cursor });
      const request = serializeRequest(page.request, tenant.dataspace);
      return { items: page.items.map((comment) => commentObjectOf(tenant, comment, request)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/requests/{uuid}/comments",
    operationId: "addRequestComment",
    tag: "Comments",
    summary: "Comment on a request",
    description: "Publishes `request_comment.added`. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "requests", level: "write" },
    kind: "object",
    status: 201,
    params: uuidParams,
    body: commentBody,
    response: commentObject,
    fieldNames: { requestId: "uuid" },
    errors: [400, 404, 409, 413, 415, 422],
    handle: async ({ tenant, params, body }) => {
      const comment = await addRequestComment(tenant, { requestId: params.uuid, text: body.text });
      const { id, title, status } = comment.request;
      return commentObjectOf(tenant, comment, { uuid: id, title, status, ...requestUrls(tenant.dataspace.slug, id) });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/requests/{uuid}/comments/{comment_uuid}",
    operationId: "getRequestComment",
    tag: "Comments",
    summary: "Get a comment",
    scope: { resource: "requests", level: "read" },
    kind: "object",
    params: commentParams,
    response: commentObject,
    errors: [404],
    handle: async ({ tenant, params }) => {
      const { comment, request } = await getRequestComment(tenant, params.uuid, params.comment_uuid);
      return commentObjectOf(tenant, comment, serializeRequest(request, tenant.dataspace));
    },
  }),
];
