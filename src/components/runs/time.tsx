"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "./labels";

// Runs are read to the second (steps take milliseconds, backoffs seconds).
const withSeconds = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/** A point in time to the second. Server and browser may format it differently (time zone), hence the warning suppression. */
export function Timestamp({ date, className }: { date: Date; className?: string }) {
  return (
    <time dateTime={date.toISOString()} className={className} suppressHydrationWarning>
      {withSeconds.format(date)}
    </time>
  );
}

export const formatTimestamp = (date: Date) => withSeconds.format(date);

/** How long a run took, or — ticking — how long it has been going. */
export function RunDuration({ startedAt, endedAt, fallback = "—" }: { startedAt: Date | null; endedAt: Date | null; fallback?: string }) {
  const [now, setNow] = useState(() => Date.now());
  const going = startedAt !== null && endedAt === null;
  useEffect(() => {
    if (!going) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [going]);
  if (!startedAt) return <span className="text-slate-400">{fallback}</span>;
  return <span suppressHydrationWarning>{formatDuration((endedAt?.getTime() ?? now) - startedAt.getTime())}</span>;
}
