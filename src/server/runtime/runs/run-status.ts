import type { Prisma } from "@/generated/prisma/client";
import type { RunStatus } from "./runs.schema";

/**
 * The status a person wants to see, from the stored one and the run's pending work: a RUNNING
 * run with no call due or in progress is waiting (for an event, or an invoked function) or
 * sleeping (a SLEEP timer). A run with a call pending, a retry included, is running.
 */
export type PendingWork = { status: string; jobs: { kind: string }[]; _count: { waits: number } };

/** What a run is loaded with to tell its shown status. */
export const pendingWorkSelect = {
  status: true,
  jobs: { select: { kind: true } },
  _count: { select: { waits: true } },
} satisfies Prisma.RuntimeRunSelect;

export function shownStatus(run: PendingWork): RunStatus {
  if (run.status !== "RUNNING") return run.status as RunStatus;
  const kinds = new Set(run.jobs.map((j) => j.kind));
  if (kinds.has("CALL")) return "RUNNING";
  if (run._count.waits > 0 || kinds.has("INVOKE_TIMEOUT")) return "WAITING";
  if (kinds.has("SLEEP")) return "SLEEPING";
  return "RUNNING";
}

/** The same rule as a filter, so a status filter pages through the database like any other. */
export function shownStatusWhere(status: RunStatus): Prisma.RuntimeRunWhereInput {
  const calling = { jobs: { some: { kind: "CALL" as const } } };
  const waiting = { OR: [{ waits: { some: {} } }, { jobs: { some: { kind: "INVOKE_TIMEOUT" as const } } }] };
  const sleeping = { jobs: { some: { kind: "SLEEP" as const } } };
  switch (status) {
    case "WAITING":
      return { status: "RUNNING", NOT: calling, ...waiting };
    case "SLEEPING":
      return { status: "RUNNING", AND: [{ NOT: calling }, { NOT: waiting }, sleeping] };
    case "RUNNING":
      return { status: "RUNNING", OR: [calling, { AND: [{ NOT: waiting }, { NOT: sleeping }] }] };
    default:
      return { status };
  }
}
