import type { MemberRole, NotificationRule, RuleChannel } from "./labels";

/** What `notification.create` takes (and, field by field, `notification.update`'s changes). */
export type RuleInput = {
  name: string;
  isActive: boolean;
  eventTypes: string[];
  filter: string | null;
  channel: "SLACK" | "TEAMS" | "EMAIL";
  integrationId: string | null;
  destination: { channel?: string; to?: string[]; roles?: MemberRole[] };
  template: { title: string; text?: string } | null;
  quietHours: { start: string; end: string; timeZone: string } | null;
  throttlePerMinute: number | null;
};

/** The form as typed: text fields stay text until submitted. */
export type RuleFormValues = {
  name: string;
  isActive: boolean;
  events: string;
  filter: string;
  channel: RuleChannel;
  integrationId: string;
  slackChannel: string;
  emailTo: string;
  emailRoles: MemberRole[];
  templateTitle: string;
  templateText: string;
  quietHoursOn: boolean;
  quietStart: string;
  quietEnd: string;
  quietTimeZone: string;
  throttle: string;
};
export type RuleFormField = Exclude<keyof RuleFormValues, "quietHoursOn">;

export const EMPTY_RULE: RuleFormValues = {
  name: "",
  isActive: true,
  events: "",
  filter: "",
  channel: "slack",
  integrationId: "",
  slackChannel: "",
  emailTo: "",
  emailRoles: [],
  templateTitle: "",
  templateText: "",
  quietHoursOn: false,
  quietStart: "22:00",
  quietEnd: "07:00",
  quietTimeZone: "UTC",
  throttle: "",
};

// Mirrors MAX_THROTTLE_PER_MINUTE in src/server/notifications/rule.schema.ts.
const MAX_THROTTLE_PER_MINUTE = 1_000;

/** "a, b" or one per line: the entries, trimmed, without blanks. */
export const splitList = (text: string) => text.split(/[,\n]+/).map((s) => s.trim()).filter(Boolean);

export function valuesFromRule(rule: NotificationRule): RuleFormValues {
  const destination = rule.destination as RuleInput["destination"];
  return {
    name: rule.name,
    isActive: rule.is_active,
    events: rule.events.join("\n"),
    filter: rule.filter ?? "",
    channel: rule.channel,
    integrationId: rule.integration ?? "",
    slackChannel: destination.channel ?? "",
    emailTo: (destination.to ?? []).join("\n"),
    emailRoles: destination.roles ?? [],
    templateTitle: rule.template?.title ?? "",
    templateText: rule.template?.text ?? "",
    quietHoursOn: rule.quiet_hours !== null,
    quietStart: rule.quiet_hours?.start ?? EMPTY_RULE.quietStart,
    quietEnd: rule.quiet_hours?.end ?? EMPTY_RULE.quietEnd,
    quietTimeZone: rule.quiet_hours?.timeZone ?? EMPTY_RULE.quietTimeZone,
    throttle: rule.throttle_per_minute === null ? "" : String(rule.throttle_per_minute),
  };
}

/**
 * The API's input from the form, or what to fix first. Only what the server cannot say well is
 * checked here (a number that is not one, a text without a title); the rest is the server's.
 */
export function inputFromValues(v: RuleFormValues): { input: RuleInput } | { errors: Partial<Record<RuleFormField, string>> } {
  const errors: Partial<Record<RuleFormField, string>> = {};
  const throttle = v.throttle.trim() === "" ? null : Number(v.throttle);
  if (throttle !== null && !Number.isInteger(throttle)) errors.throttle = "Enter a whole number of messages a minute, or leave it empty";
  else if (throttle !== null && throttle > MAX_THROTTLE_PER_MINUTE) errors.throttle = "At most 1 000 messages a minute";
  if (v.templateText.trim() && !v.templateTitle.trim()) errors.templateTitle = "Give the message a title, or leave both empty for the default message";
  const to = splitList(v.emailTo);
  if (v.channel === "email" && to.length === 0 && v.emailRoles.length === 0) errors.emailTo = "Add email addresses, choose roles, or both";
  if (v.channel !== "email" && !v.integrationId) errors.integrationId = `Choose the ${v.channel === "slack" ? "Slack" : "Microsoft Teams"} integration to send through`;
  if (Object.keys(errors).length > 0) return { errors };

  const destination: RuleInput["destination"] =
    v.channel === "email" ? { to, roles: v.emailRoles } : v.channel === "slack" && v.slackChannel.trim() ? { channel: v.slackChannel.trim() } : {};
  const title = v.templateTitle.trim();
  return {
    input: {
      name: v.name.trim(),
      isActive: v.isActive,
      eventTypes: splitList(v.events),
      filter: v.filter.trim() || null,
      channel: v.channel.toUpperCase() as RuleInput["channel"],
      integrationId: v.channel === "email" ? null : v.integrationId,
      destination,
      template: title ? { title, ...(v.templateText.trim() ? { text: v.templateText } : {}) } : null,
      quietHours: v.quietHoursOn ? { start: v.quietStart, end: v.quietEnd, timeZone: v.quietTimeZone.trim() } : null,
      throttlePerMinute: throttle,
    },
  };
}

/** What an update sends: the fields that changed; a new channel takes its integration and destination along. */
export function changedRuleFields(before: RuleInput, after: RuleInput): Partial<RuleInput> {
  const changes: Partial<RuleInput> = {};
  for (const key of Object.keys(after) as (keyof RuleInput)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) Object.assign(changes, { [key]: after[key] });
  }
  if (changes.channel) Object.assign(changes, { integrationId: after.integrationId, destination: after.destination });
  return changes;
}
