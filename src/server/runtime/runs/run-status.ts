import { Prisma } from "@/generated/prisma/client";
import type { RunStatus } from "./runs.schema";

/**
 * The status a person wants to see, from the stored one and the run's pending work: a RUNNING
 * run with no call due or in progress is sleeping (a SLEEP timer) or waiting (for an event, or
 * an invoked function). A run with a call pending, a retry included, is running.
 */
export const RUN_STATUS_SQL = Prisma.sql`CASE
  WHEN r.status <> 'RUNNING' THEN r.status::text
  WHEN EXISTS (SELECT 1 FROM runtime_job j WHERE j.run_id = r.id AND j.kind = 'CALL') THEN 'RUNNING'
  WHEN EXISTS (SELECT 1 FROM runtime_wait w WHERE w.run_id = r.id)
    OR EXISTS (SELECT 1 FROM runtime_job j WHERE j.run_id = r.id AND j.kind = 'INVOKE_TIMEOUT') THEN 'WAITING'
  WHEN EXISTS (SELECT 1 FROM runtime_job j WHERE j.run_id = r.id AND j.kind = 'SLEEP') THEN 'SLEEPING'
  ELSE 'RUNNING' END`;

/** The stored status a shown status comes from, so a status filter can use the index. */
export function storedStatus(status: RunStatus): string {
  return status === "SLEEPING" || status === "WAITING" ? "RUNNING" : status;
}

export const isActive = (status: RunStatus) => status === "QUEUED" || status === "RUNNING" || status === "SLEEPING" || status === "WAITING";
