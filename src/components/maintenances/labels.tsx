import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/time";

type Status = "scheduled" | "in_progress" | "completed";

const TONES: Record<Status, Tone> = { scheduled: "sky", in_progress: "amber", completed: "emerald" };
const LABELS: Record<Status, string> = { scheduled: "Scheduled", in_progress: "In progress", completed: "Completed" };

/** A window's status; a window completed without ever starting reads "Cancelled". */
export function MaintenanceStatusBadge({ status, startedAt }: { status: Status; startedAt: Date | null }) {
  if (status === "completed" && startedAt === null) return <Badge tone="slate">Cancelled</Badge>;
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}

const timeOnly = new Intl.DateTimeFormat("en", { timeStyle: "short" });

/** "Mar 1, 2026, 10:00 PM – 11:30 PM", or both dates in full when the window spans days. */
export function formatWindow(start: Date, end: Date): string {
  const sameDay = start.toDateString() === end.toDateString();
  return `${formatDateTime(start)} – ${sameDay ? timeOnly.format(end) : formatDateTime(end)}`;
}

/** A Date as a `datetime-local` input's value, in the browser's time zone (minutes). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value read in the browser's time zone; null when empty or not a time. */
export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A window's times in the browser's time zone (the server renders its own; the browser's wins). */
export function WindowTimes({ start, end, className }: { start: Date; end: Date; className?: string }) {
  return (
    <time dateTime={start.toISOString()} className={className} suppressHydrationWarning>
      {formatWindow(start, end)}
    </time>
  );
}

/** One date and time, likewise. */
export function DateTime({ date, className }: { date: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} className={className} suppressHydrationWarning>
      {formatDateTime(date)}
    </time>
  );
}
