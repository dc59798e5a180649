import { Timestamp } from "@/components/runs/time";
import { Card } from "@/components/ui/card";
import { Detail, Muted } from "@/components/webhooks/detail-parts";
import { CHANNEL_LABELS, destinationInWords, EventPatternList, quietHoursInWords, RuleStateBadge, throttleInWords, type NotificationRule } from "./labels";

/** Whether the rule's messages go through, and, when not, the platform's words. */
export function RuleStateCard({ rule }: { rule: NotificationRule }) {
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">State</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="State"><RuleStateBadge rule={rule} /></Detail>
        {rule.state === "failing" ? (
          <>
            <Detail label="The platform said"><span className="text-red-700">{rule.last_error ?? "No answer kept"}</span></Detail>
            {rule.last_error_date && <Detail label="Since"><Timestamp date={new Date(rule.last_error_date)} /></Detail>}
            <p className="text-xs text-slate-500">Fix the destination or the integration; the next message that goes through makes the rule active again.</p>
          </>
        ) : (
          !rule.is_active && <p className="text-xs text-slate-500">Switched off: events make no messages until it is on again.</p>
        )}
      </dl>
    </Card>
  );
}

export function RuleSettingsCard({ rule, integrationName }: { rule: NotificationRule; integrationName?: string }) {
  return (
    <Card className="p-6">
      <h2 className="text-sm font-semibold text-slate-900">Settings</h2>
      <dl className="mt-4 space-y-4 text-sm">
        <Detail label="Channel">{CHANNEL_LABELS[rule.channel]}</Detail>
        <Detail label="Destination">{destinationInWords(rule, integrationName)}</Detail>
        <Detail label="Events"><EventPatternList patterns={rule.events} /></Detail>
        <Detail label="Filter">{rule.filter ? <code className="font-mono text-xs break-words">{rule.filter}</code> : <Muted>Every matching event</Muted>}</Detail>
        <Detail label="Message">
          {rule.template ? (
            <>
              <span className="font-mono text-xs">{rule.template.title}</span>
              {rule.template.text && <p className="mt-1 font-mono text-xs whitespace-pre-wrap text-slate-600">{rule.template.text}</p>}
            </>
          ) : (
            <Muted>The default message for each event type</Muted>
          )}
        </Detail>
        <Detail label="Quiet hours">{rule.quiet_hours ? quietHoursInWords(rule.quiet_hours) : <Muted>None</Muted>}</Detail>
        <Detail label="Throttle">{rule.throttle_per_minute === null ? <Muted>No limit</Muted> : throttleInWords(rule.throttle_per_minute)}</Detail>
        <Detail label="Created"><Timestamp date={new Date(rule.created_date)} /></Detail>
      </dl>
    </Card>
  );
}
