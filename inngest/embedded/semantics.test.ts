import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedTarget, realInngestSettings, realInngestTarget, type Target } from "./__fixtures__/targets";
import type { TestClient } from "./__fixtures__/harness";

/**
 * Step semantics as any Inngest shows them — a run's output, and what the function code did —
 * run once on the embedded executor and, when INNGEST_TEST_BASE_URL names a real Inngest server,
 * once more on it: the embedded executor must behave as Inngest does, not merely as we think.
 */
const executed = new Map<string, number>();
const count = (key: string) => executed.set(key, (executed.get(key) ?? 0) + 1).get(key)!;
const spans = new Map<string, { start: number; end: number }>();

function functions(inngest: TestClient) {
  return [
    inngest.createFunction({ id: "sem-three-steps", triggers: [{ event: "sem/three" }] }, async ({ event, step }) => {
      const tag = String(event.data.tag);
      const a = await step.run("a", () => count(`${tag}:a`) && "a");
      const b = await step.run("b", () => count(`${tag}:b`) && `${a}b`);
      return { c: await step.run("c", () => count(`${tag}:c`) && `${b}c`) };
    }),
    inngest.createFunction({ id: "sem-flaky", retries: 3, triggers: [{ event: "sem/flaky" }] }, async ({ event, step }) =>
      step.run("sometimes", () => {
        const attempt = count(`${event.data.tag}:flaky`);
        if (attempt < 3) throw new Error(`failure ${attempt}`);
        return `ok after ${attempt}`;
      }),
    ),
    inngest.createFunction({ id: "sem-sleeper", triggers: [{ event: "sem/sleep" }] }, async ({ event, step }) => {
      const before = await step.run("before", () => Date.now());
      await step.sleep("nap", "1s");
      const after = await step.run("after", () => count(`${event.data.tag}:after`) && Date.now());
      return { slept: after - before };
    }),
    inngest.createFunction({ id: "sem-waiter", triggers: [{ event: "sem/order.created" }] }, async ({ event, step }) => {
      const paid = await step.waitForEvent("wait-payment", {
        event: "sem/order.paid",
        timeout: String(event.data.timeout),
        if: "async.data.orderId == event.data.orderId",
      });
      return { paid: paid ? paid.data.amount : null };
    }),
    inngest.createFunction({ id: "sem-fan", triggers: [{ event: "sem/fan" }] }, async ({ event, step }) => {
      const parts = await Promise.all(
        ["x", "y", "z"].map((id) =>
          step.run(id, async () => {
            const start = Date.now();
            await new Promise((resolve) => setTimeout(resolve, 300));
            spans.set(`${event.data.tag}:${id}`, { start, end: Date.now() });
            count(`${event.data.tag}:${id}`);
            return id.toUpperCase();
          }),
        ),
      );
      return { joined: await step.run("join", () => parts.join("")) };
    }),
  ];
}

function stepSemantics(start: () => Promise<Target>) {
  let t: Target;
  beforeAll(async () => {
    t = await start();
  });
  afterAll(() => t?.stop());

  it("runs a multi-step function, each step exactly once", async () => {
    const tag = randomUUID();
    const run = await t.finishedRun(await t.send({ name: "sem/three", data: { tag } }));
    expect(run).toEqual({ status: "COMPLETED", output: { c: "abc" } });
    expect(["a", "b", "c"].map((s) => executed.get(`${tag}:${s}`))).toEqual([1, 1, 1]);
  });

  it("retries a failing step until it succeeds", async () => {
    const tag = randomUUID();
    const run = await t.finishedRun(await t.send({ name: "sem/flaky", data: { tag } }));
    expect(run).toEqual({ status: "COMPLETED", output: "ok after 3" });
  });

  it("sleeps, then runs the next step once", async () => {
    const tag = randomUUID();
    const run = await t.finishedRun(await t.send({ name: "sem/sleep", data: { tag } }));
    expect(run.status).toBe("COMPLETED");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(1_000);
    expect(executed.get(`${tag}:after`)).toBe(1);
  });

  it("resumes a waitForEvent on the matching event only", async () => {
    const orderId = randomUUID();
    const created = await t.send({ name: "sem/order.created", data: { orderId, timeout: "1m" } });
    // The wait exists only once the run reached it; until the run ends, keep paying (first match wins).
    const payments = setInterval(() => {
      void t.send({ name: "sem/order.paid", data: { orderId: randomUUID(), amount: 1 } });
      void t.send({ name: "sem/order.paid", data: { orderId, amount: 42 } });
    }, 250);
    try {
      expect(await t.finishedRun(created)).toEqual({ status: "COMPLETED", output: { paid: 42 } });
    } finally {
      clearInterval(payments);
    }
  });

  it("times a waitForEvent out with null", async () => {
    const run = await t.finishedRun(await t.send({ name: "sem/order.created", data: { orderId: randomUUID(), timeout: "1s" } }));
    expect(run).toEqual({ status: "COMPLETED", output: { paid: null } });
  });

  it("runs parallel steps side by side, each once, then continues", async () => {
    const tag = randomUUID();
    const run = await t.finishedRun(await t.send({ name: "sem/fan", data: { tag } }));
    expect(run).toEqual({ status: "COMPLETED", output: { joined: "XYZ" } });
    expect(["x", "y", "z"].map((s) => executed.get(`${tag}:${s}`))).toEqual([1, 1, 1]);
    const ran = ["x", "y", "z"].map((s) => spans.get(`${tag}:${s}`)!);
    expect(Math.max(...ran.map((r) => r.start))).toBeLessThan(Math.min(...ran.map((r) => r.end))); // they overlapped
  });
}

describe("step semantics: embedded executor", () => stepSemantics(() => embeddedTarget(functions)));

const real = realInngestSettings();
describe.skipIf(!real)(
  real
    ? `step semantics: real Inngest at ${real.baseUrl}`
    : "step semantics: real Inngest — not configured; set INNGEST_TEST_BASE_URL (plus INNGEST_TEST_SIGNING_KEY and INNGEST_TEST_EVENT_KEY unless it is `inngest dev`) to run this suite against it",
  () => stepSemantics(() => realInngestTarget(functions)),
);
