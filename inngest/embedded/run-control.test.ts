import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";
import { cancelRun, inRuntimeTransaction } from "./run-control";

/** Cancelling runs parked on an event or on an invoked function, through the real executor. */
describe("run control: cancel", () => {
  let h: Harness;
  const resumed: string[] = [];
  const worked: string[] = [];
  let releaseFirst: () => void = () => {};
  const cancel = (runId: string) => inRuntimeTransaction(process.env.DATABASE_URL!, (c) => cancelRun(c, runId, "test"));

  beforeAll(async () => {
    h = await startHarness((inngest) => {
      const child = inngest.createFunction({ id: "slow-child", triggers: [{ event: "test/never" }] }, async ({ step }) => {
        await step.sleep("long", "1h");
        return "too late";
      });
      const tenantChild = inngest.createFunction({ id: "tenant-child", triggers: [{ event: "test/never-either" }] }, async () => "ok");
      return [
        child,
        inngest.createFunction({ id: "parent", triggers: [{ event: "test/parent" }] }, async ({ step }) => {
          try {
            return { child: await step.invoke("call-child", { function: child, data: {} }) };
          } catch (error) {
            return { childFailed: (error as Error).message };
          }
        }),
        // One at a time: the second run waits, parked in the executor's memory, for the slot.
        inngest.createFunction(
          { id: "single", concurrency: { limit: 1 }, triggers: [{ event: "test/single" }] },
          async ({ event, step }) => {
            await step.run("work", async () => {
              worked.push(String(event.data.n));
              if (event.data.n === 1) await new Promise<void>((resolve) => (releaseFirst = resolve));
            });
          },
        ),
        inngest.createFunction({ id: "tenant-parent", triggers: [{ event: "test/tenant-parent" }] }, async ({ event, step }) =>
          step.invoke("call-other", { function: tenantChild, data: { dataspaceId: event.data.claims } }),
        ),
        tenantChild,
        inngest.createFunction({ id: "waiter", triggers: [{ event: "test/wait" }] }, async ({ step }) => {
          const got = await step.waitForEvent("approval", { event: "test/approved", timeout: "1h" });
          await step.run("resume", () => resumed.push(String(got?.data.by)));
        }),
      ];
    });
  });
  afterAll(() => h?.stop());

  it("drops a waiting run's wait: the awaited event no longer resumes it", async () => {
    await h.inngest.send({ name: "test/wait", data: {} });
    const run = await h.waitForRun("waiter", (r) => r.status === "RUNNING");
    await expect.poll(async () => (await h.db.query("SELECT count(*)::int AS n FROM runtime_wait WHERE run_id = $1", [run.id])).rows[0].n, { timeout: 10_000 }).toBe(1);

    expect(await cancel(run.id)).toEqual({ cancelled: true });
    await h.inngest.send({ name: "test/approved", data: { by: "someone" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed).toEqual([]);
    expect((await h.runsOf("waiter"))[0]).toMatchObject({ status: "CANCELLED", error: { name: "RunCancelled" } });
    expect(await cancel(run.id)).toEqual({ cancelled: false, status: "CANCELLED" });
  });

  it("hands a cancelled invoked run's cancellation to the parent's step", async () => {
    await h.inngest.send({ name: "test/parent", data: {} });
    const child = await h.waitForRun("slow-child", (r) => r.status === "RUNNING");
    await expect.poll(async () => (await h.db.query("SELECT count(*)::int AS n FROM runtime_job WHERE run_id = $1 AND kind = 'SLEEP'", [child.id])).rows[0].n, { timeout: 10_000 }).toBe(1);

    await cancel(child.id);
    const parent = await h.waitForRun("parent", undefined, 5_000); // picked up by the executor's poll
    expect(parent.output).toEqual({ childFailed: expect.any(String) });
  });

  it("never calls the function for a run cancelled while it waited for a concurrency slot", async () => {
    await h.inngest.send({ name: "test/single", data: { n: 1 } });
    await expect.poll(() => worked, { timeout: 10_000 }).toEqual(["1"]);
    await h.inngest.send({ name: "test/single", data: { n: 2 } });
    const second = await h.waitForRun("single", (r) => r.event.data.n === 2);
    // Claimed and parked: the job row is taken, the run has not started.
    await expect.poll(async () => (await h.db.query("SELECT count(*)::int AS n FROM runtime_job WHERE run_id = $1 AND claimed", [second.id])).rows[0].n, { timeout: 10_000 }).toBe(1);

    expect(await cancel(second.id)).toEqual({ cancelled: true });
    releaseFirst();
    await h.waitForRun("single", (r) => r.event.data.n === 1 && r.status === "COMPLETED");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worked).toEqual(["1"]);
    expect((await h.runsOf("single")).find((r) => r.id === second.id)?.status).toBe("CANCELLED");
  });

  it("gives an invoked run its parent's dataspace, not the one its payload names", async () => {
    const own = "0190a000-0000-7000-8000-00000000000a";
    const other = "0190a000-0000-7000-8000-00000000000b";
    await h.inngest.send({ name: "test/tenant-parent", data: { dataspaceId: own, claims: other } });
    const parent = await h.waitForRun("tenant-parent");
    expect(parent.status).toBe("COMPLETED");
    const rows = (await h.db.query("SELECT function_id, dataspace_id FROM runtime_run WHERE function_id LIKE '%tenant-%' ORDER BY function_id")).rows;
    expect(rows).toEqual([
      { function_id: expect.stringMatching(/tenant-child$/), dataspace_id: own },
      { function_id: expect.stringMatching(/tenant-parent$/), dataspace_id: own },
    ]);
  });

  it("knows no unknown run", async () => {
    expect(await cancel("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
