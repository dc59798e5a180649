import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./__fixtures__/harness";

/** Concurrency keys, throttle and idempotency, as configured on real functions. */
describe("embedded executor: flow control", () => {
  let h: Harness;
  const spans: Record<string, { key: string; n: number; start: number; end: number }[]> = { limited: [] };
  const warnings: string[] = [];

  beforeAll(async () => {
    h = await startHarness(
      (inngest) => [
        inngest.createFunction(
          { id: "limited", concurrency: { limit: 1, key: "event.data.dataspaceId" }, triggers: [{ event: "test/limited" }] },
          async ({ event, step }) => {
            await step.run("work", async () => {
              const start = Date.now();
              await new Promise((resolve) => setTimeout(resolve, 250));
              spans.limited.push({ key: String(event.data.dataspaceId), n: Number(event.data.n ?? 0), start, end: Date.now() });
            });
          },
        ),
        inngest.createFunction({ id: "throttled", throttle: { limit: 2, period: "2s" }, triggers: [{ event: "test/throttled" }] }, async () => Date.now()),
        inngest.createFunction({ id: "idempotent", idempotency: "event.data.userId", triggers: [{ event: "test/signup" }] }, async ({ event }) => event.data.userId),
        inngest.createFunction({ id: "debounced", debounce: { period: "5s" }, triggers: [{ event: "test/debounced" }] }, async () => "ok"),
      ],
      { executor: { log: (message) => warnings.push(message) } },
    );
  });
  afterAll(() => h?.stop());

  const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

  it("holds two runs with the same concurrency key apart, and lets other keys run alongside", async () => {
    await h.inngest.send([
      { name: "test/limited", data: { dataspaceId: "ds-1" } },
      { name: "test/limited", data: { dataspaceId: "ds-1" } },
      { name: "test/limited", data: { dataspaceId: "ds-2" } },
    ]);
    await expect.poll(async () => (await h.runsOf("limited")).filter((r) => r.status === "COMPLETED").length, { timeout: 5_000 }).toBe(3);
    const same = spans.limited.filter((s) => s.key === "ds-1");
    const other = spans.limited.find((s) => s.key === "ds-2")!;
    expect(same).toHaveLength(2);
    expect(overlap(same[0], same[1])).toBe(false);
    expect(same.some((s) => overlap(s, other))).toBe(true);
  });

  it("starts the runs waiting for one key in the order their events came (inbound processing relies on it)", async () => {
    await h.inngest.send([1, 2, 3, 4, 5].map((n) => ({ name: "test/limited", data: { dataspaceId: "ds-fifo", n } })));
    await expect.poll(() => spans.limited.filter((s) => s.key === "ds-fifo").length, { timeout: 5_000 }).toBe(5);
    expect(spans.limited.filter((s) => s.key === "ds-fifo").map((s) => s.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it("throttles run starts to the limit per period", async () => {
    await h.inngest.send([1, 2, 3].map((n) => ({ name: "test/throttled", data: { n } })));
    await expect.poll(async () => (await h.runsOf("throttled")).filter((r) => r.status === "COMPLETED").length, { timeout: 6_000 }).toBe(3);
    const starts = (await h.runsOf("throttled")).map((r) => r.started_at!.getTime()).sort((a, b) => a - b);
    expect(starts[1] - starts[0]).toBeLessThan(1_000);
    expect(starts[2] - starts[0]).toBeGreaterThanOrEqual(1_900); // the third waits for the window
  });

  it("starts one run per idempotency key", async () => {
    await h.inngest.send({ name: "test/signup", data: { userId: "u-1" } });
    await h.inngest.send({ name: "test/signup", data: { userId: "u-1" } });
    await h.inngest.send({ name: "test/signup", data: { userId: "u-2" } });
    await expect.poll(async () => (await h.runsOf("idempotent")).filter((r) => r.status === "COMPLETED").length).toBe(2);
    expect((await h.runsOf("idempotent")).map((r) => r.output).sort()).toEqual(["u-1", "u-2"]);
  });

  it("logs config it does not implement at sync", () => {
    expect(warnings.some((w) => w.includes("sbtest-debounced") && w.includes('"debounce" is not supported'))).toBe(true);
  });
});
