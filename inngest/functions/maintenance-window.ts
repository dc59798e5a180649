import { completeMaintenance, startMaintenance, type Transition, type WindowRun } from "@/server/records/maintenances/maintenance-transitions";
import { domainEvents, inngest } from "../client";

/** How many times a run sleeps again when it woke a moment before its time (clocks disagree). */
const MAX_EARLY_WAKES = 3;

type Step = { sleepUntil: (id: string, time: Date | string) => Promise<void>; run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/**
 * Sleeps until `at`, then runs the transition; if it answers "not_due" (woken early), sleeps
 * again until the time it names. Step ids are numbered, so a replay follows the same path.
 */
async function atTime(step: Step, name: string, at: string, transition: () => Promise<Transition>): Promise<Transition> {
  let due = at;
  for (let wake = 0; ; wake++) {
    const suffix = wake === 0 ? "" : `-${wake + 1}`;
    await step.sleepUntil(`wait-for-${name}${suffix}`, new Date(due));
    const result = (await step.run(`${name}${suffix}`, transition)) as Transition;
    if (result.outcome !== "not_due" || !result.due || wake >= MAX_EARLY_WAKES) return result;
    due = result.due;
  }
}

/**
 * A maintenance window's clock: durable timers, no polling. Each `maintenance.scheduled`, and each
 * `maintenance.updated` that moved the window's times (`rescheduled`), starts a run that sleeps
 * until the scheduled start, starts the window, sleeps until the scheduled end, and completes it.
 *
 * A run acts only for the times it slept for: on waking, the domain re-reads the window (locked)
 * and moves it only if its times are still those and its status is the expected one. So the run of
 * a rescheduled window's old times wakes, finds them changed and stops (the run its update started
 * keeps the new ones); a window completed or cancelled by hand makes its run stop; and two runs of
 * the same times (an event delivered twice) move it once. The idempotency key — one run per
 * version of the window — keeps such duplicates from even starting.
 */
export const maintenanceWindow = inngest.createFunction(
  {
    id: "maintenance-window",
    name: "Maintenance window: start and complete on time",
    triggers: [domainEvents["maintenance.scheduled"], { event: domainEvents["maintenance.updated"], if: "event.data.payload.rescheduled == true" }],
    idempotency: "event.data.dataspaceId + ':' + event.data.payload.uuid + ':' + event.data.payload.last_modified_date",
  },
  async ({ event, step }) => {
    const { payload, dataspaceId } = event.data;
    const run: WindowRun = { dataspaceId, maintenanceId: payload.uuid, scheduledStart: payload.scheduled_start, scheduledEnd: payload.scheduled_end };
    const start = await atTime(step, "start", run.scheduledStart, () => startMaintenance(run));
    if (start.outcome !== "started" && start.outcome !== "already_started") return { start };
    const complete = await atTime(step, "complete", run.scheduledEnd, () => completeMaintenance(run));
    return { start, complete };
  },
);
