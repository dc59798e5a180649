"use client";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const full = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const short = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const withYear = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric" });

export function formatDateTime(date: Date): string {
  return full.format(date);
}

export function relativeTime(date: Date, now = Date.now()): string {
  const diff = now - date.getTime();
  if (diff < 0) {
    const ahead = -diff;
    if (ahead < HOUR) return `in ${Math.max(1, Math.round(ahead / MINUTE))} min`;
    if (ahead < DAY) return `in ${Math.round(ahead / HOUR)} h`;
    const days = Math.round(ahead / DAY);
    return `in ${days} day${days === 1 ? "" : "s"}`;
  }
  if (diff < MINUTE) return "just now";
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  if (diff < 7 * DAY) {
    const days = Math.floor(diff / DAY);
    return `${days} day${days === 1 ? "" : "s"} ago`;
  }
  return new Date(now).getFullYear() === date.getFullYear() ? short.format(date) : withYear.format(date);
}

/** "5 min ago", with the exact time on hover. Server and browser clocks differ slightly, hence the warning suppression. */
export function RelativeTime({ date, className }: { date: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className={className} suppressHydrationWarning>
      {relativeTime(date)}
    </time>
  );
}
