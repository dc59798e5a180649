import type { inferRouterOutputs } from "@trpc/server";
import { Badge, type Tone } from "@/components/ui/badge";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["notification"];
export type NotificationRule = Outputs["get"];
export type NotificationMessage = Outputs["messages"]["items"][number];
export type RuleChannel = NotificationRule["channel"];
export type MessageStatus = NotificationMessage["status"];

export const rulesPath = (slug: string) => `/d/${slug}/notifications`;
export const rulePath = (slug: string, id: string) => `/d/${slug}/notifications/${id}`;

export const CHANNEL_LABELS: Record<RuleChannel, string> = { slack: "Slack", teams: "Microsoft Teams", email: "Email" };

/** The integration type a channel sends through (none for email: the operator's SMTP). */
export const INTEGRATION_TYPE_OF_CHANNEL = { slack: "SLACK", teams: "MS_TEAMS" } as const;

// Mirrors MEMBER_ROLES in src/server/notifications/rule.schema.ts (client bundles do not pull in the server's zod schemas).
export const MEMBER_ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const ROLE_PLURALS: Record<MemberRole, string> = { OWNER: "owners", ADMIN: "admins", MEMBER: "members", VIEWER: "viewers" };

/** The message log's statuses, as `notification.messages` filters them. */
export const MESSAGE_STATUSES = ["PENDING", "SENT", "FAILED", "FOLDED"] as const;
export type MessageStatusFilter = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = { pending: "Pending", sent: "Sent", failed: "Failed", folded: "Folded into digest" };
const MESSAGE_TONES: Record<MessageStatus, Tone> = { pending: "indigo", sent: "emerald", failed: "red", folded: "slate" };

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <Badge tone={MESSAGE_TONES[status]}>{MESSAGE_STATUS_LABELS[status]}</Badge>;
}

/** The log's input for a status tab ("" is All, the one the page prefetches). */
export function messagesInput(slug: string, id: string, status: MessageStatusFilter | "") {
  return { dataspace: slug, id, ...(status ? { status } : {}) };
}

/** "Off" is the admin's switch; "Failing" the platform's verdict on the last message. */
export function RuleStateBadge({ rule }: { rule: Pick<NotificationRule, "is_active" | "state"> }) {
  if (rule.state === "failing") return <Badge tone="red">Failing</Badge>;
  return rule.is_active ? <Badge tone="emerald">Active</Badge> : <Badge tone="slate">Off</Badge>;
}

type Destination = { channel?: string; to?: string[]; roles?: MemberRole[] };

/**
 * Where a rule's messages go, in words: "Slack #ops via Ops Slack", "Email: oncall@example.com,
 * admins". `integrationName` is unknown to members (only admins may list integrations).
 */
export function destinationInWords(rule: Pick<NotificationRule, "channel" | "destination">, integrationName?: string): string {
  const destination = rule.destination as Destination;
  const via = integrationName ? ` via ${integrationName}` : "";
  if (rule.channel === "email") {
    const recipients = [...(destination.to ?? []), ...(destination.roles ?? []).map((role) => ROLE_PLURALS[role])];
    return `Email: ${recipients.join(", ")}`;
  }
  if (rule.channel === "slack") return `Slack ${destination.channel ?? "(the integration's channel)"}${via}`;
  return `Microsoft Teams${via}`;
}

export function throttleInWords(perMinute: number | null): string {
  return perMinute === null ? "No limit" : `At most ${perMinute} a minute, the rest in a digest`;
}

export function quietHoursInWords(quiet: NotificationRule["quiet_hours"]): string {
  return quiet === null ? "None" : `Quiet ${quiet.start}–${quiet.end} (${quiet.timeZone})`;
}

export function EventPatternList({ patterns }: { patterns: string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {patterns.map((p) => (
        <Badge key={p} tone="indigo" className="font-mono">{p}</Badge>
      ))}
    </span>
  );
}
