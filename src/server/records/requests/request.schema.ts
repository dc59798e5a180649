import { z } from "zod";

export const REQUEST_STATUSES = ["draft", "open", "in_progress", "blocked", "closed"] as const;
export const REQUEST_PRIORITIES = ["low", "normal", "high", "urgent"] as const;

export const PRIORITY_LABELS: Record<(typeof REQUEST_PRIORITIES)[number], string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

/** A request as the outside world sees it: DejaCode's webhook payload shape, field for field. */
export const requestPayloadSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  title: z.string(),
  request_template: z.string().nullable(),
  request_template_name: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  priority: z.string().describe("Priority label, e.g. Urgent"),
  assignee: z.string().nullable().describe("Assignee's email"),
  product_context: z.string().nullable(),
  notes: z.string(),
  serialized_data: z.record(z.string(), z.unknown()),
  is_private: z.boolean(),
  requester: z.string().describe("Requester's email"),
  content_type: z.string().nullable(),
  content_object: z.string().nullable(),
  content_object_display_name: z.string().nullable(),
  cc_emails: z.array(z.string()),
  last_modified_by: z.string().nullable(),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
  comments: z.array(
    z.object({ uuid: z.string().uuid(), user: z.string(), text: z.string(), created_date: z.string() }),
  ),
  dataspace: z.string().describe("Dataspace name"),
});

export type RequestPayload = z.infer<typeof requestPayloadSchema>;

export const requestCommentPayloadSchema = z.object({
  uuid: z.string().uuid(),
  user: z.string(),
  text: z.string(),
  created_date: z.string(),
  /** Only on a comment written on a platform and synced here (issue sync): where, by whom. */
  source: z.object({ platform: z.string(), author: z.string().nullable(), url: z.string().nullable() }).optional(),
  request: requestPayloadSchema.pick({ uuid: true, title: true, api_url: true, absolute_url: true, status: true }),
  dataspace: z.string(),
});

export type RequestCommentPayload = z.infer<typeof requestCommentPayloadSchema>;

// ── inputs (shared by tRPC and, later, REST) ──

// Text that PostgreSQL cannot store (NUL, lone surrogates) is refused at the edges, for every
// field at once: see src/server/validation/text.ts.

const ccEmails = z
  .array(z.string().trim().toLowerCase().email("Not a valid email address"))
  .max(50, "At most 50 CC addresses");

// The fields without defaults: an update's patch must not fill in what it leaves out (in zod 4,
// `.partial()` keeps `.default()`, so a one-field patch would reset every other field).
const requestFields = {
  title: z.string().trim().min(1, "Title is required").max(300, "Title is at most 300 characters"),
  status: z.enum(REQUEST_STATUSES),
  priority: z.enum(REQUEST_PRIORITIES),
  assigneeId: z.string().uuid("Unknown assignee").nullable(),
  notes: z.string().max(100_000, "Notes are at most 100 000 characters"),
  serializedData: z
    .record(
      z.string().min(1).max(100),
      z.union([z.string().max(10_000, "Custom field values are at most 10 000 characters"), z.number(), z.boolean(), z.null()]),
    )
    .refine((v) => Object.keys(v).length <= 100, "At most 100 custom fields"),
  productContext: z.string().trim().max(300).nullable(),
  isPrivate: z.boolean(),
  ccEmails,
};

export const requestFieldsSchema = z.object({
  ...requestFields,
  status: requestFields.status.default("open"),
  priority: requestFields.priority.default("normal"),
  assigneeId: requestFields.assigneeId.default(null),
  notes: requestFields.notes.default(""),
  serializedData: requestFields.serializedData.default({}),
  productContext: requestFields.productContext.default(null),
  isPrivate: requestFields.isPrivate.default(false),
  ccEmails: requestFields.ccEmails.default([]),
});

export const createRequestInput = requestFieldsSchema;
export type CreateRequestInput = z.input<typeof createRequestInput>;

export const updateRequestInput = z.object({
  id: z.string().uuid("Unknown request"),
  patch: z.object(requestFields).partial().refine((p) => Object.keys(p).length > 0, "Nothing to change"),
});
export type UpdateRequestInput = z.input<typeof updateRequestInput>;

export const listCommentsInput = z.object({
  requestId: z.string().uuid("Unknown request"),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const addCommentInput = z.object({
  requestId: z.string().uuid("Unknown request"),
  text: z.string().trim().min(1, "Comment is empty").max(20_000, "Comment is at most 20 000 characters"),
});

/** List orders: a timestamp, newest first with `-`; ties broken by id in the same direction. */
export const REQUEST_SORTS = ["-createdAt", "createdAt", "-updatedAt", "updatedAt"] as const;

const memberEmail = z.string().trim().toLowerCase().email("Not a valid email address");

export const listRequestsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  status: z.array(z.enum(REQUEST_STATUSES)).max(5).optional(),
  priority: z.array(z.enum(REQUEST_PRIORITIES)).max(4).optional(),
  assigneeId: z.string().uuid().nullish(),
  requesterId: z.string().uuid().optional(),
  // The REST API names people by email, as its objects do.
  assigneeEmail: memberEmail.optional(),
  requesterEmail: memberEmail.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(REQUEST_SORTS).optional(), // -createdAt
});
export type ListRequestsInput = z.input<typeof listRequestsInput>;
