import { z } from "zod";
import { createRequest } from "@/server/records/requests/create-request";
import { getRequest } from "@/server/records/requests/get-request";
import { listFullRequests } from "@/server/records/requests/list-requests";
import {
  createRequestInput,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
  requestPayloadSchema,
  updateRequestInput,
} from "@/server/records/requests/request.schema";
import { serializeRequest } from "@/server/records/requests/serialize-request";
import { updateRequest } from "@/server/records/requests/update-request";
import { memberIdByEmail } from "@/server/records/requests/visibility";
import { defineRoute } from "../route";
import { pageQuery, uuidParams } from "../schemas";

/**
 * Requests: DejaCode's request object (webhook payloads carry the same), written with the same
 * field names it is read with. People are named by email, as in the object.
 */
export const requestObject = requestPayloadSchema.meta({ id: "Request", description: "A request, in the shape of DejaCode's request payloads" });

const created = createRequestInput.shape; // the domain's fields, with their defaults
const patchable = updateRequestInput.shape.patch.shape; // the same fields, without defaults
const email = z.string().trim().toLowerCase().email("Not a valid email address");

const about = {
  title: "Up to 300 characters",
  status: "Lifecycle state",
  priority: "Priority (responses show its label, e.g. `Urgent`)",
  assignee: "Email of a member of the dataspace, or null for nobody",
  notes: "Free text, up to 100 000 characters",
  serialized_data: "Custom fields: names to strings, numbers, booleans or null (at most 100)",
  product_context: "What the request is about, e.g. a product and version",
  is_private: "Private requests are seen by their requester, their assignee and admins only",
  cc_emails: "Addresses to keep informed (at most 50)",
};

export const requestCreateBody = z
  .strictObject({
    title: created.title.meta({ description: about.title }),
    status: created.status.meta({ description: about.status }),
    priority: created.priority.meta({ description: about.priority }),
    assignee: email.nullable().default(null).meta({ description: about.assignee }),
    notes: created.notes.meta({ description: about.notes }),
    serialized_data: created.serializedData.meta({ description: about.serialized_data }),
    product_context: created.productContext.meta({ description: about.product_context }),
    is_private: created.isPrivate.meta({ description: about.is_private }),
    cc_emails: created.ccEmails.meta({ description: about.cc_emails }),
  })
  .meta({ id: "RequestCreate" });

export const requestUpdateBody = z
  .strictObject({
    title: patchable.title.meta({ description: about.title }),
    status: patchable.status.meta({ description: about.status }),
    priority: patchable.priority.meta({ description: about.priority }),
    assignee: email.nullable().optional().meta({ description: about.assignee }),
    notes: patchable.notes.meta({ description: about.notes }),
    serialized_data: patchable.serializedData.meta({ description: about.serialized_data }),
    product_context: patchable.productContext.meta({ description: about.product_context }),
    is_private: patchable.isPrivate.meta({ description: about.is_private }),
    cc_emails: patchable.ccEmails.meta({ description: about.cc_emails }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to change: send at least one field")
  .meta({ id: "RequestUpdate", description: "The fields to change; the others keep their values" });

/** The domain's names for the API's fields, both ways. */
const DOMAIN_FIELDS = {
  title: "title",
  status: "status",
  priority: "priority",
  notes: "notes",
  serialized_data: "serializedData",
  product_context: "productContext",
  is_private: "isPrivate",
  cc_emails: "ccEmails",
} as const;
const fieldNames = { ...Object.fromEntries(Object.entries(DOMAIN_FIELDS).map(([api, domain]) => [domain, api])), assigneeId: "assignee", id: "uuid", requestId: "uuid" };

function toDomain(body: Partial<Record<keyof typeof DOMAIN_FIELDS, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const [api, domain] of Object.entries(DOMAIN_FIELDS)) {
    const value = body[api as keyof typeof DOMAIN_FIELDS];
    if (value !== undefined) out[domain] = value;
  }
  return out;
}

const ORDERINGS = { "-created_date": "-createdAt", created_date: "createdAt", "-last_modified_date": "-updatedAt", last_modified_date: "updatedAt" } as const;

const listQuery = z.object({
  status: z.array(z.enum(REQUEST_STATUSES)).max(5).optional().meta({ description: "Only these statuses (repeat the parameter or separate with commas)" }),
  priority: z.array(z.enum(REQUEST_PRIORITIES)).max(4).optional().meta({ description: "Only these priorities" }),
  assignee: z.union([z.literal("none"), email]).optional().meta({ description: "Only requests assigned to this member (email), or `none` for unassigned ones" }),
  requester: email.optional().meta({ description: "Only requests made by this member (email)" }),
  q: z.string().trim().max(200).optional().meta({ description: "Words in the title (case-insensitive)" }),
  ordering: z
    .enum(Object.keys(ORDERINGS) as [keyof typeof ORDERINGS, ...(keyof typeof ORDERINGS)[]])
    .default("-created_date")
    .meta({ description: "Sort key; `-` for descending. Default: newest first" }),
  ...pageQuery,
});

export const requestRoutes = [
  defineRoute({
    method: "GET",
    path: "/requests",
    operationId: "listRequests",
    tag: "Requests",
    summary: "List requests",
    description: "Requests the token may see (private ones only for their requester, assignee and admins), filtered and ordered.",
    scope: { resource: "requests", level: "read" },
    kind: "list",
    query: listQuery,
    response: requestObject,
    errors: [400, 422],
    handle: async ({ tenant, query }) => {
      const page = await listFullRequests(tenant, {
        status: query.status,
        priority: query.priority,
        assigneeId: query.assignee === "none" ? null : undefined,
        assigneeEmail: query.assignee === "none" ? undefined : query.assignee,
        requesterEmail: query.requester,
        q: query.q || undefined,
        sort: ORDERINGS[query.ordering],
        limit: query.limit,
        cursor: query.cursor,
      });
      return { items: page.items.map((request) => serializeRequest(request, tenant.dataspace)), nextCursor: page.nextCursor };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/requests",
    operationId: "createRequest",
    tag: "Requests",
    summary: "Create a request",
    description: "Publishes `request.added`. Send an `Idempotency-Key` to retry safely.",
    scope: { resource: "requests", level: "write" },
    kind: "object",
    status: 201,
    body: requestCreateBody,
    response: requestObject,
    fieldNames,
    errors: [400, 409, 413, 415, 422],
    handle: async ({ tenant, body }) => {
      const assigneeId = await memberIdByEmail(tenant, body.assignee, "assignee");
      const input = createRequestInput.parse({ ...toDomain(body), assigneeId });
      return serializeRequest(await createRequest(tenant, input), tenant.dataspace);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/requests/{uuid}",
    operationId: "getRequest",
    tag: "Requests",
    summary: "Get a request",
    description: "With its comments. Send `If-None-Match` with the ETag you have to get 304 when it has not changed.",
    scope: { resource: "requests", level: "read" },
    kind: "object",
    params: uuidParams,
    response: requestObject,
    errors: [404],
    handle: async ({ tenant, params }) => serializeRequest(await getRequest(tenant, params.uuid), tenant.dataspace),
  }),
  defineRoute({
    method: "PATCH",
    path: "/requests/{uuid}",
    operationId: "updateRequest",
    tag: "Requests",
    summary: "Update a request",
    description:
      "Changes the fields sent; closing is `{\"status\": \"closed\"}` (requests are closed, not deleted). Publishes `request.updated` when something changed. Send `If-Match` with the ETag you read to refuse the change (412) if someone changed the request since.",
    scope: { resource: "requests", level: "write" },
    kind: "object",
    params: uuidParams,
    body: requestUpdateBody,
    response: requestObject,
    fieldNames,
    errors: [400, 404, 412, 413, 415, 422],
    handle: async ({ tenant, params, body, ifMatch }) => {
      const assigneeId = await memberIdByEmail(tenant, body.assignee, "assignee");
      const input = updateRequestInput.parse({ id: params.uuid, patch: { ...toDomain(body), ...(assigneeId !== undefined ? { assigneeId } : {}) } });
      const updated = await updateRequest(tenant, input, { precondition: (current) => ifMatch(serializeRequest(current, tenant.dataspace)) });
      return serializeRequest(updated, tenant.dataspace);
    },
  }),
];
