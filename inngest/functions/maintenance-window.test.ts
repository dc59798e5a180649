import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "@/server/dataspaces/tenant-context";
import { db } from "@/server/db/client";
import { cancelMaintenance } from "@/server/records/maintenances/complete-maintenance";
import { scheduleMaintenanceInput, updateMaintenanceInput } from "@/server/records/maintenances/maintenance.schema";
import { scheduleMaintenance } from "@/server/records/maintenances/schedule-maintenance";
import { updateMaintenance } from "@/server/records/maintenances/update-maintenance";
import { runtimePort } from "@/server/runtime/port";
import { startAppRuntime, type AppRuntime } from "../../test/app-runtime";
import { seedDataspace, seedUser, tenantFor } from "../../test/factories";

/**
 * The `maintenance-window` function on the embedded runtime, in real time: windows a few
 * seconds ahead start and complete at their times (durable sleeps, not polling), a rescheduled
 * window follows its new times only, a cancelled one is left alone, and a duplicate trigger moves
 * nothing twice.
 */
describe("maintenance windows on the runtime", () => {
  let runtime: AppRuntime;
  let ctx: TenantContext;

  beforeAll(async () => {
    runtime = await startAppRuntime();
    const owner = await seedUser();
    ctx = await tenantFor(owner.id, (await seedDataspace({ owner, name: "Runtime maintenance" })).slug);
    // A first window through the whole path (relay, executor, the function's first calls) warms a
    // fresh process, so the timings below measure the timers, not module loading on a busy machine.
    const warmUp = await schedule(300, 600);
    for (const deadline = Date.now() + 30_000; (await windowRow(warmUp.id)).status !== "completed"; ) {
      if (Date.now() > deadline) throw new Error("the warm-up window never completed");
      await sleep(100);
    }
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const windowRow = (id: string) => db.maintenance.findUniqueOrThrow({ where: { id }, select: { status: true, startedAt: true, completedAt: true, scheduledStart: true, scheduledEnd: true } });
  const serviceStatus = async (id: string) => (await db.service.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
  const eventsOf = (type: string, uuid: string) =>
    db.event.findMany({ where: { dataspaceId: ctx.dataspace.id, type } }).then((events) => events.filter((e) => (e.data as { uuid: string }).uuid === uuid));
  const runsOf = async (uuid: string) =>
    (await db.runtimeRun.findMany({ where: { functionId: { endsWith: "maintenance-window" }, dataspaceId: ctx.dataspace.id }, orderBy: { createdAt: "asc" } })).filter(
      (run) => (run.event as { data: { payload: { uuid: string } } }).data.payload.uuid === uuid,
    );
  const schedule = (startsIn: number, endsIn: number, serviceIds: string[] = []) => {
    const now = Date.now();
    return scheduleMaintenance(ctx, scheduleMaintenanceInput.parse({ title: "Timed window", scheduledStart: new Date(now + startsIn), scheduledEnd: new Date(now + endsIn), serviceIds }));
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("starts a window at its scheduled start and completes it at its scheduled end", { timeout: 30_000 }, async () => {
    const service = await ctx.db.service.create({ data: { dataspaceId: ctx.dataspace.id, name: "Timed API" } });
    const w = await schedule(1_500, 3_000, [service.id]);

    await expect.poll(async () => (await windowRow(w.id)).status, { timeout: 8_000, interval: 50 }).toBe("in_progress");
    const started = await windowRow(w.id);
    expect(started.startedAt!.getTime()).toBeGreaterThanOrEqual(w.scheduledStart.getTime());
    expect(started.startedAt!.getTime()).toBeLessThan(w.scheduledStart.getTime() + 5_000); // promptly (a cold first call and a CPU shared with the rest of the suite included)
    expect(await serviceStatus(service.id)).toBe("under_maintenance");

    await expect.poll(async () => (await windowRow(w.id)).status, { timeout: 8_000, interval: 50 }).toBe("completed");
    const done = await windowRow(w.id);
    expect(done.completedAt!.getTime()).toBeGreaterThanOrEqual(w.scheduledEnd.getTime());
    expect(done.completedAt!.getTime()).toBeLessThan(w.scheduledEnd.getTime() + 5_000); // promptly (a cold first call and a CPU shared with the rest of the suite included)
    expect(await serviceStatus(service.id)).toBe("operational");
    expect(await eventsOf("maintenance.started", w.id)).toHaveLength(1);
    expect(await eventsOf("maintenance.completed", w.id)).toHaveLength(1);
    await expect.poll(async () => (await runsOf(w.id)).map((r) => [r.status, r.output]), { timeout: 5_000 }).toEqual([
      ["COMPLETED", { start: { outcome: "started", status: "in_progress" }, complete: { outcome: "completed", status: "completed" } }],
    ]);
  });

  it("a rescheduled window starts at its new time, not the old one; the old times' run stops", { timeout: 30_000 }, async () => {
    // Margins of seconds: the move must land before the old start even on a loaded machine.
    const w = await schedule(3_000, 12_000);
    const now = Date.now();
    const moved = await updateMaintenance(ctx, updateMaintenanceInput.parse({ id: w.id, patch: { scheduledStart: new Date(now + 5_500), scheduledEnd: new Date(now + 6_500) } }));
    // A title edit moves no time: it starts no run.
    await updateMaintenance(ctx, updateMaintenanceInput.parse({ id: w.id, patch: { title: "Timed window, moved" } }));

    await sleep(Math.max(0, w.scheduledStart.getTime() + 700 - Date.now()));
    expect((await windowRow(w.id)).status).toBe("scheduled"); // the old start went by

    await expect.poll(async () => (await windowRow(w.id)).status, { timeout: 8_000, interval: 50 }).toBe("in_progress");
    expect((await windowRow(w.id)).startedAt!.getTime()).toBeGreaterThanOrEqual(moved.scheduledStart.getTime());
    await expect.poll(async () => (await windowRow(w.id)).status, { timeout: 8_000, interval: 50 }).toBe("completed");
    expect((await windowRow(w.id)).completedAt!.getTime()).toBeGreaterThanOrEqual(moved.scheduledEnd.getTime());
    expect(await eventsOf("maintenance.started", w.id)).toHaveLength(1);

    // One run per event (both may be relayed together, so their runs' order is not the events').
    const runFor = async (name: string) => (await runsOf(w.id)).find((r) => (r.event as { name: string }).name === name);
    expect((await runsOf(w.id)).map((r) => (r.event as { name: string }).name).sort()).toEqual(["maintenance.scheduled", "maintenance.updated"]);
    expect(await runFor("maintenance.scheduled")).toMatchObject({ status: "COMPLETED", output: { start: { outcome: "rescheduled" } } });
    await expect.poll(async () => (await runFor("maintenance.updated"))?.output, { timeout: 5_000 }).toMatchObject({ start: { outcome: "started" }, complete: { outcome: "completed" } });
  });

  it("a window cancelled before its start is left alone, and a duplicate trigger moves nothing twice", { timeout: 30_000 }, async () => {
    const cancelled = await schedule(2_500, 3_500); // cancelled well before its start, even on a loaded machine
    await cancelMaintenance(ctx, { id: cancelled.id });
    const w = await schedule(1_200, 2_200);
    // The same event again under another id (a second relay, a replay): the idempotency key refuses a second run.
    const [scheduled] = await eventsOf("maintenance.scheduled", w.id);
    await expect.poll(async () => (await runsOf(w.id)).length, { timeout: 5_000 }).toBe(1);
    await runtimePort().send([{ name: "maintenance.scheduled", data: { dataspaceId: ctx.dataspace.id, actorId: scheduled.actorId, payload: scheduled.data } }]);

    await expect.poll(async () => (await windowRow(w.id)).status, { timeout: 8_000, interval: 50 }).toBe("completed");
    expect(await eventsOf("maintenance.started", w.id)).toHaveLength(1);
    expect(await eventsOf("maintenance.completed", w.id)).toHaveLength(1);
    expect(await runsOf(w.id)).toHaveLength(1);

    await expect.poll(async () => (await runsOf(cancelled.id)).map((r) => r.output), { timeout: 5_000 }).toEqual([{ start: { outcome: "already_completed", status: "completed" } }]);
    expect(await windowRow(cancelled.id)).toMatchObject({ status: "completed", startedAt: null });
    expect(await eventsOf("maintenance.started", cancelled.id)).toHaveLength(0);
  });
});
