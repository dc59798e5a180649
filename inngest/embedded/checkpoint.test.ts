import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";
import { cancelRun, inRuntimeTransaction } from "./run-control";

/**
 * SDK v4 checkpointing against the real SDK: a discovery call runs the steps back to back in one
 * request, each step stored through the executor's checkpoint API before the next one runs.
 * Every SDK request runs the function body once from the top, so counting entries into the body
 * counts the requests the serve endpoint answered.
 */
describe("embedded executor: checkpointing", () => {
  let h: Harness;
  const executed: Record<string, number> = {};
  const entries: Record<string, number> = {};
  const count = (key: string) => (executed[key] = (executed[key] ?? 0) + 1);
  const enter = (key: string) => (entries[key] = (entries[key] ?? 0) + 1);
  const gates: Record<string, { entered: () => void; release: () => void }> = {};
  const gate = (key: string) => {
    let entered: () => void = () => {};
    const reached = new Promise<void>((resolve) => (entered = resolve));
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    gates[key] = { entered, release };
    return { reached, release: () => release(), released };
  };
  const waitAt = async (key: string, released: Promise<void>) => {
    gates[key]?.entered();
    await released;
  };
  let crashGate: ReturnType<typeof gate> | null = null;
  let cancelGate: ReturnType<typeof gate> | null = null;

  beforeAll(async () => {
    h = await startHarness((inngest) => [
      inngest.createFunction({ id: "three", triggers: [{ event: "test/three" }] }, async ({ event, step }) => {
        enter(`three:${event.data.n}`);
        const a = await step.run("a", () => (count(`a:${event.data.n}`), 1));
        const b = await step.run("b", () => (count(`b:${event.data.n}`), a + 1));
        const c = await step.run("c", () => (count(`c:${event.data.n}`), b + 1));
        return { c };
      }),
      inngest.createFunction({ id: "crashy", triggers: [{ event: "test/crashy" }] }, async ({ step }) => {
        enter("crashy");
        await step.run("one", () => count("crashy:one"));
        await step.run("two", () => count("crashy:two"));
        const three = await step.run("three", async () => {
          const n = count("crashy:three");
          if (n === 1 && crashGate) await waitAt("crash", crashGate.released); // the executor dies here
          return n;
        });
        await step.run("four", () => count("crashy:four"));
        return { three };
      }),
      inngest.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "test/flaky" }] }, async ({ step }) => {
        enter("flaky");
        await step.run("before", () => count("flaky:before"));
        await step.run("shaky", () => {
          if (count("flaky:shaky") === 1) throw new Error("first try fails");
          return "ok";
        });
        return step.run("after", () => count("flaky:after"));
      }),
      inngest.createFunction({ id: "fan", triggers: [{ event: "test/fan" }] }, async ({ step }) => {
        const first = await step.run("first", () => "F");
        const [x, y] = await Promise.all([step.run("x", () => "X"), step.run("y", () => "Y")]);
        return step.run("join", () => first + x + y);
      }),
      inngest.createFunction({ id: "doomed", triggers: [{ event: "test/doomed" }] }, async ({ step }) => {
        await step.run("one", () => count("doomed:one"));
        await step.run("two", async () => {
          count("doomed:two");
          if (cancelGate) await waitAt("cancel", cancelGate.released); // the run is cancelled here
        });
        await step.run("three", () => count("doomed:three"));
      }),
    ]);
  });
  afterAll(() => h?.stop());

  it("runs a three-step function in one SDK request, each step stored as it finishes", async () => {
    await h.inngest.send({ name: "test/three", data: { n: 1 } });
    const run = await h.waitForRun("three");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ c: 3 });
    expect(entries["three:1"]).toBe(1);
    expect([executed["a:1"], executed["b:1"], executed["c:1"]]).toEqual([1, 1, 1]);
    const steps = await h.stepsOf(run.id);
    expect(steps.map((s) => [s.name, s.op, s.output])).toEqual([
      ["a", "StepRun", { type: "data", data: 1 }],
      ["b", "StepRun", { type: "data", data: 2 }],
      ["c", "StepRun", { type: "data", data: 3 }],
    ]);
  });

  it("resumes after a crash mid-request at the step after the last checkpoint, never re-running stored steps", async () => {
    crashGate = gate("crash");
    await h.inngest.send({ name: "test/crashy", data: {} });
    await crashGate.reached; // one and two are checkpointed, three is running
    const [run] = await h.runsOf("crashy");
    expect((await h.stepsOf(run.id)).map((s) => s.name)).toEqual(["one", "two"]);
    await h.executor.kill();
    crashGate.release(); // the orphaned request finishes three; its checkpoint must not count
    await h.restartExecutor();
    const done = await h.waitForRun("crashy");
    expect(done.status).toBe("COMPLETED");
    expect(executed).toMatchObject({ "crashy:one": 1, "crashy:two": 1, "crashy:three": 2, "crashy:four": 1 });
    // The stored result of three is the resumed call's, not the orphaned request's.
    expect(done.output).toEqual({ three: 2 });
    expect(entries.crashy).toBe(2); // the orphaned request, and one that resumed at three
    const steps = await h.stepsOf(done.id);
    expect(steps.map((s) => s.name)).toEqual(["one", "two", "three", "four"]);
  });

  it("hands a failing step back to the normal retry path, with its backoff recorded", async () => {
    await h.inngest.send({ name: "test/flaky", data: {} });
    const run = await h.waitForRun("flaky");
    expect(run.status).toBe("COMPLETED");
    expect(executed).toMatchObject({ "flaky:before": 1, "flaky:shaky": 2, "flaky:after": 1 });
    expect(entries.flaky).toBe(3); // before + the failure; the retry of shaky alone; after + the end
    const { rows: attempts } = await h.db.query("SELECT step_id, attempt, error, delay_ms, retry_at FROM runtime_attempt WHERE run_id = $1", [run.id]);
    expect(attempts).toHaveLength(1);
    expect(attempts[0].error.message).toBe("first try fails");
    expect(attempts[0].delay_ms).toBeGreaterThan(0);
    expect(attempts[0].retry_at).not.toBeNull();
    const steps = await h.stepsOf(run.id);
    expect(steps.map((s) => [s.name, s.attempts])).toEqual([
      ["before", 1],
      ["shaky", 2],
      ["after", 1],
    ]);
  });

  it("runs parallel steps after a checkpointed step, then continues", async () => {
    await h.inngest.send({ name: "test/fan", data: {} });
    const run = await h.waitForRun("fan");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toBe("FXY");
    const names = (await h.stepsOf(run.id)).map((s) => s.name);
    expect(names[0]).toBe("first");
    expect(names.slice(1, 3).sort()).toEqual(["x", "y"]);
    expect(names[3]).toBe("join");
  });

  it("stops a checkpointing request when its run is cancelled: no step runs after the cancel", async () => {
    cancelGate = gate("cancel");
    await h.inngest.send({ name: "test/doomed", data: {} });
    await cancelGate.reached;
    const [run] = await h.runsOf("doomed");
    await inRuntimeTransaction(process.env.DATABASE_URL!, (c) => cancelRun(c, run.id, "test"));
    cancelGate.release(); // step two's checkpoint is refused (409): the SDK stops the request
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(executed).toMatchObject({ "doomed:one": 1, "doomed:two": 1 });
    expect(executed["doomed:three"]).toBeUndefined();
    const [after] = await h.runsOf("doomed");
    expect(after.status).toBe("CANCELLED");
    expect((await h.stepsOf(run.id)).map((s) => s.name)).toEqual(["one"]);
  });

  it("refuses checkpoints for calls it is not making", async () => {
    const post = (body: unknown) =>
      fetch(`${h.executor.url}/v1/checkpoint/00000000-0000-0000-0000-000000000000/async`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const stale = await post({ run_id: "00000000-0000-0000-0000-000000000000", qi_id: "1", generation_id: 1, steps: [{ id: "x", op: "StepRun", data: 1 }] });
    expect(stale.status).toBe(409);
    expect((await post({ nonsense: true })).status).toBe(400);
  });
});
