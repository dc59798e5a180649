import { z } from "zod";
import { normalizeEventPatterns, validateFilter, validateTemplate } from "@/server/webhooks/rules";
import { AppError } from "@/server/errors";

/**
 * A notification rule as a user writes it (tRPC takes it as is; REST maps its snake_case names
 * onto it). Everything a rule's meaning depends on is checked here, once, for every surface; what
 * needs the database (the integration exists, is of the channel's kind, can choose a channel) is
 * checked by manage-rules.ts.
 */
export const NOTIFICATION_CHANNELS = ["SLACK", "TEAMS", "EMAIL"] as const;
export const MEMBER_ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;
export const MAX_THROTTLE_PER_MINUTE = 1_000;
const MAX_RECIPIENTS = 50;

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Zod refinement for the rules' own checks, which throw AppErrors with the message to show. */
function via<T>(check: (value: T) => unknown) {
  return (value: T, ctx: z.RefinementCtx) => {
    try {
      check(value);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message.replace(/^[a-z][a-z ]*: /i, "") });
    }
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const quietHoursSchema = z
  .object({
    start: z.string().regex(HH_MM, 'start must be a time like "22:00"'),
    end: z.string().regex(HH_MM, 'end must be a time like "07:00"'),
    timeZone: z.string().refine(isTimeZone, "timeZone must be an IANA time zone like Europe/Paris or UTC"),
  })
  .strict()
  .refine((q) => q.start !== q.end, "start and end must differ");
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const messageTemplateSchema = z
  .object({
    title: z.string().trim().min(1, "the template's title is empty").max(300, "the template's title is at most 300 characters"),
    text: z.string().max(3_000, "the template's text is at most 3 000 characters").optional(),
  })
  .strict()
  .superRefine(via((t) => validateTemplate(JSON.stringify(t))));

export const slackDestinationSchema = z
  .object({
    channel: z
      .string()
      .regex(/^(?:#[a-z0-9._-]{1,80}|[CGD][A-Z0-9]{8,})$/, 'channel must be "#name" (lower-case) or a channel id like "C0123456789"')
      .optional(),
  })
  .strict();
export const emailDestinationSchema = z
  .object({
    to: z.array(z.string().trim().email("each recipient must be an email address")).max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`).default([]),
    roles: z.array(z.enum(MEMBER_ROLES)).max(4).default([]),
  })
  .strict()
  .refine((d) => d.to.length > 0 || d.roles.length > 0, "name recipients (to) or roles of the dataspace's members (roles), or both");
export const teamsDestinationSchema = z.object({}).strict();

export const ruleFields = {
  name: z.string().trim().min(1, "Name is required").max(200, "Name is at most 200 characters"),
  isActive: z.boolean(),
  // Checked and normalized in one pass: a refusal becomes the field's issue.
  eventTypes: z.array(z.string()).transform((patterns, ctx) => {
    try {
      return normalizeEventPatterns(patterns);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message.replace(/^[a-z][a-z ]*: /i, "") });
      return z.NEVER;
    }
  }),
  filter: z
    .string()
    .nullable()
    .superRefine(via((f: string | null) => f && validateFilter(f)))
    .transform((f) => (f && f.trim() !== "" ? f.trim() : null)),
  channel: z.enum(NOTIFICATION_CHANNELS),
  integrationId: z.string().uuid("integration must be an integration's uuid").nullable(),
  destination: z.record(z.string(), z.unknown()),
  template: messageTemplateSchema.nullable(),
  quietHours: quietHoursSchema.nullable(),
  throttlePerMinute: z.number().int().min(1, "throttle must be at least 1 message a minute").max(MAX_THROTTLE_PER_MINUTE).nullable(),
};

export const createRuleInput = z.object({
  ...ruleFields,
  isActive: ruleFields.isActive.default(true),
  filter: ruleFields.filter.default(null),
  integrationId: ruleFields.integrationId.default(null),
  destination: ruleFields.destination.default({}),
  template: ruleFields.template.default(null),
  quietHours: ruleFields.quietHours.default(null),
  throttlePerMinute: ruleFields.throttlePerMinute.default(null),
});
export type CreateRuleInput = z.infer<typeof createRuleInput>;

export const updateRuleInput = z.object(ruleFields).partial();
export type UpdateRuleInput = z.infer<typeof updateRuleInput>;

/** The destination for the channel, checked; throws a BAD_REQUEST naming the field. */
export function destinationFor(channel: (typeof NOTIFICATION_CHANNELS)[number], destination: unknown) {
  const schema = channel === "SLACK" ? slackDestinationSchema : channel === "EMAIL" ? emailDestinationSchema : teamsDestinationSchema;
  const parsed = schema.safeParse(destination ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ["destination", ...issue.path].join(".");
    throw new AppError("BAD_REQUEST", `${where}: ${issue.message}`, { fieldErrors: { destination: [issue.message] } });
  }
  return parsed.data as { channel?: string; to?: string[]; roles?: (typeof MEMBER_ROLES)[number][] };
}

