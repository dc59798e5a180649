import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fnId, startHarness, type Harness } from "./__fixtures__/harness";

/**
 * The executor against a real `serve()` endpoint over HTTP, state in real PostgreSQL.
 */
describe("embedded executor", () => {
  let h: Harness;
  const executed: Record<string, number> = {};
  const count = (key: string) => (executed[key] = (executed[key] ?? 0) + 1);
  let flaky = 0;

  beforeAll(async () => {
    h = await startHarness((inngest) => [
      inngest.createFunction({ id: "three-steps", triggers: [{ event: "test/three" }] }, async ({ event, step }) => {
        const a = await step.run("a", () => count(`a:${event.data.n}`) && `a${event.data.n}`);
        const b = await step.run("b", () => count(`b:${event.data.n}`) && `${a}b`);
        const c = await step.run("c", () => count(`c:${event.data.n}`) && `${b}c`);
        return { c };
      }),
      inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ step }) => {
        return step.run("sometimes", () => {
          flaky++;
          if (flaky < 3) throw new Error(`flaky failure ${flaky}`);
          return "finally";
        });
      }),
      inngest.createFunction(
        {
          id: "doomed",
          retries: 5,
          triggers: [{ event: "test/doomed" }],
          onFailure: async ({ event, error }: { event: { data: { run_id: string } }; error: Error }) => ({ handled: event.data.run_id, message: error.message }),
        },
        async ({ step }) => {
          await step.run("give-up", () => {
            throw new NonRetriableError("this cannot work");
          });
        },
      ),
    ]);
  });
  afterAll(() => h?.stop());

  it("runs a three-step function to completion, each step once", async () => {
    await h.inngest.send({ name: "test/three", data: { n: 1 } });
    const run = await h.waitForRun("three-steps");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ c: "a1bc" });
    const steps = await h.stepsOf(run.id);
    expect(steps.map((s) => [s.name, s.output])).toEqual([
      ["a", { type: "data", data: "a1" }],
      ["b", { type: "data", data: "a1b" }],
      ["c", { type: "data", data: "a1bc" }],
    ]);
    expect([executed["a:1"], executed["b:1"], executed["c:1"]]).toEqual([1, 1, 1]);
  });

  it("retries a failing step with backoff and records each failed attempt", async () => {
    await h.inngest.send({ name: "test/flaky", data: {} });
    const run = await h.waitForRun("flaky");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toBe("finally");
    const { rows: attempts } = await h.db.query("SELECT attempt, error, delay_ms, retry_at, created_at FROM runtime_attempt WHERE run_id = $1 ORDER BY id", [run.id]);
    expect(attempts.map((a) => [a.attempt, a.error.message])).toEqual([
      [0, "flaky failure 1"],
      [1, "flaky failure 2"],
    ]);
    for (const a of attempts) {
      expect(a.delay_ms).toBeGreaterThan(0);
      expect(a.delay_ms).toBeLessThanOrEqual(50); // the test cap on Inngest's 15 s+ schedule
      expect(a.retry_at.getTime()).toBeGreaterThan(a.created_at.getTime());
    }
    const [step] = await h.stepsOf(run.id);
    expect(step.attempts).toBe(3);
  });

  it("fails a run on NonRetriableError without retrying, and runs onFailure", async () => {
    await h.inngest.send({ name: "test/doomed", data: { why: "test" } });
    const run = await h.waitForRun("doomed");
    expect(run.status).toBe("FAILED");
    const { rows: attempts } = await h.db.query("SELECT attempt FROM runtime_attempt WHERE run_id = $1", [run.id]);
    expect(attempts.map((a) => a.attempt)).toEqual([0, 0]); // the step's failure, then the run's: no retry
    const failure = await h.waitForRun("doomed-failure");
    expect(failure.status).toBe("COMPLETED");
    expect(failure.output).toEqual({ handled: run.id, message: "this cannot work" });
    expect(failure.event.data.function_id).toBe(fnId("doomed"));
  });
});
