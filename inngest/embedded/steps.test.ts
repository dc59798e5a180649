import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";

/** Sleeps, waits, parallel steps, invoke and sendEvent through the real SDK protocol. */
describe("embedded executor: step kinds", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness((inngest) => {
      const child = inngest.createFunction({ id: "child", triggers: [{ event: "test/never" }] }, async ({ event }) => ({ doubled: Number(event.data.n) * 2 }));
      return [
        child,
        inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
          const before = await step.run("before", () => Date.now());
          await step.sleep("nap", "1s");
          const after = await step.run("after", () => Date.now());
          return { slept: after - before };
        }),
        inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order.created" }] }, async ({ event, step }) => {
          const paid = await step.waitForEvent("wait-payment", {
            event: "test/order.paid",
            timeout: event.data.timeout as string,
            if: "async.data.orderId == event.data.orderId",
          });
          return { paid: paid ? paid.data.amount : null };
        }),
        inngest.createFunction({ id: "fan", triggers: [{ event: "test/fan" }] }, async ({ step }) => {
          const started = Date.now();
          const results = await Promise.all(
            ["x", "y", "z"].map((id) => step.run(id, async () => {
              await new Promise((resolve) => setTimeout(resolve, 300));
              return id.toUpperCase();
            })),
          );
          const total = await step.run("join", () => results.join(""));
          return { total, ms: Date.now() - started };
        }),
        inngest.createFunction({ id: "caller", triggers: [{ event: "test/invoke" }] }, async ({ step }) => {
          const result = await step.invoke("call-child", { function: child, data: { n: 21 } });
          await step.sendEvent("announce", { name: "test/announced", data: { doubled: result.doubled } });
          return result;
        }),
        inngest.createFunction({ id: "listener", triggers: [{ event: "test/announced" }] }, async ({ event }) => event.data),
      ];
    });
  });
  afterAll(() => h?.stop());

  it("sleeps durably: the step after the sleep runs after it ends", async () => {
    await h.inngest.send({ name: "test/sleep", data: {} });
    const run = await h.waitForRun("sleeper");
    expect(run.status).toBe("COMPLETED");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(1_000);
    expect((await h.stepsOf(run.id)).map((s) => [s.name, s.op])).toEqual([
      ["before", "StepRun"],
      ["nap", "Sleep"],
      ["after", "StepRun"],
    ]);
  });

  it("resumes a waitForEvent on the matching event only", async () => {
    await h.inngest.send({ name: "test/order.created", data: { orderId: "o-1", timeout: "1m" } });
    await h.waitForRun("waiter", (run) => run.status === "RUNNING");
    await expect.poll(async () => (await h.db.query("SELECT count(*)::int AS n FROM runtime_wait")).rows[0].n).toBe(1);
    await h.inngest.send({ name: "test/order.paid", data: { orderId: "o-2", amount: 5 } }); // another order
    await h.inngest.send({ name: "test/order.paid", data: { orderId: "o-1", amount: 42 } });
    const run = await h.waitForRun("waiter");
    expect(run.output).toEqual({ paid: 42 });
  });

  it("times a waitForEvent out with null", async () => {
    await h.inngest.send({ name: "test/order.created", data: { orderId: "o-3", timeout: "1s" } });
    const run = await h.waitForRun("waiter", (r) => r.event.data.orderId === "o-3" && r.status === "COMPLETED");
    expect(run.output).toEqual({ paid: null });
    expect(run.ended_at!.getTime() - run.created_at.getTime()).toBeGreaterThanOrEqual(1_000);
  });

  it("runs parallel steps side by side, then continues", async () => {
    await h.inngest.send({ name: "test/fan", data: {} });
    const run = await h.waitForRun("fan");
    expect(run.status).toBe("COMPLETED");
    const output = run.output as { total: string; ms: number };
    expect(output.total).toBe("XYZ");
    expect(output.ms).toBeLessThan(800); // three 300 ms steps at once, not one after another
    expect((await h.stepsOf(run.id)).map((s) => s.name).sort()).toEqual(["join", "x", "y", "z"]);
  });

  it("invokes another function, and sends events from a step", async () => {
    await h.inngest.send({ name: "test/invoke", data: {} });
    const run = await h.waitForRun("caller");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ doubled: 42 });
    const child = await h.waitForRun("child");
    expect(child.event.name).toBe("inngest/function.invoked");
    const listener = await h.waitForRun("listener");
    expect(listener.output).toEqual({ doubled: 42 });
  });
});
