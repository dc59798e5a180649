import type { Prisma } from "@/generated/prisma/client";

/** One line of a WebhookEvent's processing log, as the dashboard shows it. */
export type EventLogEntry = { at: string; message: string };

// Replays add lines forever otherwise; the oldest go first.
const MAX_ENTRIES = 100;

export function readEventLog(log: unknown): EventLogEntry[] {
  return Array.isArray(log) ? (log as EventLogEntry[]) : [];
}

export function appendEventLog(log: unknown, message: string, at = new Date()): Prisma.InputJsonArray {
  return [...readEventLog(log), { at: at.toISOString(), message }].slice(-MAX_ENTRIES);
}
