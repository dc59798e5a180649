import { scopedDb } from "@/server/db/scoped";
import { transactionWithEvents } from "@/server/events/transaction-with-events";
import { lockMaintenance } from "./get-maintenance";
import type { MaintenanceStatus } from "./maintenance.schema";
import { beginWindow, finishWindow } from "./window-transitions";

/**
 * The runtime's side of a window (inngest/functions/maintenance-window.ts): at the scheduled
 * start, `startMaintenance`; at the scheduled end, `completeMaintenance`. Each is guarded — it
 * moves the window only from the status it expects, only once its time has come, and only if the
 * window's times are still the ones the run slept for (a rescheduled window is followed by the run
 * its update started, not by the run of its old times). So running one twice, or two runs of the
 * same times, changes nothing the second time.
 */
export type WindowRun = {
  dataspaceId: string;
  maintenanceId: string;
  /** The times the run slept for, as its triggering event carried them (ISO 8601). */
  scheduledStart: string;
  scheduledEnd: string;
};

export type TransitionOutcome =
  | "started"
  | "completed"
  | "already_started"
  | "already_completed"
  | "not_started"
  | "rescheduled"
  | "not_due"
  | "gone";

/** What a transition did, as the run records it; `due` is when to try again for "not_due". */
export type Transition = { outcome: TransitionOutcome; status: MaintenanceStatus | null; due?: string };

export function startMaintenance(run: WindowRun, now = new Date()): Promise<Transition> {
  return transition(run, now, async (tx, dataspace, window) => {
    if (window.status === "in_progress") return { outcome: "already_started", status: window.status };
    if (window.status === "completed") return { outcome: "already_completed", status: window.status };
    if (now < window.scheduledStart) return { outcome: "not_due", status: window.status, due: window.scheduledStart.toISOString() };
    const after = await beginWindow(tx, dataspace, window, now);
    return { outcome: "started", status: after.status };
  });
}

export function completeMaintenance(run: WindowRun, now = new Date()): Promise<Transition> {
  return transition(run, now, async (tx, dataspace, window) => {
    if (window.status === "completed") return { outcome: "already_completed", status: window.status };
    if (window.status === "scheduled") return { outcome: "not_started", status: window.status };
    if (now < window.scheduledEnd) return { outcome: "not_due", status: window.status, due: window.scheduledEnd.toISOString() };
    const after = await finishWindow(tx, dataspace, window, now, { message: "Maintenance completed", actorId: null });
    return { outcome: "completed", status: after.status };
  });
}

type Step = (
  tx: Parameters<typeof lockMaintenance>[0],
  dataspace: { id: string; slug: string; name: string },
  window: NonNullable<Awaited<ReturnType<typeof lockMaintenance>>>,
) => Promise<Transition>;

async function transition(run: WindowRun, now: Date, step: Step): Promise<Transition> {
  const db = scopedDb(run.dataspaceId);
  return transactionWithEvents(db, async (tx) => {
    const dataspace = await tx.dataspace.findFirst({ select: { id: true, slug: true, name: true } });
    if (!dataspace) return { outcome: "gone", status: null };
    const window = await lockMaintenance(tx, dataspace.id, run.maintenanceId);
    if (!window) return { outcome: "gone", status: null };
    const slept = { start: new Date(run.scheduledStart).getTime(), end: new Date(run.scheduledEnd).getTime() };
    if (window.scheduledStart.getTime() !== slept.start || window.scheduledEnd.getTime() !== slept.end) {
      return { outcome: "rescheduled", status: window.status };
    }
    return step(tx, dataspace, window);
  });
}
