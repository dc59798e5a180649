import { TRPCClientError } from "@trpc/client";
import { errorMessage } from "@/trpc/errors";
import type { RuleChannel } from "./labels";
import type { RuleFormField } from "./rule-input";

type ErrorData = { fieldErrors?: Record<string, string[]> | null };

/** The API's name for a value (`quietHours.start`, `destination.to.2`, `integration`) → the form field showing it. */
function fieldOf(path: string, channel: RuleChannel): RuleFormField | undefined {
  const p = path.replace(/^changes\./, "");
  if (p.startsWith("destination.channel")) return "slackChannel";
  if (p.startsWith("destination.to")) return "emailTo";
  if (p.startsWith("destination.roles")) return "emailRoles";
  if (p === "destination") return channel === "email" ? "emailTo" : channel === "slack" ? "slackChannel" : "integrationId";
  if (p === "template.text") return "templateText";
  if (p.startsWith("template")) return "templateTitle";
  if (p === "quietHours.start") return "quietStart";
  if (p === "quietHours.timeZone") return "quietTimeZone";
  if (p.startsWith("quietHours")) return "quietEnd";
  const top: Record<string, RuleFormField> = {
    name: "name",
    isActive: "isActive",
    eventTypes: "events",
    filter: "filter",
    channel: "channel",
    integrationId: "integrationId",
    integration: "integrationId",
    throttlePerMinute: "throttle",
  };
  return top[p.split(".")[0]];
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A failed create or update, split for the form: messages by the fields they are about, and the
 * rest for above the buttons. Schema errors name their field by path; the domain's checks
 * (src/server/notifications/manage-rules.ts) say "<field>: <why>" in their message.
 */
export function ruleFormErrors(error: unknown, channel: RuleChannel): { fields: Partial<Record<RuleFormField, string>>; general: string | null } {
  if (!error) return { fields: {}, general: null };
  const fields: Partial<Record<RuleFormField, string>> = {};
  const raw = error instanceof TRPCClientError ? ((error.data as ErrorData | undefined)?.fieldErrors ?? null) : null;
  const message = errorMessage(error);
  const prefixed = /^([A-Za-z_][\w.]*): (.+)$/s.exec(message);
  if (prefixed && fieldOf(prefixed[1], channel)) {
    fields[fieldOf(prefixed[1], channel)!] = sentence(prefixed[2]);
  } else if (raw) {
    for (const [path, messages] of Object.entries(raw)) {
      const field = fieldOf(path, channel);
      if (field && !fields[field] && messages[0]) fields[field] = sentence(messages[0]);
    }
  }
  return { fields, general: Object.keys(fields).length > 0 ? null : message };
}
