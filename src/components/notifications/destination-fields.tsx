"use client";

import Link from "next/link";
import { useDataspace } from "@/components/dataspace/dataspace-context";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { CHANNEL_LABELS, INTEGRATION_TYPE_OF_CHANNEL, MEMBER_ROLES, ROLE_PLURALS, type MemberRole, type RuleChannel } from "./labels";
import type { RuleFormField, RuleFormValues } from "./rule-input";
import type { NotifierIntegration } from "./use-notifier-integrations";

type Props = {
  values: RuleFormValues;
  onChange: (changes: Partial<RuleFormValues>) => void;
  errors: Partial<Record<RuleFormField, string>>;
  integrations: NotifierIntegration[];
};

const capitalize = (word: string) => word[0].toUpperCase() + word.slice(1);

/** Where a rule's messages go: the channel, the integration it sends through, and the Slack channel or email recipients. */
export function DestinationFields({ values, onChange, errors, integrations }: Props) {
  const { slug } = useDataspace();
  const choices = values.channel === "email" ? [] : integrations.filter((i) => i.type === INTEGRATION_TYPE_OF_CHANNEL[values.channel as "slack" | "teams"]);
  const kind = CHANNEL_LABELS[values.channel];

  function changeChannel(channel: RuleChannel) {
    const first = channel === "email" ? undefined : integrations.find((i) => i.type === INTEGRATION_TYPE_OF_CHANNEL[channel]);
    onChange({ channel, integrationId: first?.id ?? "" });
  }

  function toggleRole(role: MemberRole, on: boolean) {
    onChange({ emailRoles: on ? MEMBER_ROLES.filter((r) => r === role || values.emailRoles.includes(r)) : values.emailRoles.filter((r) => r !== role) });
  }

  return (
    <>
      <SelectField label="Channel" name="channel" value={values.channel} onChange={(e) => changeChannel(e.target.value as RuleChannel)} error={errors.channel} className="sm:w-64">
        <option value="slack">Slack</option>
        <option value="teams">Microsoft Teams</option>
        <option value="email">Email</option>
      </SelectField>

      {values.channel !== "email" && (
        <SelectField
          label="Integration"
          name="integrationId"
          value={values.integrationId}
          onChange={(e) => onChange({ integrationId: e.target.value })}
          error={errors.integrationId}
          hint={
            choices.length === 0 ? (
              <>
                No {kind} integration in this dataspace yet:{" "}
                <Link href={`/d/${slug}/integrations/new`} className="font-medium text-indigo-700 hover:underline">
                  add one
                </Link>{" "}
                first (docs/notifications.md says how to connect it).
              </>
            ) : (
              `The ${kind} connection messages are posted through.`
            )
          }
        >
          <option value="">Choose a {kind} integration…</option>
          {choices.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </SelectField>
      )}

      {values.channel === "slack" && (
        <TextField
          label="Slack channel"
          name="slackChannel"
          value={values.slackChannel}
          onChange={(e) => onChange({ slackChannel: e.target.value })}
          error={errors.slackChannel}
          placeholder="#ops"
          autoComplete="off"
          className="sm:w-80"
          hint="Optional: #name (lower-case) or a channel id. Needs the integration's bot token; left empty, messages go to the integration's default channel, or its incoming webhook's."
        />
      )}

      {values.channel === "email" && (
        <>
          <TextAreaField
            label="Recipients"
            name="emailTo"
            rows={3}
            value={values.emailTo}
            onChange={(e) => onChange({ emailTo: e.target.value })}
            error={errors.emailTo}
            placeholder="oncall@example.com"
            hint="Email addresses, comma separated or one per line (up to 50). Sent through the instance's mail server (SMTP_URL)."
          />
          <fieldset aria-describedby={errors.emailRoles ? "rule-roles-error" : "rule-roles-hint"}>
            <legend className="text-sm font-medium text-slate-800">Members by role</legend>
            <p id="rule-roles-hint" className="mt-0.5 text-xs text-slate-500">Also email every member of the dataspace with these roles.</p>
            <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
              {MEMBER_ROLES.map((role) => (
                <CheckboxField
                  key={role}
                  label={capitalize(ROLE_PLURALS[role])}
                  checked={values.emailRoles.includes(role)}
                  onChange={(e) => toggleRole(role, e.target.checked)}
                />
              ))}
            </div>
            {errors.emailRoles && (
              <p id="rule-roles-error" className="mt-2 text-sm text-red-600">
                {errors.emailRoles}
              </p>
            )}
          </fieldset>
        </>
      )}
    </>
  );
}
