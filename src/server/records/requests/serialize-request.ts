import { appUrl } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { PRIORITY_LABELS, type RequestCommentPayload, type RequestPayload } from "./request.schema";

/** The relations a request is loaded with wherever it is shown or published. */
export const requestInclude = {
  assignee: { select: { id: true, email: true, name: true } },
  requester: { select: { id: true, email: true, name: true } },
  lastModifiedBy: { select: { id: true, email: true, name: true } },
  comments: {
    orderBy: { createdAt: "asc" },
    select: { id: true, text: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  },
} satisfies Prisma.RequestInclude;

export type RequestWithRelations = Prisma.RequestGetPayload<{ include: typeof requestInclude }>;

export function requestUrls(dataspaceSlug: string, id: string) {
  return {
    api_url: `/api/v1/dataspaces/${dataspaceSlug}/requests/${id}/`,
    absolute_url: `${appUrl()}/d/${dataspaceSlug}/requests/${id}`,
  };
}

export function serializeRequest(
  request: RequestWithRelations,
  dataspace: { slug: string; name: string },
): RequestPayload {
  return {
    ...requestUrls(dataspace.slug, request.id),
    uuid: request.id,
    title: request.title,
    request_template: null,
    request_template_name: null,
    status: request.status,
    priority: PRIORITY_LABELS[request.priority],
    assignee: request.assignee?.email ?? null,
    product_context: request.productContext,
    notes: request.notes,
    serialized_data: (request.serializedData ?? {}) as Record<string, unknown>,
    is_private: request.isPrivate,
    requester: request.requester.email,
    content_type: null,
    content_object: null,
    content_object_display_name: null,
    cc_emails: request.ccEmails,
    last_modified_by: request.lastModifiedBy?.email ?? null,
    created_date: request.createdAt.toISOString(),
    last_modified_date: request.updatedAt.toISOString(),
    comments: request.comments.map((c) => ({
      uuid: c.id,
      user: c.user.email,
      text: c.text,
      created_date: c.createdAt.toISOString(),
    })),
    dataspace: dataspace.name,
  };
}

export function serializeComment(
  comment: { id: string; text: string; createdAt: Date; user: { email: string } },
  request: RequestPayload,
  dataspace: { name: string },
): RequestCommentPayload {
  return {
    uuid: comment.id,
    user: comment.user.email,
    text: comment.text,
    created_date: comment.createdAt.toISOString(),
    request: {
      uuid: request.uuid,
      title: request.title,
      api_url: request.api_url,
      absolute_url: request.absolute_url,
      status: request.status,
    },
    dataspace: dataspace.name,
  };
}
