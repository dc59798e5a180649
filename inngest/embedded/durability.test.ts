import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";

/** What must survive: a killed executor, duplicate events, cron ticks across a restart. */
describe("embedded executor: durability", () => {
  let h: Harness;
  const executed: Record<string, number> = {};
  const count = (key: string) => (executed[key] = (executed[key] ?? 0) + 1);
  let release: () => void = () => {};
  let entered: () => void = () => {};
  const cronTicks: number[] = [];

  beforeAll(async () => {
    h = await startHarness((inngest) => [
      inngest.createFunction({ id: "long", triggers: [{ event: "test/long" }] }, async ({ step }) => {
        await step.run("one", () => count("one"));
        await step.run("two", () => count("two"));
        // "three" blocks until the test has killed the executor under it.
        await step.run("three", async () => {
          count("three");
          if (executed.three === 1) {
            entered();
            await new Promise<void>((resolve) => (release = resolve));
          }
          return "done";
        });
        await step.run("four", () => count("four"));
        return "finished";
      }),
      inngest.createFunction({ id: "once", triggers: [{ event: "test/once" }] }, async ({ event }) => event.data),
      inngest.createFunction({ id: "ticker", triggers: [{ cron: "TZ=Europe/Paris * * * * * *" }] }, async ({ event }) => {
        cronTicks.push(Date.now());
        return event.name;
      }),
    ]);
  });
  afterAll(() => h?.stop());

  it("resumes a run after the executor dies mid-step; completed steps run exactly once", async () => {
    const inStepThree = new Promise<void>((resolve) => (entered = resolve));
    await h.inngest.send({ name: "test/long", data: {} });
    await inStepThree;
    await h.executor.kill(); // as if the process died: the in-flight call's answer is lost
    release();
    await h.restartExecutor();
    const run = await h.waitForRun("long");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toBe("finished");
    expect(executed).toMatchObject({ one: 1, two: 1, four: 1 });
    expect(executed.three).toBe(2); // the step in flight at the crash had not been stored: it ran again
  });

  it("runs an event sent twice with the same id once", async () => {
    await h.inngest.send({ id: "evt-1", name: "test/once", data: { n: 1 } });
    const again = await h.inngest.send({ id: "evt-1", name: "test/once", data: { n: 1 } });
    expect(again.ids).toEqual(["evt-1"]);
    await h.waitForRun("once");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await h.runsOf("once")).toHaveLength(1);
  });

  it("fires a cron function on schedule, once per tick, also across a restart", async () => {
    await expect.poll(() => cronTicks.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    await h.executor.stop();
    await h.restartExecutor();
    const seen = cronTicks.length;
    await expect.poll(() => cronTicks.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(seen + 2);
    const runs = await h.runsOf("ticker");
    const ticks = runs.map((run) => run.event.data.cron && run.event.name);
    expect(ticks.every((name) => name === "inngest/scheduled.timer")).toBe(true);
    const { rows } = await h.db.query<{ ts: string }>("SELECT ts FROM runtime_event WHERE name = 'inngest/scheduled.timer'");
    const stamps = rows.map((row) => Number(row.ts));
    expect(new Set(stamps).size).toBe(stamps.length); // never two runs for one tick
    for (const ts of stamps) expect(ts % 1_000).toBe(0); // each on a whole second, as scheduled
  });
});
