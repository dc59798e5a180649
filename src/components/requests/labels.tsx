import type { RequestPriority, RequestStatus } from "@/generated/prisma/enums";
import { Badge, type Tone } from "@/components/ui/badge";

// Mirrors REQUEST_STATUSES / REQUEST_PRIORITIES in src/server/records/requests/request.schema.ts,
// kept here so client bundles do not pull in the server's zod schemas.
export const STATUSES: RequestStatus[] = ["draft", "open", "in_progress", "blocked", "closed"];
export const PRIORITIES: RequestPriority[] = ["low", "normal", "high", "urgent"];

export const STATUS_LABELS: Record<RequestStatus, string> = {
  draft: "Draft",
  open: "Open",
  in_progress: "In progress",
  blocked: "Blocked",
  closed: "Closed",
};

export const PRIORITY_LABELS: Record<RequestPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

const STATUS_TONES: Record<RequestStatus, Tone> = {
  draft: "slate",
  open: "emerald",
  in_progress: "indigo",
  blocked: "amber",
  closed: "slate",
};

const PRIORITY_TONES: Record<RequestPriority, Tone> = { low: "slate", normal: "sky", high: "amber", urgent: "red" };

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function PriorityBadge({ priority }: { priority: RequestPriority }) {
  return <Badge tone={PRIORITY_TONES[priority]}>{PRIORITY_LABELS[priority]}</Badge>;
}

export function personLabel(person: { name: string | null; email: string } | null | undefined): string {
  if (!person) return "Unassigned";
  return person.name?.trim() || person.email;
}
