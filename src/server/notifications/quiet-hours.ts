import type { QuietHours } from "./rule.schema";

/** Minutes since local midnight in `timeZone` at `at`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value("hour") * 60 + value("minute");
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the quiet hours around `at` end, or null when `at` is outside them. A window may span
 * midnight (22:00 → 07:00). The end is counted in whole local minutes from `at`, so a
 * daylight-saving change inside the window moves it by that hour at most — a message then waits
 * an hour more or less, which is fine for a "not at night" rule.
 */
export function quietUntil(quiet: QuietHours | null, at: Date): Date | null {
  if (!quiet) return null;
  const now = localMinutes(at, quiet.timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const minutesLeft = (end - now + 1_440) % 1_440;
  const endAt = new Date(at.getTime() + minutesLeft * 60_000);
  endAt.setUTCSeconds(0, 0);
  return endAt;
}
