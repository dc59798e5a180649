import { z } from "zod";

/** A window's lifecycle: the runtime moves it on at its scheduled times (or a member ends it early). */
export const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "completed"] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const MAINTENANCE_STATUS_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Completed",
};

/** How far ahead a window may be scheduled: durable timers (Inngest's sleeps) last at most a year. */
export const MAX_DAYS_AHEAD = 365;
/** How far back a window's start may be put (a window that began a little earlier is recorded as starting now). */
export const MAX_HOURS_BACK = 24;

const DAY_MS = 86_400_000;

/** One entry of a window's timeline. */
export const maintenanceUpdatePayloadSchema = z.object({
  uuid: z.string().uuid(),
  message: z.string(),
  status: z.enum(MAINTENANCE_STATUSES).describe("The window's status when the update was posted"),
  author: z.string().nullable().describe("Author's email; null for the runtime's own entries (started, completed)"),
  created_date: z.string().describe("ISO 8601"),
});
export type MaintenanceUpdatePayload = z.infer<typeof maintenanceUpdatePayloadSchema>;

/** A maintenance window as webhooks, the REST API and the runtime see it. */
export const maintenancePayloadSchema = z.object({
  api_url: z.string(),
  absolute_url: z.string(),
  uuid: z.string().uuid(),
  title: z.string(),
  description: z.string(),
  status: z.enum(MAINTENANCE_STATUSES),
  scheduled_start: z.string().describe("ISO 8601: when the runtime starts the window"),
  scheduled_end: z.string().describe("ISO 8601: when the runtime completes the window"),
  started_date: z.string().nullable().describe("ISO 8601: when it really started; null while scheduled, and for a window cancelled before it started"),
  completed_date: z.string().nullable().describe("ISO 8601: when it was completed (or cancelled)"),
  services: z
    .array(z.object({ uuid: z.string().uuid(), name: z.string(), api_url: z.string() }))
    .describe("The services it affects: under maintenance while it is in progress"),
  updates: z.array(maintenanceUpdatePayloadSchema).describe("The timeline, oldest first"),
  created_by: z.string().nullable().describe("Email of who scheduled it"),
  created_date: z.string().describe("ISO 8601"),
  last_modified_date: z.string().describe("ISO 8601"),
  dataspace: z.string().describe("Dataspace name"),
});
export type MaintenancePayload = z.infer<typeof maintenancePayloadSchema>;

export const maintenanceUpdatedPayloadSchema = maintenancePayloadSchema.extend({
  changes: z
    .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
    .describe("The fields that changed, by payload field name (empty when only an update was posted)"),
  update: maintenanceUpdatePayloadSchema.nullable().describe("The timeline entry posted, when that is what happened"),
  rescheduled: z.boolean().describe("scheduled_start or scheduled_end changed: the runtime follows the new times"),
});

export const maintenanceCompletedPayloadSchema = maintenancePayloadSchema.extend({
  cancelled: z.boolean().describe("Cancelled before it started (started_date is null) rather than completed"),
});

// ── inputs (shared by tRPC and REST) ──

// Text that PostgreSQL cannot store (NUL, lone surrogates) is refused at the edges, for every
// field at once: see src/server/validation/text.ts.

const title = z.string().trim().min(1, "Title is required").max(300, "Title is at most 300 characters");
const description = z.string().trim().max(10_000, "Description is at most 10 000 characters");
const when = z.date({ error: "Not a valid date and time" });
const serviceIds = z
  .array(z.string().uuid("Unknown service"))
  .max(100, "At most 100 services")
  .transform((ids) => [...new Set(ids)]);
const message = z.string().trim().min(1, "The update is empty").max(20_000, "An update is at most 20 000 characters");

export const scheduleMaintenanceInput = z.object({
  title,
  description: description.default(""),
  scheduledStart: when,
  scheduledEnd: when,
  serviceIds: serviceIds.default([]),
});
export type ScheduleMaintenanceInput = z.input<typeof scheduleMaintenanceInput>;

export const updateMaintenanceInput = z.object({
  id: z.string().uuid("Unknown maintenance window"),
  patch: z
    .object({ title, description, scheduledStart: when, scheduledEnd: when, serviceIds })
    .partial()
    .refine((p) => Object.values(p).some((v) => v !== undefined), "Nothing to change"),
});
export type UpdateMaintenanceInput = z.input<typeof updateMaintenanceInput>;

export const addMaintenanceUpdateInput = z.object({
  maintenanceId: z.string().uuid("Unknown maintenance window"),
  message,
});

/** Completing early or cancelling: an optional note for the timeline. */
export const endMaintenanceInput = z.object({
  id: z.string().uuid("Unknown maintenance window"),
  message: message.optional(),
});

/** List orders: by scheduled start, latest first with `-`; ties broken by id in the same direction. */
export const MAINTENANCE_SORTS = ["-scheduledStart", "scheduledStart"] as const;

export const listMaintenancesInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
  status: z.array(z.enum(MAINTENANCE_STATUSES)).max(3).optional(),
  serviceId: z.string().uuid().optional(),
  sort: z.enum(MAINTENANCE_SORTS).optional(), // -scheduledStart
});
export type ListMaintenancesInput = z.input<typeof listMaintenancesInput>;

/**
 * The rules for a window's times that depend on the clock; field errors name what is wrong.
 * `changed` says which of the two the caller set (a window's own past start is not held against
 * a later edit of its title).
 */
export function timeErrors(
  times: { start: Date; end: Date },
  changed: { start: boolean; end: boolean },
  now: Date,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (changed.start && times.start.getTime() < now.getTime() - MAX_HOURS_BACK * 3_600_000) {
    errors.scheduledStart = [`The start can be at most ${MAX_HOURS_BACK} hours in the past`];
  } else if (changed.start && times.start.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
    errors.scheduledStart = [`The start can be at most ${MAX_DAYS_AHEAD} days ahead`];
  }
  if (changed.start || changed.end) {
    if (times.end.getTime() <= times.start.getTime()) {
      if (changed.end) errors.scheduledEnd = ["The end must be after the start"];
      else errors.scheduledStart ??= ["The start must be before the end"];
    } else if (changed.end && times.end.getTime() <= now.getTime()) errors.scheduledEnd = ["The end must be in the future"];
    else if (changed.end && times.end.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
      errors.scheduledEnd = [`The end can be at most ${MAX_DAYS_AHEAD} days ahead`];
    }
  }
  return errors;
}
